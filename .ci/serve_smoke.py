"""Start the production setup (`bin/serve`) on a free port and check its shared cache the way the page-delivery
contract says it works: a page read twice past the notice is a HIT the second time, a tracking query string
shares the entry, a request with a session never gets a cached copy, a PURGE from loopback drops every variant
of the path and nothing else, and static files have a year's max-age. Then stop bin/serve as Ctrl-C would and
check that it left no process and freed the port.

    .venv/bin/python .ci/serve_smoke.py

A failure prints the last lines of the site's log. Standard library only; the starting, stopping and
fetching it shares with .ci/smoke.py are in .ci/_smoke.py."""

import re
import sys

import _smoke
from _smoke import SmokeFailed, expect, run

NOTICE = "auscult_hp=1"
# What would make bin/serve anything but a local run on SQLite and the file cache.
NOT_INHERITED = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "SITE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
    "FRONTEND_CACHE_PURGE_URL",
    "TRUSTED_PROXY_COUNT",
    "LISTEN_ADDRESS",
    "TLS_CERTIFICATE",
    "MIGRATE",
    "SEED_DEMO",
    "SCHEDULER",
)


def fetch(url, *, cookie=NOTICE, **kwargs):
    """As a browser that has passed the notice, unless told otherwise."""
    return _smoke.fetch(url, cookie=cookie, **kwargs)


def cache_status(url, **kwargs):
    status, headers, _ = fetch(url, **kwargs)
    if status != 200:
        raise SmokeFailed(f"{url} answered {status}")
    return headers.get("X-Cache-Status")


def use_the_site(base, port, healthz):
    headers, body = healthz
    expect(
        '"status": "ok"' in body and headers.get("Server", "").startswith("nginx"),
        "/healthz answers 200 ok through nginx",
    )

    status, headers, home = fetch(f"{base}/")
    expect(status == 200 and cache_status(f"{base}/") == "HIT", "the home page, read twice past the notice, is a HIT")
    cache_control = headers.get("Cache-Control", "")
    expect("max-age=0" in cache_control and "s-maxage=" in cache_control, f"the browser gets {cache_control!r}")
    articles = re.findall(r'class="teaser__headline"><a href="(/[^"]+/)"', home)
    expect(bool(articles), "the home page links to articles")
    article = f"{base}{articles[0]}"
    section = f"{base}/{articles[0].strip('/').split('/')[0]}/"

    cache_status(article)
    expect(cache_status(article) == "HIT", f"the article {articles[0]}, read twice, is a HIT")
    expect(cache_status(f"{article}?utm_source=x") == "HIT", "?utm_source=x is the same cache entry (HIT)")
    expect(cache_status(f"{article}?order=newest") in ("MISS", "EXPIRED"), "?order=newest is an entry of its own")
    expect(cache_status(f"{article}?order=newest") == "HIT", "which the next read hits")
    with_session = [cache_status(article, cookie=f"{NOTICE}; sessionid=smoke") for _ in range(2)]
    expect("HIT" not in with_session, f"a request with a sessionid cookie is never a HIT ({with_session})")
    status, headers, _ = fetch(article, cookie=None)
    expect(
        status == 302 and headers.get("X-Cache-Status") != "HIT",
        "a browser without the notice cookie is sent to the notice by Django, not given the cached copy",
    )

    cache_status(section)
    expect(cache_status(section) == "HIT", "its section page is cached too")
    status, headers, _ = fetch(article, cookie=None, method="PURGE")
    expect(status == 200, f"PURGE of the article's path from loopback answers 200 ({headers.get('X-Purged')} purged)")
    expect(cache_status(article) == "MISS", "the next read of the article is a MISS")
    expect(cache_status(f"{article}?order=newest") == "MISS", "and so is its ?order=newest variant")
    expect(cache_status(section) == "HIT", "the section page was left alone")
    status, _, _ = fetch(f"{base}/no-such-page/", cookie=None, method="PURGE")
    expect(status == 200, "PURGE of a path with nothing cached answers 200")

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home)
    expect(bool(stylesheet), "the home page links a stylesheet under /static/")
    status, headers, _ = fetch(f"{base}{stylesheet.group(1)}", cookie=None)
    expect(
        status == 200 and "max-age=31536000" in headers.get("Cache-Control", ""),
        f"{stylesheet.group(1)} is served with {headers.get('Cache-Control')!r}",
    )


def main():
    return run(
        "bin/serve",
        label="serve smoke",
        not_inherited=NOT_INHERITED,
        use_the_site=use_the_site,
        children="nginx, gunicorn, worker, timer, purge",
    )


if __name__ == "__main__":
    sys.exit(main())
