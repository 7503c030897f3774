"""Crafted values in the moderation workspace's filters and forms answer a page, a refusal or a 404;
never a 500. The tests run on SQLite and PostgreSQL (which refuses a NUL in any string)."""

import pytest

from auscult.comments.models import CommentStatus
from auscult.comments.services import comment_post
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import CommentMode
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# "²" passes str.isdigit() but not int(); "٣" passes int(); the long one overflows 64 bits; NUL breaks PostgreSQL.
CRAFTED = ["²", "٣", "9" * 30, "\x00", "1\x00", "-1", "0"]


@pytest.fixture
def held(db):
    article = ArticlePageFactory(title="Funding formula row")
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    author = MemberFactory(display_name="Dr Held Author")
    return comment_post(article=article, author=author, body="A considered point about funding.")


@pytest.fixture
def staff_client(client, moderator):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("value", CRAFTED)
@pytest.mark.parametrize("queue", ["", "queue/held/", "queue/reported/", "queue/decided/"])
def test_queue_filters_ignore_values_that_are_not_ids(staff_client, held, queue, value):
    for name in ("section", "article", "member", "rule"):
        response = staff_client.get(f"/admin/moderation/{queue}", {name: value})

        assert response.status_code == 200, (name, value)
        if queue in ("", "queue/held/") and name != "rule":
            assert "A considered point about funding." in response.content.decode()


@pytest.mark.parametrize("value", CRAFTED)
def test_the_decide_form_refuses_crafted_ids_and_versions(staff_client, held, value):
    posts = [
        {"comment_id": value, "decision": "approve"},
        {"comment": [value, value], "decision": "approve"},
        {"comment_id": held.pk, "decision": "reject", "reason_template": value},  # no template: no reason
        {"comment_id": held.pk, "decision": "approve", "seen_version": value, f"version_{held.pk}": value},
        {"comment_id": held.pk, "decision": "approve", "seen_status": value},
        {"comment_id": held.pk, "decision": value},
    ]
    for data in posts:
        response = staff_client.post("/admin/moderation/decide/", data, follow=True)

        assert response.status_code == 200, data
    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING  # every one of them was refused or missed


@pytest.mark.parametrize("value", CRAFTED)
def test_the_member_page_actions_answer_404_for_crafted_ids(staff_client, held, value):
    member = f"/admin/moderation/members/{held.author_id}/"
    for url, data in (
        (f"{member}comments/{value}/hold/", {"reason": "Complaint ref 12"}),
        (f"{member}holds/{value}/lift/", {"reason": "Closed"}),
        (f"{member}sanctions/{value}/lift/", {"reason": "Appeal upheld"}),
        (f"/admin/moderation/members/{value}/sanction/", {"kind": "ban", "reason": "Threats"}),
    ):
        assert staff_client.post(url, data).status_code == 404, url


@pytest.mark.parametrize("value", CRAFTED)
def test_the_member_chooser_answers_404_for_crafted_ids(staff_client, held, value):
    assert staff_client.get(f"/admin/moderation/choose-member/chosen/{value}/").status_code == 404
    response = staff_client.get("/admin/moderation/choose-member/chosen-multiple/", {"id": [value, held.author_id]})
    assert response.status_code == 200 and response.json()["result"][0]["id"] == str(held.author_id)


@pytest.mark.parametrize("value", CRAFTED)
def test_the_audit_log_filters_ignore_crafted_values(staff_client, held, value):
    for name in ("member", "article", "actor", "action"):
        assert staff_client.get("/admin/moderation/audit/", {name: value}).status_code == 200, name


def test_the_audit_log_still_filters_by_a_real_id(staff_client, held):
    other = ArticlePageFactory(title="Another row")
    comment_mode_set(article=other, mode=CommentMode.CLOSED, by=COMMAND)

    everything = staff_client.get("/admin/moderation/audit/").content.decode()
    page = staff_client.get("/admin/moderation/audit/", {"article": str(other.pk)}).content.decode()

    assert f"<td>{held.article_id}</td>" in everything
    assert f"<td>{other.pk}</td>" in page and f"<td>{held.article_id}</td>" not in page


def test_the_audit_log_finds_a_member_and_an_article_by_name_among_many(staff_client, held):
    from auscult.moderation.models import SanctionKind
    from auscult.moderation.sanctions import member_sanction

    members = [MemberFactory() for _ in range(30)]
    target = MemberFactory(display_name="Dr Quentin Sought", email="quentin@example.com")
    for member in [*members[:5], target]:
        member_sanction(member=member, kind=SanctionKind.SUSPENSION, reason="Rude.", by=COMMAND, days=1)
    closed = ArticlePageFactory(title="Locum rates under pressure")
    comment_mode_set(article=closed, mode=CommentMode.CLOSED, by=COMMAND)

    def names_in(params):
        page = staff_client.get("/admin/moderation/audit/", params).content.decode()
        return {m.display_name for m in [*members, target] if m.display_name in page}

    assert names_in({}) == {m.display_name for m in [*members[:5], target]}
    assert names_in({"member": "quentin sought"}) == {"Dr Quentin Sought"}
    assert names_in({"member": "quentin@example.com"}) == {"Dr Quentin Sought"}
    assert names_in({"member": str(target.pk)}) == {"Dr Quentin Sought"}
    by_words = staff_client.get("/admin/moderation/audit/", {"article": "locum rates"}).content.decode()
    assert f"<td>{closed.pk}</td>" in by_words and f"<td>{held.article_id}</td>" not in by_words
