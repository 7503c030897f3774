"""The shared-cache contract (ARCHITECTURE, "Page delivery"; auscult/core/delivery.py): a visitor's page is one
public copy for everyone, never split by cookie or browser; anything personal is private; ETags and cached
fragments follow every change at once, from versions in the database; Django's page cache serves visitors with no
query, and its purges are exact and immediate for a removal."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html

from auscult.comments.models import CommentStatus, FeaturedComment
from auscult.comments.services import comment_set_status
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import CommentMode
from auscult.moderation.services import comment_mode_set
from auscult.ratings.services import rating_set

from .factories import ArticlePageFactory, AuthorFactory, ImageFactory, SectionPageFactory
from .privacy import PASSWORD, pass_password, restrict

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    author = AuthorFactory(name="Dr Nell Oduya", photo=ImageFactory())
    section = SectionPageFactory(title="News", slug="news")
    return ArticlePageFactory(parent=section, title="Funding for winter pressures", authors=[author])


@pytest.fixture
def commenter():
    return MemberFactory(display_name="Dr Ravi Lall")


@pytest.fixture
def page_cache(settings):
    """Django's page cache on, purges coalesced over no window (the immediate task backend runs them inline)."""
    settings.AUSCULT = {**settings.AUSCULT, "PAGE_CACHE_SECONDS": 600, "PURGE_WINDOW_SECONDS": 0}


def text(response):
    return html.fromstring(response.content).text_content()


def shared(response):
    control = response["Cache-Control"]
    return control.startswith("public") and "max-age=0" in control and "s-maxage=" in control


def private(response):
    return "private" in response.get("Cache-Control", "")


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code in (200, 304)
    return response, len(ctx.captured_queries)


# --- Public or private -------------------------------------------------------------------------------------------


def public_urls(article):
    section = article.get_parent()
    author = article.authors[0]
    return [
        "/",
        section.url,
        article.url,
        f"{article.url}?page=2&page_size=25&order=newest",
        reverse("publishing:authors"),
        author.get_absolute_url(),
        reverse("feed"),
        reverse("section_feed", args=[section.slug]),
    ]


def test_every_visitor_page_is_one_shared_copy_split_by_nothing(client, article):
    for url in public_urls(article):
        response = client.get(url)
        assert response.status_code == 200, url
        assert shared(response), (url, response["Cache-Control"])
        assert "stale-while-revalidate=" in response["Cache-Control"]
        assert response["ETag"].startswith('"')
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert "user-agent" not in response.get("Vary", "").lower(), url
        assert not response.cookies, url


