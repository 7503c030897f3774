"""Every staff service checks the actor's permission itself, so a view, the API, a command or a test that
calls it gets the same answer: a member without the permission, an anonymous visitor and "nobody"
(`None`) are refused with `NotPermitted` and nothing changes; the right staff and the system may act."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from auscult.comments.models import Comment, CommentStatus
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import SURGE_PROTECTION
from auscult.core.errors import NOT_PERMITTED, NotPermitted
from auscult.members.models import Approval, MembershipSettings, VerificationEvent
from auscult.members.services import member_decide_approval
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.decisions import comment_decide
from auscult.moderation.legal_holds import legal_hold_lift, legal_hold_place
from auscult.moderation.models import AuditEntry, CommentMode, CommentPolicy, LegalHold, Sanction, SanctionKind
from auscult.moderation.sanctions import member_sanction, sanction_lift
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    MembershipSettings.objects.update_or_create(defaults={"require_staff_approval": True})
    article = ArticlePageFactory()
    author = MemberFactory()
    pending, held = make_comments(article, 2, author=author)
    pending.status = CommentStatus.PENDING
    pending.save(update_fields=["status"])
    moderator = MemberFactory(groups=["Moderators"])
    sanction = member_sanction(member=author, kind=SanctionKind.SUSPENSION, reason="Rude.", by=moderator, days=2)
    hold = legal_hold_place(comment=held, by=moderator, reason="Complaint ref 3.")
    applicant = MemberFactory(approval=Approval.PENDING)
    return {
        "article": article,
        "author": author,
        "pending": pending,
        "held": held,
        "sanction": sanction,
        "hold": hold,
        "applicant": applicant,
        "Moderators": moderator,
        "Editors": MemberFactory(groups=["Editors"]),
    }


def _state():
    """Everything a staff service writes, to show that a refused call wrote none of it."""
    return (
        list(AuditEntry.objects.order_by("pk").values_list("pk", flat=True)),
        list(Sanction.objects.values_list("pk", "lifted_at")),
        list(LegalHold.objects.values_list("pk", "lifted_at")),
        list(CommentPolicy.objects.values_list("article_id", "mode")),
        sorted(get_user_model().objects.values_list("pk", "approval")),
        sorted(Comment.objects.values_list("pk", "status")),
    )


SERVICES = {
    "comment_decide": (
        "Moderators",
        lambda w, by: comment_decide(comment=w["pending"], moderator=by, decision="approve"),
    ),
    "member_sanction": (
        "Moderators",
        lambda w, by: member_sanction(member=w["applicant"], kind=SanctionKind.BAN, reason="Threats.", by=by),
    ),
    "sanction_lift": ("Moderators", lambda w, by: sanction_lift(sanction=w["sanction"], by=by, reason="Apologised.")),
    "legal_hold_place": (
        "Moderators",
        lambda w, by: legal_hold_place(comment=w["pending"], by=by, reason="Solicitor's letter."),
    ),
    "legal_hold_lift": ("Moderators", lambda w, by: legal_hold_lift(hold=w["hold"], by=by, reason="Settled.")),
    "member_decide_approval": (
        "Moderators",
        lambda w, by: member_decide_approval(member=w["applicant"], by=by, approve=True),
    ),
    "comment_mode_set": (
        "Editors",
        lambda w, by: comment_mode_set(article=w["article"], mode=CommentMode.CLOSED, by=by),
    ),
}
NOBODY = {
    "a verified member": lambda w: MemberFactory(),
    "staff without the permission": lambda w: MemberFactory(is_staff=True),
    "a visitor": lambda w: AnonymousUser(),
    "nobody (None)": lambda w: None,
}


@pytest.mark.parametrize("who", NOBODY)
@pytest.mark.parametrize("service", SERVICES)
def test_a_staff_service_refuses_whoever_lacks_the_permission_and_changes_nothing(world, service, who):
    _, call = SERVICES[service]
    actor = NOBODY[who](world)
    before = _state()

    with pytest.raises(NotPermitted) as refused:
        call(world, actor)

    assert refused.value.code == NOT_PERMITTED and refused.value.message
    assert _state() == before


def test_the_wrong_staff_role_is_refused_too(world):
    with pytest.raises(NotPermitted):
        comment_decide(comment=world["pending"], moderator=world["Editors"], decision="approve")
    with pytest.raises(NotPermitted):
        comment_mode_set(article=world["article"], mode=CommentMode.CLOSED, by=world["Moderators"])


@pytest.mark.parametrize("service", SERVICES)
def test_the_staff_who_hold_the_permission_may_act(world, service):
    role, call = SERVICES[service]
    before = _state()

    call(world, world[role])

    assert _state() != before


@pytest.mark.parametrize("service", SERVICES)
def test_the_system_acts_in_its_own_name_never_as_a_person(world, service):
    _, call = SERVICES[service]
    before = _state()
    entries = set(AuditEntry.objects.values_list("pk", flat=True))
    events = set(VerificationEvent.objects.values_list("pk", flat=True))

    call(world, SURGE_PROTECTION)

    assert _state() != before
    actors = [
        *AuditEntry.objects.exclude(pk__in=entries).values_list("actor_id", flat=True),
        *VerificationEvent.objects.exclude(pk__in=events).values_list("actor_id", flat=True),
    ]
    assert actors and set(actors) == {None}
