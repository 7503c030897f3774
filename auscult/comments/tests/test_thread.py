"""The thread: counts, paging, order, permalinks, placeholders, reports and featured comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html

from auscult.comments.models import Comment, CommentStatus, FeaturedComment
from auscult.comments.services import comment_set_status
from auscult.comments.text import render_body
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

from .factories import established_member, make_comments

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory(title="Pension reform explained")


@pytest.fixture
def author():
    return MemberFactory(display_name="Dr Thread Writer")


def ids_on(client, url):
    doc = html.fromstring(client.get(url).content)
    return [int(li.get("id").split("-")[1]) for li in doc.cssselect(".comment-list > li")]


def test_permalink_to_comment_37_with_page_size_10_lands_on_page_4(client, article, author):
    comments = make_comments(article, 45, author=author)
    target = comments[36]

    response = client.get(f"/comments/{target.pk}/?page_size=10")

    assert response.status_code == 302
    assert response["Location"] == f"{article.url}?page=4#comment-{target.pk}"
    assert target.pk in ids_on(client, f"{article.url}?page=4")


def test_pages_and_sizes_are_in_the_url(client, article, author):
    comments = make_comments(article, 45, author=author)

    assert ids_on(client, article.url) == [c.pk for c in comments[:10]]
    assert ids_on(client, f"{article.url}?page=2&page_size=20") == [c.pk for c in comments[20:40]]
    assert ids_on(client, f"{article.url}?page=1&page_size=50") == [c.pk for c in comments]
    assert ids_on(client, f"{article.url}?page_size=7") == [c.pk for c in comments[:10]]  # only 10, 20 or 50
    assert ids_on(client, f"{article.url}?page=99") == [c.pk for c in comments[40:]]
    doc = html.fromstring(client.get(f"{article.url}?page=2&page_size=20").content)
    nav = doc.cssselect(".pagination--comments")[0]
    assert nav.cssselect("[aria-current=page]")[0].text_content() == "2"
    assert nav.cssselect("a[rel=next]")[0].get("href") == "?page=3&page_size=20#comments"


def test_newest_first_is_an_option(client, article, author):
    comments = make_comments(article, 12, author=author)

    assert ids_on(client, f"{article.url}?order=newest") == [c.pk for c in reversed(comments[2:])]


def test_htmx_paging_returns_the_block(client, article, author):
    comments = make_comments(article, 15, author=author)

    response = client.get(f"/articles/{article.pk}/comments/?page=2", HTTP_HX_REQUEST="true")

    doc = html.fromstring(response.content)
    assert [int(li.get("id").split("-")[1]) for li in doc.cssselect(".comment-list > li")] == [
        c.pk for c in comments[10:]
    ]


def test_count_is_of_published_comments_only(client, article, author):
    make_comments(article, 3, author=author)
    make_comments(article, 2, author=author, status=CommentStatus.PENDING)
    make_comments(article, 1, author=author, status=CommentStatus.REMOVED)
    make_comments(article, 1, author=author, status=CommentStatus.HIDDEN)

    content = client.get(article.url).content.decode()

    assert '<span class="comments-block__count">(3)</span>' in content
    assert len(ids_on(client, article.url)) == 3


def test_replies_to_a_removed_parent_still_render(client, article, author):
    parent = make_comments(article, 1, author=author)[0]
    reply = make_comments(article, 1, author=MemberFactory(display_name="Dr Second"), parent=parent)[0]

    comment_set_status(comment=parent, status=CommentStatus.REMOVED)

    doc = html.fromstring(client.get(article.url).content)
    assert "This comment was removed by a moderator." in doc.get_element_by_id(f"comment-{parent.pk}").text_content()
    reply_item = doc.get_element_by_id(f"comment-{reply.pk}")
    assert "Comment number 1" in reply_item.text_content()
    assert reply_item.cssselect(".comment__reply-to a")[0].get("href") == f"#comment-{parent.pk}"


def test_report_once_with_thanks_and_threshold_hides(client, article, author):
    comment = make_comments(article, 1, author=author)[0]
    reporters = [established_member() for _ in range(3)]

    client.force_login(reporters[0])
    form = client.get(f"/comments/{comment.pk}/report/").content.decode()
    assert "Personal attack" in form and "Misinformation" in form
    first = client.post(
        f"/comments/{comment.pk}/report/", {"reason": "personal_attack", "note": "Calls a colleague names"}, follow=True
    )
    assert "Thank you for your report" in first.content.decode()
    again = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, follow=True)
    assert "already reported" in again.content.decode()
    assert comment.reports.count() == 1

    refused = client.post(f"/comments/{comment.pk}/report/", {"reason": "other", "note": ""})
    assert refused.status_code == 200

    for reporter in reporters[1:]:
        client.force_login(reporter)
        client.post(f"/comments/{comment.pk}/report/", {"reason": "offensive"})

    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.report_count == 3
    from auscult.moderation.models import AuditEntry

    hidden = AuditEntry.objects.get(comment=comment, action="hide")
    assert hidden.actor is None and "3 reports" in hidden.reason
    assert comment.pk not in ids_on(client, article.url)


def test_report_with_htmx_thanks_in_place(client, article, author):
    comment = make_comments(article, 1, author=author)[0]
    client.force_login(MemberFactory())

    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200 and "Thank you for your report" in response.content.decode()


def test_featured_comment_names_its_article_and_time(client, article, author):
    other_article = ArticlePageFactory(title="The original debate")
    comment = make_comments(other_article, 1, author=author)[0]
    FeaturedComment.objects.create(article_id=article.pk, comment=comment)

    doc = html.fromstring(client.get(article.url).content)
    featured = doc.cssselect(".featured-comment")[0]
    assert "The original debate" in featured.text_content()
    assert featured.cssselect("a")[0].get("href") == other_article.url
    assert "Comment number 1" in featured.text_content()

    comment_set_status(comment=comment, status=CommentStatus.REMOVED)
    assert not html.fromstring(client.get(article.url).content).cssselect(".featured-comment")


def test_a_comment_from_a_restricted_article_is_not_featured_on_a_public_one(client, article, author):
    from wagtail.models import PageViewRestriction

    private = ArticlePageFactory(title="Partnership accounts in confidence")
    comment = make_comments(private, 1, author=author)[0]
    FeaturedComment.objects.create(article_id=article.pk, comment=comment)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="pw")

    page = client.get(article.url).content.decode()

    assert "Partnership accounts in confidence" not in page and "Comment number 1" not in page


def test_article_page_cost_does_not_grow_with_comments(client, author):
    small, large, elsewhere = ArticlePageFactory(), ArticlePageFactory(), ArticlePageFactory()
    make_comments(small, 5, author=author)
    make_comments(large, 500, author=author)
    Comment.objects.bulk_create(
        Comment(article_id=elsewhere.pk, author=author, body="x", status=CommentStatus.PUBLISHED) for _ in range(50_000)
    )
    member = MemberFactory()
    client.force_login(member)

    def cost(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    counts = [cost(small.url), cost(large.url), cost(f"{large.url}?page=40")]
    assert counts[0] == counts[1] == counts[2]
    assert counts[0] <= 15, counts  # the member budget (publishing test_shared_cache.MEMBER_QUERIES)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(min_size=1, max_size=400)
    | st.sampled_from(["<script>alert(1)</script>", "a" * 3000, "x\x00y\x1b", 'www.x.org/"><img src=x>'])
)
def test_any_body_is_stored_and_rendered_escaped(article, author, body):
    from auscult.comments.models import CommentSettings
    from auscult.comments.services import comment_post
    from auscult.comments.text import clean_body
    from auscult.core.errors import Refused

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    try:
        comment = comment_post(article=article, author=author, body=body)
    except Refused as refusal:
        assert refusal.code == "empty" and not clean_body(body)
        return
    assert comment.body == clean_body(body)
    rendered = str(render_body(comment.body))
    fragments = html.fragments_fromstring(rendered) if rendered else []
    for fragment in fragments:
        assert fragment.tag == "p"
        for element in fragment.iter():
            assert element.tag in {"p", "br", "a"}
            if element.tag == "a":
                assert element.get("rel") == "nofollow ugc noopener"
                assert element.get("href").startswith(("http://", "https://"))
                assert set(element.attrib) == {"href", "rel"}


def test_editor_features_a_comment_in_the_admin(client, article, author):
    from django.contrib.auth.models import Group

    other_article = ArticlePageFactory(title="Where it was said")
    comment = make_comments(other_article, 1, author=author)[0]
    own = make_comments(article, 1, author=author)[0]
    editor = MemberFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = "/admin/snippets/comments/featuredcomment/add/"

    refused = client.post(url, {"article": article.pk, "comment": own.pk})
    assert refused.status_code == 200 and "another article" in refused.content.decode()

    response = client.post(url, {"article": article.pk, "comment": comment.pk})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert FeaturedComment.objects.filter(article_id=article.pk, comment=comment).exists()
    assert "Where it was said" in client.get(article.url).content.decode()


def test_reply_form_with_and_without_javascript(client, article, author):
    parent = make_comments(article, 1, author=author)[0]
    client.force_login(MemberFactory())

    fragment = client.get(f"/comments/{parent.pk}/reply/", HTTP_HX_REQUEST="true").content.decode()
    assert f'name="parent" value="{parent.pk}"' in fragment and "Your reply to Dr Thread Writer" in fragment

    plain = client.get(f"/comments/{parent.pk}/reply/")
    assert plain["Location"] == f"{article.url}?reply_to={parent.pk}#have-your-say"
    page = client.get(plain["Location"]).content.decode()
    assert f'name="parent" value="{parent.pk}"' in page


def test_a_members_standing_is_read_once_for_the_whole_article_page(client, article, author):
    make_comments(article, 3, author=author)
    client.force_login(MemberFactory())
    client.get(article.url)

    with CaptureQueriesContext(connection) as ctx:
        page = client.get(article.url)

    assert page.status_code == 200
    tables = [q["sql"].split(" FROM ", 1)[1].split()[0] for q in ctx.captured_queries if " FROM " in q["sql"]]
    assert tables.count('"moderation_sanction"') == 1
    assert tables.count('"members_membershipsettings"') <= 1