def test_a_crawler_and_a_reader_past_the_notice_get_the_same_bytes_and_etag(client, visitor, article):
    reader = client.get(article.url)
    crawler = visitor.get(article.url, headers={"user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})

    assert reader.content == crawler.content and reader["ETag"] == crawler["ETag"]


def test_the_visitor_page_carries_nothing_personal(client, article, commenter):
    make_comments(article, 3, author=commenter)
    page = client.get(article.url).content.decode()

    assert "csrfmiddlewaretoken" not in page and "Sign out" not in page
    assert "hx-headers" not in page


PERSONAL_PAGES = [
    "/",
    "article",
    "/accounts/login/",
    "/accounts/signup/",
    "/account/",
    "/notice/",
    "/search/?q=winter",
]


def test_any_response_with_a_csrf_token_a_name_or_messages_is_private(client, visitor, article, commenter):
    """Every page a member reads carries their name (and the sign-out form's token); the sign-in and registration
    forms carry a token; a page after an action carries its message: none of them may reach a shared cache."""
    urls = [article.url if u == "article" else u for u in PERSONAL_PAGES]
    for url in urls:
        response = visitor.get(url, follow=True)
        body = response.content.decode()
        if "csrfmiddlewaretoken" in body or response.cookies:
            assert private(response), url

    client.force_login(commenter)
    for url in urls + public_urls(article):
        response = client.get(url)
        if response.status_code != 200:
            continue
        assert private(response), url
        assert "shared" not in response.get("Cache-Control", "")

    messages_client = type(visitor)()
    storage = CookieStorage(None)
    messages_client.cookies["auscult_hp"] = "1"
    messages_client.cookies[storage.cookie_name] = storage._encode([_message("Your rating has been saved.")])
    response = messages_client.get(article.url)
    assert private(response)


def _message(text):
    from django.contrib.messages.storage.base import Message

    return Message(constants.SUCCESS, text, extra_tags="")


def test_a_password_restricted_article_is_never_shared(client, article):
    restriction = restrict(article, "password", password=PASSWORD)
    assert private(client.get(article.url))  # the password form

    pass_password(client, restriction, article)
    response = client.get(article.url)

    assert response.status_code == 200 and "Funding for winter pressures" in text(response)
    assert private(response)


# --- ETags -------------------------------------------------------------------------------------------------------


def test_a_browser_revalidating_an_unchanged_page_gets_304_with_no_body(client, article):
    etag = client.get(article.url)["ETag"]

    response = client.get(article.url, headers={"if-none-match": etag})

    assert response.status_code == 304 and response.content == b""
    assert shared(response)


def test_the_etag_changes_with_comments_ratings_features_and_mode_not_only_on_publish(client, article, commenter):
    def etag():
        return client.get(article.url)["ETag"]

    other = ArticlePageFactory()  # published first: publishing any page changes every ETag
    seen = [etag()]
    (comment,) = make_comments(article, 1, author=commenter)
    seen.append(etag())
    rating_set(article=article, member=commenter, stars=4)
    seen.append(etag())
    FeaturedComment.objects.create(article_id=other.pk, comment=make_comments(other, 1, author=commenter)[0])
    # Featuring a comment of `other` on `other` changes `other`, not this article.
    assert etag() == seen[-1]
    FeaturedComment.objects.create(article_id=article.pk, comment=make_comments(other, 1, author=commenter)[0])
    seen.append(etag())
    comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)
    seen.append(etag())
    comment_set_status(comment=comment, status=CommentStatus.REMOVED)
    seen.append(etag())
    article.save_revision().publish()
    seen.append(etag())

    assert len(set(seen)) == len(seen)


def test_each_page_of_the_thread_has_its_own_etag(client, article, commenter):
    make_comments(article, 30, author=commenter)

    first, second = client.get(article.url)["ETag"], client.get(f"{article.url}?page=2")["ETag"]

    assert first != second


# --- Cached fragments --------------------------------------------------------------------------------------------


def test_a_removed_comment_is_gone_at_once_although_its_thread_was_cached_and_no_purge_ran(client, article, commenter):
    """The thread fragment keys on the article's version, changed in the same transaction as the removal: no purge
    (the test's transaction never commits, so none runs) is needed for the next render to leave it out."""
    comment, _ = make_comments(article, 2, author=commenter)
    assert "Comment number 1" in text(client.get(article.url))  # the thread is cached now

    comment_set_status(comment=comment, status=CommentStatus.REMOVED)

    page = text(client.get(article.url))
    assert "Comment number 1" not in page and "Comment number 2" in page


def test_a_published_comment_shows_on_the_next_render_of_a_cached_thread(client, article, commenter):
    make_comments(article, 1, author=commenter)
    client.get(article.url)

    make_comments(article, 1, author=commenter, start=None)

    assert text(client.get(article.url)).count("Comment number 1") == 2


def test_a_member_renamed_is_renamed_on_cached_threads(client, article, commenter):
    from auscult.members.services import member_update_profile

    make_comments(article, 1, author=commenter)
    assert "Dr Ravi Lall" in text(client.get(article.url))

    member_update_profile(
        member=commenter, full_name="Ravi Lall", display_name="Dr R Lall", job_title="", anonymous=False
    )

    page = text(client.get(article.url))
    assert "Dr Ravi Lall" not in page and "Dr R Lall" in page


def test_a_member_sees_edit_links_on_their_own_comments_and_report_on_others(client, article, commenter):
    other = MemberFactory(display_name="Dr Ada Obi")
    now = timezone.now()  # within the edit window
    mine = make_comments(article, 1, author=commenter, start=now)[0]
    theirs = make_comments(article, 1, author=other, start=now)[0]
    client.get(article.url)  # the thread cached as everyone sees it
    client.force_login(commenter)

    tree = html.fromstring(client.get(article.url).content)
    own = tree.cssselect(f"#comment-{mine.pk} .comment__actions")[0]
    others = tree.cssselect(f"#comment-{theirs.pk} .comment__actions")[0]

    assert "Edit" in own.text_content() and "Delete" in own.text_content() and "Report" not in own.text_content()
    assert "Report" in others.text_content() and "Edit" not in others.text_content()


def test_a_visitor_asking_to_reply_in_place_is_invited_to_sign_in(client, article, commenter):
    (comment,) = make_comments(article, 1, author=commenter)

    response = client.get(reverse("comments:reply_form", args=[comment.pk]), headers={"hx-request": "true"})

    assert response.status_code == 200
    assert re.search(r"Sign in.*or.*register.*to reply", text(response))


def test_the_front_page_and_a_section_follow_publications_at_once_from_their_cached_listings(client, article):
    section = article.get_parent()
    for url in ("/", section.url):
        client.get(url)  # the route and its page kept, the listings cached
        _, warm = queries(client, url)
        assert warm <= 1, url  # the versions

    newer = ArticlePageFactory(parent=section, title="Practice nurses join the rota")
    assert all("Practice nurses join the rota" in text(client.get(url)) for url in ("/", section.url))

    newer.unpublish()
    assert not any("Practice nurses join the rota" in text(client.get(url)) for url in ("/", section.url))


def test_a_tracking_parameter_never_reaches_the_links_of_a_shared_listing(client, article):
    section = article.get_parent()
    for _ in range(25):
        ArticlePageFactory(parent=section)
    author = AuthorFactory(name="Dr Tom Reyes")
    for _ in range(25):
        ArticlePageFactory(parent=section, authors=[author])

    for url in (section.url, author.get_absolute_url()):
        page = client.get(f"{url}?utm_source=newsletter&page=1").content.decode()
        assert 'rel="next"' in page and "utm_source" not in page, url


# --- Queries -----------------------------------------------------------------------------------------------------

VISITOR_QUERIES = 12
MEMBER_QUERIES = 15


@pytest.mark.parametrize("n_comments", [3, 60])
def test_an_uncached_article_page_costs_at_most_the_budget_whatever_its_comments(client, article, n_comments):
    make_comments(article, n_comments, author=MemberFactory())
    client.get(article.url)  # fragment caches filled, as on a running site; the page cache is off in tests

    _, visitor = queries(client, article.url)
    _, visitor_page_2 = queries(client, f"{article.url}?page=2&order=newest")
    client.force_login(MemberFactory())
    client.get(article.url)
    _, member = queries(client, article.url)

    assert visitor <= VISITOR_QUERIES and visitor_page_2 <= VISITOR_QUERIES + 5  # a new page of the thread: 5 reads
    assert member <= MEMBER_QUERIES


@pytest.fixture
def cache_trips(monkeypatch):
    """The round trips the site's cache makes to its store (gets and get_manys)."""
    from django.core.cache.backends.locmem import LocMemCache

    trips, inside = [], []
    for name in ("get", "get_many"):
        original = getattr(LocMemCache, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            if not inside:  # Django's get_many is a get of each key: one trip to a store that has a get_many
                trips.append(_name)
            inside.append(_name)
            try:
                return _original(self, *args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(LocMemCache, name, counted)
    return trips


def test_a_warm_article_page_reads_its_cached_parts_in_three_round_trips(client, article, commenter, cache_trips):
    make_comments(article, 3, author=commenter)
    rating_set(article=article, member=commenter, stars=4)
    client.get(article.url)  # walks the tree, keeps the route and its page, fills the fragments
    cache_trips.clear()

    page = text(client.get(article.url))

    assert "Funding for winter pressures" in page and "Comment number 3" in page and "Dr Ravi Lall" in page
    # The route with the masthead; the fragments with the thread, the rating and the settings; the site's root paths
    # (Wagtail reads them itself).
    assert len(cache_trips) <= 3, cache_trips


def test_the_page_kept_with_its_route_follows_a_new_revision_a_restriction_and_an_unpublish(client, article):
    client.get(article.url)

    article.title = "Winter pressures funding confirmed"
    article.save_revision().publish()
    assert "Winter pressures funding confirmed" in text(client.get(article.url))

    restriction = restrict(article, "password", password=PASSWORD)
    response = client.get(article.url)
    assert private(response) and "Winter pressures funding confirmed" not in text(response)
    restriction.delete()
    assert shared(client.get(article.url))

    article.unpublish()
    assert client.get(article.url).status_code == 404


# --- Django's page cache -----------------------------------------------------------------------------------------


def test_a_cached_page_costs_no_query_and_random_query_strings_share_it(client, article, page_cache):
    client.get(article.url)

    response, count = queries(client, f"{article.url}?utm_source=newsletter&fbclid=x")

    assert count == 0 and response["X-Page-Cache"] == "hit"
    assert shared(response)
    assert queries(client, f"{article.url}?page=2")[0]["X-Page-Cache"] == "miss"


def test_the_page_cache_answers_a_browser_revalidating_with_304(client, article, page_cache):
    etag = client.get(article.url)["ETag"]

    response, count = queries(client, article.url, **{"if-none-match": etag})

    assert response.status_code == 304 and count == 0


def test_members_and_visitors_with_messages_never_get_the_cached_copy(client, article, commenter, page_cache):
    client.get(article.url)
    client.force_login(commenter)

    response = client.get(article.url)

    assert "X-Page-Cache" not in response and private(response)
    assert "My account" in text(response)


def test_a_removal_leaves_the_page_cache_before_the_decision_returns(
    client, article, commenter, page_cache, django_capture_on_commit_callbacks
):
    comment, _ = make_comments(article, 2, author=commenter)
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        comment_set_status(comment=comment, status=CommentStatus.REMOVED)

    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Comment number 1" not in text(response)


def test_a_published_comment_reaches_the_page_cache_through_the_coalesced_purge(
    client, article, commenter, page_cache, django_capture_on_commit_callbacks
):
    make_comments(article, 1, author=commenter)
    client.get(article.url)

    with django_capture_on_commit_callbacks(execute=True):
        make_comments(article, 1, author=commenter)

    assert text(client.get(article.url)).count("Comment number 1") == 2


def test_publishing_an_article_purges_its_section_home_and_feeds(
    client, article, page_cache, django_capture_on_commit_callbacks
):
    section = article.get_parent()
    for url in ("/", section.url, reverse("feed")):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        new = ArticlePageFactory(parent=section, title="Locum rates rise again")

    for url in ("/", section.url, reverse("feed")):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Locum rates rise again" in response.content.decode(), url
    assert new.url


def test_restricting_an_article_takes_it_out_of_the_page_cache_at_once(
    client, article, page_cache, django_capture_on_commit_callbacks
):
    client.get(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        restrict(article, "password", password=PASSWORD)

    response = client.get(article.url)
    assert "X-Page-Cache" not in response and private(response)
    assert "Funding for winter pressures" not in text(response)


def test_fragment_endpoints_vary_on_htmx_and_a_history_restore_gets_the_whole_page(client, article, commenter):
    make_comments(article, 2, author=commenter)

    fragment = client.get(reverse("comments:thread", args=[article.pk]), headers={"hx-request": "true"})
    restore = client.get(article.url, headers={"hx-request": "true", "hx-history-restore-request": "true"})

    assert "HX-Request" in fragment["Vary"] and private(fragment)
    assert restore.content.decode().lstrip().startswith("<!doctype html>")
