"""The moderation rules (Settings → Moderation rules) and the patient-data guard, through posting."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from auscult.comments import errors
from auscult.comments.models import Comment, CommentSettings, CommentStatus
from auscult.comments.services import comment_edit, comment_post, comment_set_status
from auscult.core.actors import COMMAND
from auscult.core.errors import Refused
from auscult.members.tests.factories import MemberFactory
from auscult.moderation import patient_data, rules, signals
from auscult.moderation.models import AuditAction, AuditEntry, CommentMode, ModerationRules
from auscult.moderation.policy import Verdict, assess
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def nhs_number(first_nine="401023213"):
    """A valid NHS number: nine digits and their modulus-11 check digit."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    assert check != 10, "no valid number starts with these nine digits"
    return f"{first_nine[:3]} {first_nine[3:6]} {first_nine[6:]}{check}"


PATIENT_TEXT = f"My patient's NHS number is {nhs_number()} and she waited six weeks."
LINKS = "See https://example.org/a, https://example.org/b and www.example.org/c."  # three links


def set_rules(**values):
    ModerationRules.objects.update_or_create(defaults=values)


@pytest.fixture(autouse=True)
def _no_posting_interval():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})


@pytest.fixture
def article():
    return ArticlePageFactory(title="Access targets under review")


@pytest.fixture
def member():
    return MemberFactory()


@pytest.fixture
def staff():
    return MemberFactory(is_staff=True)


def post(article, author, body):
    return comment_post(article=article, author=author, body=body)


def form_post(client, article, body):
    return client.post(f"/articles/{article.pk}/comments/post/", {"body": body, "submission_key": str(uuid.uuid4())})


# ---------------------------------------------------------------------------------------------
# Banned words


def test_banned_word_is_refused_naming_the_word(article, member):
    set_rules(banned_words="idiot\nhalfwit")

    with pytest.raises(Refused) as refusal:
        post(article, member, "Only an IDIOT would sign this contract.")

    assert refusal.value.message == (
        "Your comment contains a word that is not allowed here: “IDIOT”. Please rephrase it; your text is still here."
    )
    assert not Comment.objects.exists()


def test_banned_word_through_the_form_keeps_the_text(client, article, member):
    set_rules(banned_words="idiot")
    client.force_login(member)
    body = "The minister is an idiot about access targets."

    response = form_post(client, article, body)
    page = client.get(response["Location"]).content.decode()

    assert not Comment.objects.exists()
    assert "a word that is not allowed here: “idiot”" in page
    assert body in page


@pytest.mark.parametrize(
    ("banned", "body", "refused"),
    [
        ("idiot", "Idiot!", True),
        ("idiot", "That was idiotic.", False),  # whole words only
        ("idiot*", "That was idiotic.", True),  # unless the line ends with *
        ("utter fool", "An utter\n  fool wrote this.", True),  # phrases across any whitespace
        ("utter fool", "An utterly foolish plan.", False),
        ("", "Anything at all", False),
    ],
)
def test_banned_word_matching(article, member, banned, body, refused):
    set_rules(banned_words=banned)

    verdict = assess(article=article, author=member, body=body)

    assert bool(verdict.refuse) is refused


def test_banned_words_refuse_staff_and_edits(article, staff):
    comment = post(article, staff, "A fair point about funding.")
    set_rules(banned_words="idiot")

    with pytest.raises(Refused, match="“idiot”"):
        post(article, staff, "What an idiot.")
    with pytest.raises(Refused, match="“idiot”"):
        comment_edit(comment=comment, author=staff, body="What an idiot.")
    comment.refresh_from_db()
    assert comment.body == "A fair point about funding."


# ---------------------------------------------------------------------------------------------
# Holds: suspect words, links, first comments, bursts


def test_suspect_word_is_held_with_the_word_recorded(article, member):
    set_rules(suspect_words="moron\nliar")

    comment = post(article, member, "The secretary of state is a liar.")

    assert comment.status == CommentStatus.PENDING
    assert comment.held_reason == rules.SUSPECT_WORD == "suspect_word"
    assert comment.held_detail == "Suspect word: “liar”"


def test_suspect_word_through_the_form_is_held(client, article, member):
    set_rules(suspect_words="liar")
    client.force_login(member)

    response = form_post(client, article, "A liar, plainly.")

    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == (CommentStatus.PENDING, "suspect_word")
    assert response["Location"].endswith(f"#comment-{comment.pk}")  # where its author sees it, held


