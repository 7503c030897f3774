"""seed_demo builds a whole magazine that every page type renders from."""

import io
import re
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from lxml import etree, html
from wagtail.models import Page

from auscult.comments.models import Comment, CommentStatus, Report
from auscult.demo.text import TextGenerator
from auscult.moderation.counters import counter_drift
from auscult.publishing.models import ArticlePage, Author, PrintIssuePage, SectionPage
from auscult.ratings.models import Rating

pytestmark = pytest.mark.django_db

BAND = "This site is intended for health professionals only"


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_demo", articles=30, authors=7, issues=3, members=3, seed=11, stdout=out, verbosity=0)
    return out.getvalue()


def test_seed_builds_the_demo_magazine(seeded):
    assert SectionPage.objects.live().count() >= 5
    assert Author.objects.count() == 7 and not Author.objects.filter(photo=None).exists()
    assert ArticlePage.objects.live().count() == 30
    assert PrintIssuePage.objects.live().filter(cover__isnull=False).count() == 3
    assert not ArticlePage.objects.filter(article_authors=None).exists()
    # The tree written by the bulk path is one treebeard itself finds nothing wrong with.
    assert Page.find_problems() == ([], [], [], [], [])
    assert all(any(b.block_type == "pull_quote" for b in a.body) for a in ArticlePage.objects.all())


def test_seed_prints_working_demo_accounts(seeded, client):
    for username in ("admin", "editor", "moderator", "member1"):
        assert username in seeded
    assert client.login(username="editor", password="auscult-editor")
    assert client.get("/admin/").status_code == 200
    assert get_user_model().objects.get(username="moderator").groups.filter(name="Moderators").exists()


def test_seed_refuses_a_database_with_content(seeded):
    with pytest.raises(CommandError):
        call_command("seed_demo", articles=1, verbosity=0)
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, stdout=out, verbosity=0)
    assert "not seeding" in out.getvalue()


def test_generated_text_is_deterministic_for_a_seed():
    first, second, other = TextGenerator(5), TextGenerator(5), TextGenerator(6)

    assert [first.article("news") for _ in range(5)] == [second.article("news") for _ in range(5)]
    assert [first.author() for _ in range(3)] == [second.author() for _ in range(3)]
    assert TextGenerator(5).article("news") != other.article("news")


def test_every_page_type_renders_from_seeded_data(seeded, client):
    article = ArticlePage.objects.live().order_by("-publication_date").first()
    pages = {
        "home": "/",
        "section": SectionPage.objects.live().first().url,
        "article": article.url,
        "author": article.authors[0].get_absolute_url(),
        "authors": "/authors/",
        "archive": "/issues/",
        "issue": PrintIssuePage.objects.live().first().url,
        "search": "/search/?q=" + article.title.split()[0],
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        doc = html.fromstring(response.content)
        assert BAND in doc.text_content(), name
        assert "Read the latest issue online" in doc.text_content(), name
        assert len(doc.cssselect("h1")) == 1, name

    doc = html.fromstring(client.get(article.url).content)
    assert doc.cssselect(".pull-quote blockquote")
    assert article.standfirst in doc.text_content()
    assert doc.cssselect(".author-bio")

    rss = etree.fromstring(client.get("/feed/").content)
    assert len(list(rss.iter("item"))) == 30
    sitemap = client.get("/sitemap.xml").content.decode()
    assert article.url.split("/")[-2] in sitemap


def production(settings):
    settings.AUSCULT = {**settings.AUSCULT, "PRODUCTION": True}


def test_seed_refuses_production_settings(settings):
    production(settings)

    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo", articles=1, authors=1, issues=0, members=1, verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_seed_under_production_settings_when_told_to(settings):
    production(settings)

    call_command(
        "seed_demo", articles=1, authors=1, issues=0, members=1, readers=0, no_index=True, allow_production=True,
        stdout=io.StringIO(), verbosity=0,
    )  # fmt: skip

    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()


def test_seed_if_empty_stays_a_no_op_under_production_settings(seeded, settings):
    production(settings)
    out = io.StringIO()

    call_command("seed_demo", if_empty=True, stdout=out, verbosity=0)

    assert "not seeding" in out.getvalue()


def test_the_production_settings_module_is_the_one_refused(tmp_path):
    """The flag lives in auscult/settings/production.py: run the command as a deployment would."""
    from auscult.core.tests.production import PRODUCTION, SMTP, run_python

    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}"}
    result = run_python("manage.py", "seed_demo", "--articles", "1", **PRODUCTION, **SMTP, **database)

    assert result.returncode != 0
    assert "These are production settings" in result.stderr and "--allow-production" in result.stderr


def test_seed_leaves_every_counter_equal_to_its_recount(seeded):
    """The seeder bulk-inserts comments, reports and ratings behind the services' back; the shared recount
    must leave each stored counter as the services would have kept it."""
    assert Comment.objects.filter(status=CommentStatus.PUBLISHED, parent__isnull=False).exists()
    assert Comment.objects.filter(status=CommentStatus.REMOVED).exists() and Report.objects.exists()
    assert Rating.objects.exists()

    assert counter_drift() == []


def test_seed_without_tqdm_prints_plain_progress(monkeypatch, capsys):
    """tqdm is a demo extra (requirements/demo.txt), which production does not install."""
    monkeypatch.setitem(sys.modules, "tqdm", None)  # `import tqdm` now raises ImportError

    call_command("seed_demo", articles=3, authors=1, issues=0, members=1, readers=2, no_index=True, verbosity=1)

    captured = capsys.readouterr()
    assert "Seeded 3 articles." in captured.out and "member1" in captured.out
    assert re.search(r"Articles: \d+/3 articles", captured.err)
    assert ArticlePage.objects.count() == 3
