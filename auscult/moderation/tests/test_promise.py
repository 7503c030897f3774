"""The promise: nothing held, rejected or removed is visible to anyone but its author and staff."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client
from lxml import html

from auscult.api.models import Scope
from auscult.api.tests.helpers import bearer
from auscult.comments.models import Comment, CommentStatus
from auscult.comments.profiles import profile_path
from auscult.comments.services import comment_set_status
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

SECRET = "Zebracorn quartz phrase"

STATES = [CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.REMOVED, CommentStatus.HIDDEN, "deleted"]


def make_comment_in(state, article, author):
    comment = Comment.objects.create(article_id=article.pk, author=author, body=f"{SECRET} ({state})")
    if state == CommentStatus.PENDING:
        return comment
    if state == CommentStatus.REJECTED:
        return comment_set_status(comment=comment, status=CommentStatus.REJECTED)
    comment_set_status(comment=comment, status=CommentStatus.PUBLISHED)
    return comment_set_status(comment=comment, status=state)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_unpublished_comment_appears_nowhere_but_to_its_author(state, client):
    article = ArticlePageFactory(title="The promise article")
    author = MemberFactory(email="author@example.com", profile_public=True)
    comment = make_comment_in(state, article, author)
    others = {"visitor": None, "member": MemberFactory()}

    for who, user in others.items():
        reader = Client()
        reader.cookies["auscult_hp"] = "1"
        if user:
            reader.force_login(user)
        surfaces = {
            "page": reader.get(article.url),
            "page 2": reader.get(f"{article.url}?page=2&page_size=10"),
            "htmx thread": reader.get(f"/articles/{article.pk}/comments/", HTTP_HX_REQUEST="true"),
            "home": reader.get("/"),
            "feed": reader.get("/feed/"),
            "search": reader.get(f"/search/?q={SECRET.split()[0]}"),
            "sitemap": reader.get("/sitemap.xml"),
            "author's profile": reader.get(profile_path(author)),
        }
        for name, response in surfaces.items():
            assert SECRET not in response.content.decode(), (who, name)
        assert "(0)" in surfaces["page"].content.decode(), who
        assert surfaces["author's profile"].status_code == 200, who  # shown, and listing nothing
        # Nor in any count: the new-comments count, the teasers, the front page's lists, the JSON-LD.
        assert reader.get(f"/articles/{article.pk}/comments/count/").json() == {"published": 0}, who
        assert "comment" not in " ".join(
            p for p in surfaces["home"].content.decode().split("teaser__meta")[1:] if "The promise article" in p
        ), who
        assert "Most discussed" not in surfaces["home"].content.decode(), who
        ld = html.fromstring(surfaces["page"].content).xpath("//script[@type='application/ld+json']")[0].text
        assert json.loads(ld)["commentCount"] == 0, who
        assert reader.get(f"/comments/{comment.pk}/").status_code == 404, who
        assert reader.get(f"/comments/{comment.pk}/report/").status_code in (302, 404), who
        if user:
            export = json.dumps(json.loads(reader.get("/account/data/?download=1").content))
            assert SECRET not in export, who
        # The public API, as a visitor, or as the member both with their session and with a token of theirs.
        callers = {"session": {}}
        if user:
            callers["token"] = bearer(user, Scope.READ)
        for via, headers in callers.items():
            api = {
                "article list": reader.get("/api/v1/articles", **headers),
                "article": reader.get(f"/api/v1/articles/{article.pk}", **headers),
                "thread": reader.get(f"/api/v1/articles/{article.pk}/comments?page_size=50", **headers),
                "newest": reader.get(f"/api/v1/articles/{article.pk}/comments?order=newest", **headers),
                "comment": reader.get(f"/api/v1/comments/{comment.pk}", **headers),
            }
            if user:
                api["my comments"] = reader.get("/api/v1/me/comments", **headers)
                api["my notifications"] = reader.get("/api/v1/me/notifications", **headers)
                api["my export"] = reader.get("/api/v1/me/export", **headers)
            for name, response in api.items():
                assert SECRET not in response.content.decode(), (who, via, name)
            assert api["comment"].status_code == 404, (who, via)
            assert api["article"].json()["comment_count"] == 0, (who, via)
            assert [item["comment_count"] for item in api["article list"].json()["items"]] == [0], (who, via)
            assert api["thread"].json()["items"] == [], (who, via)

    client.force_login(author)
    own = client.get(article.url).content.decode()
    if state in (CommentStatus.PENDING, CommentStatus.REJECTED):
        assert SECRET in own
        assert ("Awaiting moderation" if state == CommentStatus.PENDING else "Not published") in own
    assert "(0)" in own
    assert SECRET in client.get("/account/comments/").content.decode()
    # The author's own, through the API too: in their comments, with its state.
    mine = client.get("/api/v1/me/comments").json()["items"]
    assert [item["status"] for item in mine if item["id"] == comment.pk] == [state]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and real concurrency")
def test_two_moderators_deciding_at_once_make_one_decision():
    from auscult.core.errors import Refused
    from auscult.moderation.decisions import comment_decide
    from auscult.moderation.models import AuditEntry

    article = ArticlePageFactory()
    comment = Comment.objects.create(article_id=article.pk, author=MemberFactory(), body="Contested")
    moderators = [MemberFactory(groups=["Moderators"]) for _ in range(6)]
    barrier = threading.Barrier(len(moderators))
    outcomes = []

    def act(n):
        try:
            barrier.wait()
            decision = "approve" if n % 2 else "reject"
            comment_decide(
                comment=comment, moderator=moderators[n], decision=decision, reason="r", seen_status="pending"
            )
            outcomes.append("decided")
        except Refused as refusal:
            outcomes.append(refusal.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(n,)) for n in range(len(moderators))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("decided") == 1
    assert all("already decided" in o for o in outcomes if o != "decided")
    assert AuditEntry.objects.filter(comment=comment).count() == 1