def test_an_edit_that_adds_a_suspect_word_goes_back_to_moderation(article, member):
    comment = post(article, member, "A fair point.")
    set_rules(suspect_words="liar")

    comment_edit(comment=comment, author=member, body="A fair point, liar.")

    comment.refresh_from_db()
    assert (comment.status, comment.held_reason) == (CommentStatus.PENDING, "suspect_word")


def test_more_links_than_allowed_are_held(article, member):
    set_rules(max_links=2)

    two = post(article, member, "See https://example.org/a and https://example.org/b.")
    three = post(article, member, LINKS)

    assert two.status == CommentStatus.PUBLISHED
    assert (three.status, three.held_reason, three.held_detail) == (
        CommentStatus.PENDING,
        "links",
        "3 links (more than 2)",
    )


def test_links_rule_zero_holds_any_link_and_empty_switches_it_off(article, member):
    set_rules(max_links=0)
    assert post(article, member, "See www.example.org.").held_reason == "links"

    set_rules(max_links=None)
    assert post(article, member, LINKS * 3).status == CommentStatus.PUBLISHED


def test_first_comments_are_held_until_that_many_are_published(article, member):
    set_rules(hold_first_comments=2)

    first = post(article, member, "First")
    second = post(article, member, "Second")
    third = post(article, member, "Third")  # nothing approved yet: still held

    assert [c.held_reason for c in (first, second, third)] == ["first_comments"] * 3
    assert first.held_detail == "One of the member's first 2 comments (0 published so far)"
    comment_set_status(comment=first, status=CommentStatus.PUBLISHED)
    comment_set_status(comment=second, status=CommentStatus.PUBLISHED)

    fourth = post(article, member, "Fourth")

    assert (fourth.status, fourth.held_reason) == (CommentStatus.PUBLISHED, "")


def test_a_burst_of_posts_is_held(article, member):
    set_rules(burst_count=3, burst_minutes=10)
    elsewhere = ArticlePageFactory()
    Comment.objects.create(
        article_id=elsewhere.pk, author=member, body="An hour ago", created_at=timezone.now() - timedelta(hours=1)
    )

    posted = [post(article if n % 2 else elsewhere, member, f"Comment {n}") for n in range(4)]

    assert [c.status for c in posted[:3]] == [CommentStatus.PUBLISHED] * 3
    assert (posted[3].status, posted[3].held_reason, posted[3].held_detail) == (
        CommentStatus.PENDING,
        "burst",
        "4 comments in 10 minutes (more than 3)",
    )


def test_staff_skip_first_comments_and_bursts_but_not_other_holds(article, staff):
    set_rules(hold_first_comments=5, burst_count=1, burst_minutes=10, suspect_words="liar")

    posted = [post(article, staff, f"Editor's reply {n}") for n in range(3)]

    assert all(c.status == CommentStatus.PUBLISHED for c in posted)
    assert post(article, staff, "A liar.").held_reason == "suspect_word"
    assert post(article, staff, PATIENT_TEXT).held_reason == "patient_data"


# ---------------------------------------------------------------------------------------------
# The patient-data guard


def test_patient_data_is_held_and_the_author_told_why(article, member):
    comment = post(article, member, PATIENT_TEXT)

    assert (comment.status, comment.held_reason) == (CommentStatus.PENDING, rules.PATIENT_DATA)
    assert comment.held_detail == "May identify a patient: A valid NHS number."
    verdict = assess(article=article, author=member, body=PATIENT_TEXT)
    assert verdict.author_message == patient_data.AUTHOR_MESSAGE
    assert verdict.author_message.startswith("Your comment has been held")


def test_patient_data_through_the_form_is_held(client, article, member):
    client.force_login(member)

    form_post(client, article, PATIENT_TEXT)

    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == (CommentStatus.PENDING, "patient_data")
    assert comment.pk not in [c.pk for c in Comment.objects.in_thread()]


def test_patient_data_guard_cannot_be_switched_off(article, member, staff):
    set_rules(banned_words="", suspect_words="", max_links=None, hold_first_comments=0, burst_count=0, burst_minutes=0)

    assert post(article, member, "Nothing to see here.").status == CommentStatus.PUBLISHED
    assert post(article, member, PATIENT_TEXT).held_reason == "patient_data"
    assert post(article, staff, PATIENT_TEXT).held_reason == "patient_data"


def test_an_edit_that_adds_patient_data_is_held(article, member):
    comment = post(article, member, "Waits are long.")

    comment_edit(comment=comment, author=member, body=PATIENT_TEXT)

    comment.refresh_from_db()
    assert (comment.status, comment.held_reason) == (CommentStatus.PENDING, "patient_data")


