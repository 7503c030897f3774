"""Purge every cached variant of a path from nginx's cache: the wildcard Debian's ngx_cache_purge lacks.

nginx keys a page on "<host><path>|page=…&page_size=…&order=…|<scheme>" (deploy/nginx/auscult.conf), so one
page of a thread or a listing is many entries, and Wagtail's front-end cache invalidation sends one
`PURGE <path>` for all of them. Debian's libnginx-mod-http-cache-purge (ngx_cache_purge 2.3) purges one exact
key; its wildcard (`key*`) exists only in a later fork Debian does not ship. nginx hands each PURGE to this
server with the key prefix "<host><path>|" in X-Purge-Prefix; it finds the keys with that prefix in the cache
files' headers (each file names its key on a "KEY: " line) and has nginx purge each one through the module, on
nginx's own purge socket, so nginx's record of the cache stays right. The prefix ends at "|", so purging /news/
leaves /news/some-article/ alone.

It answers 200 with the number purged (0 when nothing was cached). A purge lists the cache directory and reads
only the files it has not seen before. Standard library only.

    python deploy/nginx/purge.py --socket var/serve/run/purge.sock --cache var/serve/cache \
        --nginx var/serve/run/nginx-purge.sock
"""

import argparse
import http.client
import http.server
import logging
import os
import re
import signal
import socket
import socketserver
import sys

CACHE_FILE = re.compile(r"[0-9a-f]{32}")
KEY_MARK = b"\nKEY: "
# nginx's binary header comes first (a few hundred bytes), then the key; a key is at most a long URL.
HEAD_BYTES = 4096
MAX_HEAD_BYTES = 65536

logger = logging.getLogger("purge")


class CacheIndex:
    """The key of every file in the cache directory. A file's name is the MD5 of its key, so a name once read
    always holds the same key: only names not seen before are opened."""

    def __init__(self, root):
        self.root = root
        self.keys = {}  # path -> key

    def refresh(self):
        seen = {}
        for directory, _, names in os.walk(self.root):
            for name in names:
                if not CACHE_FILE.fullmatch(name):
                    continue  # a temporary file nginx is still writing
                path = os.path.join(directory, name)
                key = self.keys.get(path) or read_key(path)
                if key is not None:
                    seen[path] = key
        self.keys = seen

    def matching(self, prefix):
        return sorted({key for key in self.keys.values() if key.startswith(prefix)})


def read_key(path):
    """The key on a cache file's "KEY: " line, or None for a file that has none (yet)."""
    head = b""
    try:
        with open(path, "rb") as cached:
            while len(head) < MAX_HEAD_BYTES:
                chunk = cached.read(HEAD_BYTES)
                if not chunk:
                    break
                head += chunk
                start = head.find(KEY_MARK)
                if start >= 0 and head.find(b"\n", start + len(KEY_MARK)) >= 0:
                    break
    except OSError:
        return None
    start = head.find(KEY_MARK)
    if start < 0:
        return None
    start += len(KEY_MARK)
    end = head.find(b"\n", start)
    return head[start:end] if end >= 0 else None


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=5):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def purge_key(nginx_socket, key):
    """Have nginx purge one exact key; True when it had it."""
    if b"\r" in key or b"\n" in key:
        return False  # cannot travel in a header; such a key would need a path no browser sends
    connection = UnixHTTPConnection(nginx_socket)
    try:
        connection.putrequest("PURGE", "/", skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", "purge")
        connection.putheader("X-Purge-Key", key)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status == 200
    finally:
        connection.close()


class PurgeHandler(http.server.BaseHTTPRequestHandler):
    server_version = "auscult-purge"

    def do_PURGE(self):  # noqa: N802 - http.server's naming
        prefix = self.headers.get("X-Purge-Prefix", "").encode("latin-1")
        if not prefix.endswith(b"|"):
            self.answer(400, "X-Purge-Prefix must end with |\n")
            return
        index = self.server.index
        index.refresh()
        purged = 0
        for key in index.matching(prefix):
            try:
                purged += purge_key(self.server.nginx_socket, key)
            except OSError as error:
                logger.error("could not purge %r: %s", key, error)
        logger.info("purged %d entries of %r", purged, prefix.decode("latin-1"))
        self.answer(200, f"purged {purged}\n", purged=purged)

    def answer(self, status, text, purged=None):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        if purged is not None:
            self.send_header("X-Purged", str(purged))
        self.end_headers()
        self.wfile.write(body)

    def address_string(self):
        return "nginx"  # a unix socket has no peer address

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        logger.debug(format, *args)


class UnixHTTPServer(socketserver.UnixStreamServer):
    def __init__(self, path, index, nginx_socket):
        if os.path.exists(path):
            os.unlink(path)  # left by a run that was killed
        super().__init__(path, PurgeHandler)
        self.index = index
        self.nginx_socket = nginx_socket


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--socket", required=True, help="the unix socket to listen on (nginx's @purge)")
    parser.add_argument("--cache", required=True, help="nginx's proxy_cache_path directory")
    parser.add_argument("--nginx", required=True, help="nginx's exact-key purge socket")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s purge: %(message)s", stream=sys.stderr)
    os.makedirs(args.cache, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with UnixHTTPServer(args.socket, CacheIndex(args.cache), args.nginx) as server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            os.unlink(args.socket)


if __name__ == "__main__":
    main()
