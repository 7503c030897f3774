"""Start the site the way the README says (`bin/run`) on a free port and use it as a reader would:
/healthz, the home page, an article as a crawler and as a browser that has passed the notice, and
/feed/. Then stop bin/run as Ctrl-C would and check that it left no process and freed the port.

    .venv/bin/python .ci/smoke.py        # CI runs it after bin/test, reusing the .venv bin/test built

A failure prints the last lines of the site's log. Standard library only; the starting, stopping and
fetching it shares with .ci/serve_smoke.py are in .ci/_smoke.py."""

import re
import sys

from _smoke import expect, fetch, run

CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BAND = "This site is intended for health professionals only"


def use_the_site(base, port, healthz):
    _, body = healthz
    expect('"status": "ok"' in body, "/healthz answers 200 ok")

    status, headers, home = fetch(f"{base}/", agent=CRAWLER)
    expect(status == 200 and BAND in home, "the home page answers 200 with the professionals-only band")
    articles = re.findall(r'class="teaser__headline"><a href="(/[^"]+/)"', home)
    expect(bool(articles), "the home page links to articles")
    article = articles[0]

    status, _, page = fetch(f"{base}{article}", agent=CRAWLER)
    expect(status == 200 and "<h1" in page, f"a crawler reads the article {article} without the notice")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    expect(
        canonical and canonical.group(1) == f"http://127.0.0.1:{port}{article}",
        "its canonical link carries SITE_URL's host and port",
    )

    status, headers, _ = fetch(f"{base}{article}")
    expect(status == 302 and "/notice/" in headers.get("Location", ""), "a first-time browser is shown the notice")
    status, _, page = fetch(f"{base}{article}", cookie="auscult_hp=1")
    expect(status == 200 and "Readers' comments" in page, "with the notice cookie a browser reads the article")

    status, headers, feed = fetch(f"{base}/feed/")
    expect(status == 200 and "<rss" in feed and "<item>" in feed, "/feed/ answers an RSS feed with items")


def main():
    return run(
        "bin/run", label="smoke", not_inherited=("DJANGO_SETTINGS_MODULE", "DATABASE_URL"), use_the_site=use_the_site
    )


if __name__ == "__main__":
    sys.exit(main())