def test_ordinary_policy_talk_is_not_held(article, member):
    body = "Mr Streeting said on 3 March that 1,500 more GPs would be funded by 2026."

    assert post(article, member, body).status == CommentStatus.PUBLISHED


# ---------------------------------------------------------------------------------------------
# Precedence


def test_closed_refuses_before_anything_else(article, member):
    set_rules(banned_words="idiot")
    comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)

    verdict = assess(article=article, author=member, body=f"idiot {PATIENT_TEXT}")

    assert verdict == Verdict(refuse="Comments are closed on this article.", refuse_code=errors.CLOSED)


def test_banned_word_refuses_before_any_hold(article, member):
    set_rules(banned_words="idiot", suspect_words="liar")
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)

    with pytest.raises(Refused, match="“idiot”"):
        post(article, member, f"idiot liar {PATIENT_TEXT}")


@pytest.mark.parametrize(
    ("premoderated", "body", "held_reason"),
    [
        (True, f"liar {LINKS} {PATIENT_TEXT}", "patient_data"),
        (True, f"liar {LINKS}", "premoderation"),
        (False, f"liar {LINKS}", "suspect_word"),
        (False, LINKS, "links"),
        (False, "Plain words", "first_comments"),
    ],
)
def test_the_first_applicable_hold_is_recorded(article, member, premoderated, body, held_reason):
    set_rules(suspect_words="liar", max_links=2, hold_first_comments=1, burst_count=1, burst_minutes=10)
    post(article, member, "Earlier, so the burst rule applies too")
    if premoderated:
        comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)

    assert post(article, member, body).held_reason == held_reason


def test_burst_is_the_last_hold(article, member):
    set_rules(burst_count=1, burst_minutes=10)
    post(article, member, "Earlier")

    assert post(article, member, "Again").held_reason == "burst"


def test_an_edit_is_not_held_for_first_comments_or_bursts(article, member):
    comment = post(article, member, "A fair point.")
    set_rules(hold_first_comments=3, burst_count=1, burst_minutes=10)
    post(article, member, "Another")

    comment_edit(comment=comment, author=member, body="A fair point, edited.")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_an_edit_on_a_closed_article_is_still_checked(article, member):
    comment = post(article, member, "A fair point.")
    comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)
    set_rules(banned_words="idiot")

    comment_edit(comment=comment, author=member, body="A fair point, edited.")
    with pytest.raises(Refused, match="“idiot”"):
        comment_edit(comment=comment, author=member, body="An idiot's point.")


# ---------------------------------------------------------------------------------------------
# Editing the rules in the admin, and the audit log


def test_the_rules_are_edited_in_the_admin_and_each_change_is_logged(client):
    signals.connect()  # ModerationConfig.ready() does this; connecting twice is harmless
    admin = MemberFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    ModerationRules.load()
    url = f"/admin/settings/moderation/moderationrules/{ModerationRules.load().pk}/"

    form = client.get(url)
    assert form.status_code == 200 and "The patient-data guard is always on" in form.content.decode()
    response = client.post(
        url,
        {
            "banned_words": "idiot\r\nutter fool",
            "suspect_words": "",
            "max_links": "3",
            "hold_first_comments": "0",
            "burst_count": "5",
            "burst_minutes": "10",
        },
    )

    assert response.status_code == 302
    saved = ModerationRules.load()
    assert (saved.banned_words, saved.max_links) == ("idiot\r\nutter fool", 3)
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.RULES_CHANGE
    assert entry.detail == {
        "banned_words": {"added": ["idiot", "utter fool"], "removed": []},
        "max_links": {"from": 2, "to": 3},
    }


def test_saving_unchanged_rules_logs_nothing():
    signals.connect()
    settings = ModerationRules.load()
    settings.save()
    settings.banned_words = "idiot"
    settings.save()
    settings.banned_words = "Idiot\n\n"  # same word
    settings.save()

    assert AuditEntry.objects.count() == 1


def test_a_line_of_only_a_star_is_not_accepted():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="every word"):
        ModerationRules(banned_words="idiot\n*").full_clean()


def test_author_is_told_why_a_patient_data_comment_was_held(client):
    from auscult.comments.models import CommentSettings
    from auscult.members.tests.factories import MemberFactory
    from auscult.moderation.patient_data import AUTHOR_MESSAGE
    from auscult.publishing.tests.factories import ArticlePageFactory

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    article = ArticlePageFactory()
    client.force_login(MemberFactory())

    response = client.post(
        f"/articles/{article.pk}/comments/post/",
        {"body": "Please review NHS number 943 476 5919 urgently."},
        follow=True,
    )

    assert AUTHOR_MESSAGE in response.content.decode()
