"""Who may do what: every staff and member URL of ours, asked by each kind of person, against one table.

The table's keys are checked against the URL resolver, so a URL added without a row here fails
`test_every_url_of_ours_is_in_the_table`. Each person's whole column is compared at once (one
request per row, each inside a savepoint that is rolled back), so a failure shows every cell that
moved. A POST "wrote" when any watched table changed; a refused write must change nothing.

Answers: "sign-in" is the members' sign-in page and "admin sign-in" Wagtail's; "notice" the
professionals-only notice; "admin: denied" is Wagtail's answer to a PermissionDenied in its admin
(a redirect to the dashboard with "Sorry, you do not have permission"); "redirect" anything else
that redirects (a form done or refused, with its message); otherwise the status code."""

import re
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.contrib.settings.registry import registry as settings_registry

from auscult.api import tokens
from auscult.api.models import ApiToken, Scope
from auscult.comments.models import (
    Block,
    Comment,
    CommentSettings,
    CommentStatus,
    FeaturedComment,
    Recommendation,
    Report,
)
from auscult.comments.profiles import profile_path
from auscult.comments.tests.factories import make_comments
from auscult.members.models import Approval
from auscult.members.tests.factories import PASSWORD, MemberFactory
from auscult.moderation.legal_holds import legal_hold_place
from auscult.moderation.models import AuditEntry, LegalHold, ReasonTemplate, Sanction, SanctionKind
from auscult.moderation.sanctions import member_sanction
from auscult.notifications.models import Follow, Kind, Notification, Preferences
from auscult.notifications.tokens import unsubscribe_token
from auscult.publishing.tests.factories import ArticlePageFactory, AuthorFactory
from auscult.ratings.models import Rating
from auscult.ratings.services import rating_set

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "member", "unverified", "suspended", "editor", "moderator")

SIGN_IN = "sign-in"
ADMIN_SIGN_IN = "admin sign-in"
NOTICE = "notice"
DENIED = "admin: denied"
NOT_FOUND = "404"
OK = "200"
MOVED = "redirect"
DONE = "redirect, wrote"

# Visitors and members who are not staff never get past Wagtail's sign-in.
NOT_STAFF = (ADMIN_SIGN_IN,) * 4


def staff(editor, moderator):
    """A row of Wagtail's admin: only staff get in at all; then each group's permissions decide."""
    return (*NOT_STAFF, editor, moderator)


def members(answer, *, visitor=SIGN_IN, unverified=None, suspended=None, staff=None):
    """A row of the members' pages: one answer for every signed-in person unless said otherwise."""
    unverified = answer if unverified is None else unverified
    suspended = answer if suspended is None else suspended
    staff = answer if staff is None else staff
    return (visitor, answer, unverified, suspended, staff, staff)


@dataclass(frozen=True)
class Row:
    key: str  # the URL name, then (after a space) what this row asks of it
    path: object  # world -> path
    answers: tuple
    method: str = "get"
    data: object = None  # world -> POST data

    @property
    def url_name(self):
        return self.key.split(" ")[0]

    @property
    def label(self):
        return f"{self.method.upper()} {self.key}"


def get(key, path, answers):
    return Row(key, path, answers)


def post(key, path, data, answers):
    return Row(key, path, answers, method="post", data=data)


ARTICLE = "/articles/{w.article.pk}/"
API_TOKEN = {"name": "My tool", "scopes": "read", "days": "30"}


def at(template):
    return lambda w: template.format(w=w)


MEMBER_PAGE = "/admin/moderation/members/{w.target.pk}/"
CHOOSER = "/admin/moderation/choose-member/"

ROWS = [
    # The moderation workspace.
    # Featuring a comment from where it is (the thread, the queue): editors only.
    get("comments_admin:feature", at("/admin/feature-comment/{w.other_comment.pk}/"), staff(OK, DENIED)),
    post(
        "comments_admin:feature",
        at("/admin/feature-comment/{w.other_comment.pk}/"),
        lambda w: {"article": ArticlePageFactory(title=f"Shown on {w.serial}").pk},
        staff(DONE, DENIED),
    ),
    get("moderation_admin:queue", at("/admin/moderation/"), staff(DENIED, OK)),
    get("moderation_admin:queue_named", at("/admin/moderation/queue/reported/"), staff(DENIED, OK)),
    post(
        "moderation_admin:decide",
        at("/admin/moderation/decide/"),
        lambda w: {"comment_id": w.held.pk, "seen_status": w.held.status, "decision": "approve"},
        staff(DENIED, DONE),
    ),
    get("moderation_admin:member", at(MEMBER_PAGE), staff(DENIED, OK)),
    post(
        "moderation_admin:member_sanction",
        at(MEMBER_PAGE + "sanction/"),
        lambda w: {"kind": SanctionKind.SUSPENSION, "days": 3, "reason": "Repeated personal attacks."},
        staff(DENIED, DONE),
    ),
    # Each action on the member's page takes a POST only.
    get("moderation_admin:member_sanction", at(MEMBER_PAGE + "sanction/"), staff(DENIED, "405")),
    post(
        "moderation_admin:member_sanction_lift",
        at(MEMBER_PAGE + "sanctions/{w.target_sanction.pk}/lift/"),
        lambda w: {"reason": "Appeal upheld."},
        staff(DENIED, DONE),
    ),
    post(
        "moderation_admin:member_hold_place",
        at(MEMBER_PAGE + "comments/{w.other_comment.pk}/hold/"),
        lambda w: {"reason": "Complaint ref 12."},
        staff(DENIED, DONE),
    ),
    post(
        "moderation_admin:member_hold_lift",
        at(MEMBER_PAGE + "holds/{w.hold.pk}/lift/"),
        lambda w: {"reason": "Settled."},
        staff(DENIED, DONE),
    ),
    # The member chooser of the queues' filters: it tells who is a member, so moderators only.
    get("moderation_member_chooser:choose", at(CHOOSER), staff(DENIED, OK)),
    get("moderation_member_chooser:choose_results", at(CHOOSER + "results/?q={w.target.username}"), staff(DENIED, OK)),
    get("moderation_member_chooser:chosen", at(CHOOSER + "chosen/{w.target.pk}/"), staff(DENIED, OK)),
    get(
        "moderation_member_chooser:chosen_multiple",
        at(CHOOSER + "chosen-multiple/?id={w.target.pk}"),
        staff(DENIED, OK),
    ),
    get("moderation_admin:timing", at("/admin/moderation/timing/"), staff(OK, OK)),
    get("moderation_admin:audit", at("/admin/moderation/audit/"), staff(OK, OK)),
    get("moderation_admin:audit_results", at("/admin/moderation/audit/results/"), staff(OK, OK)),
    # Registrations awaiting approval.
    get("members_admin:approvals", at("/admin/registrations/"), staff(DENIED, OK)),
    post(
        "members_admin:decide",
        at("/admin/registrations/{w.pending.pk}/decide/"),
        lambda w: {"decision": "approve"},
        staff(DENIED, DONE),
    ),
    # Wagtail's own admin, for the two groups: editors edit pages, moderators do not.
    get("wagtailadmin_home", at("/admin/"), staff(OK, OK)),
    get("wagtailadmin_pages:edit", at("/admin/pages/{w.article.pk}/edit/"), staff(OK, DENIED)),
    # The member's own account.
    get("members:account", at("/account/"), members(OK)),
    get("members:profile", at("/account/profile/"), members(OK)),
    post(
        "members:profile",
        at("/account/profile/"),
        lambda w: {
            "full_name": w.actor.full_name if w.actor else "Dr Nobody",
            "display_name": w.actor.display_name if w.actor else "Dr Nobody",
            "job_title": "Salaried GP",
        },
        members(DONE),
    ),
    get("members:registration", at("/account/registration/"), members(OK)),
    post(
        "members:registration",
        at("/account/registration/"),
        lambda w: {"profession": "gp", "regulator": "gmc", "registration_number": f"79{w.serial:05d}"},
        members(DONE),
    ),
    get("comments:mine", at("/account/comments/"), members(OK)),
    # Blocking: another member's named comment (the world's target comments by name); one's own is refused.
    post("comments:block", at("/comments/{w.other_comment.pk}/block/"), lambda w: {}, members(DONE)),
    post("comments:block undo", at("/comments/{w.other_comment.pk}/block/"), lambda w: {"undo": "1"}, members(MOVED)),
    post("comments:block own", at("/comments/{w.own_comment.pk}/block/"), lambda w: {}, members(MOVED)),
    get("comments:blocked", at("/account/blocked/"), members(OK)),
    post("comments:unblock", at("/account/blocked/{w.target.pk}/unblock/"), lambda w: {}, members(MOVED)),
    # Notifications: the member's own; another's is not found. Unsubscribing needs no sign-in, only the token.
    get("notifications:list", at("/account/notifications/"), members(OK)),
    post("notifications:mark_all_read", at("/account/notifications/read/"), lambda w: {}, members(MOVED)),
    get("notifications:open someone else's", at("/account/notifications/{w.notice.pk}/"), members(NOT_FOUND)),
    get("notifications:preferences", at("/account/notifications/preferences/"), members(OK)),
    post(
        "notifications:preferences",
        at("/account/notifications/preferences/"),
        lambda w: {"digest": "weekly"},
        members(DONE),
    ),
    post("notifications:follow", at(ARTICLE + "follow/"), lambda w: {}, members(DONE)),
    post("notifications:follow undo", at(ARTICLE + "follow/"), lambda w: {"undo": "1"}, members(MOVED)),
    get(
        "notifications:unsubscribe", at("/account/notifications/unsubscribe/{w.unsubscribe}/"), members(OK, visitor=OK)
    ),
    post(
        "notifications:unsubscribe",
        at("/account/notifications/unsubscribe/{w.unsubscribe}/"),
        lambda w: {"List-Unsubscribe": "One-Click"},
        members(OK + ", wrote", visitor=OK + ", wrote"),
    ),
    get("ratings:mine", at("/account/ratings/"), members(OK)),
    # Personal API tokens: made on the page (the key shown in the answer), revoked one's own only. A token that
    # moderates is refused to all but moderators, who must have signed in recently (here they have not).
    get("api_tokens", at("/account/api-tokens/"), members(OK)),
    post("api_tokens", at("/account/api-tokens/"), lambda w: API_TOKEN, members(OK + ", wrote")),
    post(
        "api_tokens moderate",
        at("/account/api-tokens/"),
        lambda w: {**API_TOKEN, "scopes": "moderate"},
        (SIGN_IN, OK, OK, OK, OK, MOVED),
    ),
    post("api_token_revoke", at("/account/api-tokens/{w.own_token.pk}/revoke/"), lambda w: {}, members(DONE)),
    get("api_token_revoke", at("/account/api-tokens/{w.own_token.pk}/revoke/"), members("405", visitor="405")),
    post(
        "api_token_revoke someone else's",
        at("/account/api-tokens/{w.target_token.pk}/revoke/"),
        lambda w: {},
        members(NOT_FOUND),
    ),
    get("members:data", at("/account/data/"), members(OK)),
    get("members:data download", at("/account/data/?download=1"), members(OK)),
    get("members:delete", at("/account/delete/"), members(OK)),
    post("members:delete", at("/account/delete/"), lambda w: {"password": PASSWORD, "confirm": "on"}, members(DONE)),
    # Comments: the author's own, someone else's, the article's thread.
    get("comments:permalink", at("/comments/{w.other_comment.pk}/"), members(MOVED, visitor=NOTICE)),
    get("comments:reply_form", at("/comments/{w.other_comment.pk}/reply/"), members(MOVED, visitor=NOTICE)),
    get("comments:report", at("/comments/{w.other_comment.pk}/report/"), members(OK, visitor=NOTICE)),
    post(
        "comments:report",
        at("/comments/{w.other_comment.pk}/report/"),
        lambda w: {"reason": "spam"},
        members(DONE, unverified=OK, suspended=OK),
    ),
    # Recommending is taking part: refused (and told why) while one may not comment.
    post(
        "comments:recommend",
        at("/comments/{w.other_comment.pk}/recommend/"),
        lambda w: {},
        members(DONE, unverified=MOVED, suspended=MOVED),
    ),
    get("comments:edit", at("/comments/{w.own_comment.pk}/edit/"), members(OK, visitor=NOTICE)),
    post(
        "comments:edit",
        at("/comments/{w.own_comment.pk}/edit/"),
        lambda w: {"body": "On reflection, a better point."},
        members(DONE, unverified=OK, suspended=OK),
    ),
    get("comments:edit someone else's", at("/comments/{w.other_comment.pk}/edit/"), members(NOT_FOUND, visitor=NOTICE)),
    post(
        "comments:edit someone else's",
        at("/comments/{w.other_comment.pk}/edit/"),
        lambda w: {"body": "Words put in another's mouth."},
        members(NOT_FOUND),
    ),
    get("comments:delete", at("/comments/{w.own_comment.pk}/delete/"), members(OK, visitor=NOTICE)),
    # Members may always take back their own words, suspended or not.
    post("comments:delete", at("/comments/{w.own_comment.pk}/delete/"), lambda w: {}, members(DONE)),
    post(
        "comments:delete someone else's", at("/comments/{w.other_comment.pk}/delete/"), lambda w: {}, members(NOT_FOUND)
    ),
    get("comments:thread", at(ARTICLE + "comments/"), members(MOVED, visitor=NOTICE)),
    get("comments:count", at(ARTICLE + "comments/count/"), members(OK, visitor=NOTICE)),
    get("comments:guidelines", at("/community-guidelines/"), members(OK, visitor=NOTICE)),
    # A public profile is everyone's to read; one not shown is nobody's but its owner's (not in this world).
    get("comments:member_profile", at("{w.shown_profile}"), members(OK, visitor=NOTICE)),
    get("comments:member_profile hidden", at("{w.hidden_profile}"), members(NOT_FOUND, visitor=NOTICE)),
    get("comments:member_profile_by_id", at("/members/{w.shown.pk}/"), members(MOVED, visitor=NOTICE)),
    post(
        "comments:post",
        at(ARTICLE + "comments/post/"),
        lambda w: {"body": "A fresh point about the funding formula."},
        members(DONE, unverified=MOVED, suspended=MOVED),
    ),
    # Ratings.
    post(
        "ratings:set",
        at(ARTICLE + "rating/"),
        lambda w: {"stars": "2"},
        members(DONE, unverified=MOVED, suspended=MOVED),
    ),
    # Withdrawing one's own rating is allowed even while one may not rate.
    post("ratings:withdraw", at(ARTICLE + "rating/withdraw/"), lambda w: {}, members(DONE)),
    # allauth's account pages.
    get("account_login", at("/accounts/login/"), members(MOVED, visitor=OK)),
    post(
        "account_login",
        at("/accounts/login/"),
        lambda w: {"login": "nobody@example.com", "password": "not-the-password"},
        members(MOVED, visitor=OK),
    ),
    get("account_logout", at("/accounts/logout/"), members(OK, visitor=MOVED)),
    post("account_logout", at("/accounts/logout/"), lambda w: {}, members(MOVED, visitor=MOVED)),
    get("account_inactive", at("/accounts/inactive/"), members(OK, visitor=OK)),
    get("account_signup", at("/accounts/signup/"), members(MOVED, visitor=OK)),
    get("account_reauthenticate", at("/accounts/reauthenticate/"), members(OK)),
    post("account_reauthenticate", at("/accounts/reauthenticate/"), lambda w: {"password": PASSWORD}, members(MOVED)),
    get("account_email", at("/accounts/email/"), members(OK)),
    post(
        "account_email",
        at("/accounts/email/"),
        lambda w: {"action_add": "", "email": f"second{w.serial}@example.com"},
        members(DONE),
    ),
    get("account_email_verification_sent", at("/accounts/confirm-email/"), members(OK, visitor=OK)),
    get("account_confirm_email", at("/accounts/confirm-email/not-a-key/"), members(OK, visitor=OK)),
    get("account_change_password", at("/accounts/password/change/"), members(OK)),
    post(
        "account_change_password",
        at("/accounts/password/change/"),
        lambda w: {"oldpassword": PASSWORD, "password1": "a-new-passphrase-42", "password2": "a-new-passphrase-42"},
        members(DONE),
    ),
    get("account_set_password", at("/accounts/password/set/"), members(MOVED)),
    get("account_reset_password", at("/accounts/password/reset/"), members(OK, visitor=OK)),
    post(
        "account_reset_password",
        at("/accounts/password/reset/"),
        lambda w: {"email": "nobody@example.com"},
        members(MOVED, visitor=MOVED),
    ),
    get("account_reset_password_done", at("/accounts/password/reset/done/"), members(OK, visitor=OK)),
    get(
        "account_reset_password_from_key",
        at("/accounts/password/reset/key/1-not-a-key/"),
        members(OK, visitor=OK),
    ),
    get("account_reset_password_from_key_done", at("/accounts/password/reset/key/done/"), members(OK, visitor=OK)),
    # No sign-in by e-mailed code is under way: back to signing in (or, signed in, on to the site).
    get("account_confirm_login_code", at("/accounts/login/code/confirm/"), members(MOVED)),
]

# Wagtail's own admin URLs that have rows above (the rest are Wagtail's to test).
WAGTAIL_ROWS = {"wagtailadmin_home", "wagtailadmin_pages:edit"}

# Our URLs that only read public pages and carry no permission: they need no row.
PUBLIC_READS = {
    "healthz",
    "robots_txt",
    "feed",
    "section_feed",
    "search",
    "notice",
    "publishing:authors",
    "publishing:author",
    "wagtail_serve",  # every page of the tree: Wagtail's page view with the route cached (publishing/delivery.py)
    "api_not_found",  # a 404 problem for any /api/ path no operation has; the API's own tests: auscult/api/tests
}

# Snippets registered by our apps: which group keeps them (the other group is refused, members never get in).
SNIPPETS = {
    "publishing.author": "editor",
    "comments.featuredcomment": "editor",
    "moderation.reasontemplate": "moderator",
}
# Snippet choosers any admin user may open: Wagtail lets editors pick what they cannot edit.
OPEN_CHOOSER_VIEWS = {"choose", "choose_results", "chosen", "chosen_multiple"}

# Our settings in Wagtail's admin, and the groups that may change each (superusers aside).
SETTINGS = {
    "publishing.magazinesettings": {"editor"},
    "comments.commentsettings": {"editor"},
    "moderation.moderationsettings": {"editor"},
    "members.membershipsettings": set(),
    "moderation.moderationrules": set(),
}

WATCHED = {
    Comment: ("status", "body"),
    Recommendation: ("comment_id", "member_id"),
    Report: ("comment_id", "reporter_id"),
    Rating: ("member_id", "stars"),
    Sanction: ("lifted_at",),
    LegalHold: ("lifted_at",),
    AuditEntry: (),
    EmailAddress: ("email", "verified"),
    FeaturedComment: ("article_id", "comment_id"),
    Notification: ("read_at",),
    Preferences: ("email_replies", "digest"),
    Follow: ("article_id", "member_id"),
    Block: ("member_id", "blocked_id"),
    ApiToken: ("member_id", "scopes", "revoked_at"),
    get_user_model(): (
        "password",
        "approval",
        "full_name",
        "display_name",
        "job_title",
        "registration_number",
        "deleted_at",
    ),
}


def snapshot():
    """Everything a write of ours would change (sessions aside: signing in and out have their own tests)."""
    return {model.__name__: sorted(model.objects.values_list("pk", *fields)) for model, fields in WATCHED.items()}


def answer_of(response, wrote):
    if response.status_code in (301, 302):
        path = urlsplit(response["Location"]).path
        kind = {
            reverse("account_login"): SIGN_IN,
            reverse("wagtailadmin_login"): ADMIN_SIGN_IN,
            reverse("notice"): NOTICE,
            reverse("wagtailadmin_home"): DENIED,
        }.get(path, MOVED)
    else:
        kind = str(response.status_code)
    return f"{kind}, wrote" if wrote else kind


def person(role):
    if role == "visitor":
        return None
    user = MemberFactory(is_staff=role in ("editor", "moderator"), approval=Approval.APPROVED)
    if role == "editor":
        user.groups.add(Group.objects.get(name="Editors"))
    if role == "moderator":
        user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def world(db):
    """One article with comments, a member in trouble (suspended, a comment held, one under a legal hold), a
    registration waiting, and one of each snippet."""
    limits = CommentSettings.load()
    limits.min_interval_seconds = 0  # each row posts straight after the last
    limits.save()
    boss = MemberFactory(is_staff=True)
    boss.groups.add(Group.objects.get(name="Moderators"))
    article = ArticlePageFactory(title="Funding formula row")
    target = MemberFactory()
    other_comment = make_comments(article, 1, author=target)[0]
    held = make_comments(article, 1, author=target, status=CommentStatus.PENDING)[0]
    hold = legal_hold_place(comment=make_comments(article, 1, author=target)[0], by=boss, reason="Complaint ref 11.")
    target_sanction = member_sanction(member=target, kind=SanctionKind.SUSPENSION, reason="Rude.", by=boss, days=2)
    notice = Notification.objects.create(member=target, kind=Kind.REPLY, comment=other_comment)
    shown = MemberFactory(profile_public=True)
    make_comments(article, 1, author=shown)
    return SimpleNamespace(
        shown=shown,
        notice=notice,
        unsubscribe=unsubscribe_token(target.pk, Kind.REPLY),
        shown_profile=profile_path(shown),
        hidden_profile=profile_path(target),
        boss=boss,
        article=article,
        target=target,
        other_comment=other_comment,
        held=held,
        hold=hold,
        target_sanction=target_sanction,
        target_token=tokens.token_create(member=target, name="Theirs", scopes=[Scope.READ], days=7).token,
        pending=MemberFactory(approval=Approval.PENDING),
        author=AuthorFactory(),
        featured=FeaturedComment.objects.create(
            article=ArticlePageFactory(title="Elsewhere"), comment=other_comment, featured_by=boss
        ),
        reason_template=ReasonTemplate.objects.first(),
    )


def cast(world, role):
    """The person asking, with a comment and a rating of their own; suspended last, as it happens."""
    actor = person(role)
    own_comment = world.other_comment
    own_token = world.target_token
    if actor is not None:
        own_token = tokens.token_create(member=actor, name="Mine", scopes=[Scope.READ], days=7).token
        own_comment = make_comments(world.article, 1, author=actor, start=timezone.now() - timedelta(seconds=5))[0]
        rating_set(article=world.article, member=actor, stars=4)
        if role == "unverified":  # rated before they changed their address and have yet to confirm the new one
            get_user_model().objects.filter(pk=actor.pk).update(email_verified_at=None)
            EmailAddress.objects.filter(user=actor).update(verified=False)
            actor.refresh_from_db()
        if role == "suspended":
            member_sanction(member=actor, kind=SanctionKind.SUSPENSION, reason="Cooling off.", by=world.boss, days=7)
    return SimpleNamespace(
        **vars(world), actor=actor, own_comment=own_comment, own_token=own_token, serial=actor.pk if actor else 0
    )


def client_for(actor, **kwargs):
    client = Client(**kwargs)
    if actor is not None:
        client.force_login(actor)
    return client


def ask(world, row, **client_kwargs):
    """The answer to one row, the database put back as it was afterwards."""
    cache.clear()
    sid = transaction.savepoint()
    try:
        client = client_for(world.actor, **client_kwargs)
        before = snapshot()
        path = row.path(world)
        response = client.post(path, row.data(world)) if row.method == "post" else client.get(path)
        return answer_of(response, snapshot() != before)
    finally:
        transaction.savepoint_rollback(sid)


# Snippet and settings rows, generated from what Wagtail registered for our models.


def _our_app_labels():
    return {config.label for config in apps.get_app_configs() if config.name.startswith("auscult.")}


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            name = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(pattern.url_patterns, name)
        elif isinstance(pattern, URLPattern) and pattern.name:
            full = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield full, pattern.callback.__module__


SNIPPET_NAME = re.compile(r"^wagtailsnippet(?:s|choosers)_(?P<app>[a-z_]+?)_(?P<model>[a-z]+):(?P<view>\w+)$")


def snippet_urls():
    """{url name: model label} for every snippet view of ours."""
    found = {}
    for name, _module in _walk(get_resolver().url_patterns):
        match = SNIPPET_NAME.match(name)
        if match and match["app"] in _our_app_labels():
            found[name] = f"{match['app']}.{match['model']}"
    return found


def our_settings():
    return {
        f"{m._meta.app_label}.{m._meta.model_name}" for m in settings_registry if m._meta.app_label in _our_app_labels()
    }


def snippet_rows():
    rows = []
    for name, label in sorted(snippet_urls().items()):
        view = name.split(":")[1]
        keeper = SNIPPETS[label]
        allowed = {keeper} | ({"editor", "moderator"} if view in OPEN_CHOOSER_VIEWS else set())
        answer = {role: OK if role in allowed else DENIED for role in ("editor", "moderator")}
        rows.append(get(name, _snippet_path(name, label), staff(answer["editor"], answer["moderator"])))
    return rows


def _snippet_path(name, label):
    def path(world):
        instance = {"publishing.author": world.author, "comments.featuredcomment": world.featured}.get(
            label, world.reason_template
        )
        view = name.split(":")[1]
        if view in ("chosen_multiple",):
            return reverse(name) + f"?id={instance.pk}"
        try:
            return reverse(name, args=[instance.pk])
        except NoReverseMatch:  # a view without a pk
            return reverse(name)

    return path


def settings_rows():
    rows = []
    for label in sorted(our_settings()):
        app_label, model_name = label.split(".")
        allowed = SETTINGS[label]
        answers = staff(*(OK if role in allowed else DENIED for role in ("editor", "moderator")))

        def path(world, app_label=app_label, model_name=model_name):
            pk = apps.get_model(app_label, model_name).load().pk
            return reverse("wagtailsettings:edit", args=[app_label, model_name, pk])

        rows.append(get(f"wagtailsettings:edit {label}", path, answers))
    return rows


def all_rows():
    return ROWS + snippet_rows() + settings_rows()


def test_every_url_of_ours_is_in_the_table():
    """Every URL an auscult app or allauth serves, and every snippet and setting of ours in Wagtail's admin, has a
    row (or is a public read); and every row names a URL that exists."""
    names = dict(_walk(get_resolver().url_patterns))
    ours = {name for name, module in names.items() if module.startswith(("auscult.", "allauth."))}
    rows = {row.url_name for row in ROWS}

    assert ours - PUBLIC_READS == rows - WAGTAIL_ROWS
    assert names.keys() >= WAGTAIL_ROWS
    labels = [row.label for row in all_rows()]
    assert len(labels) == len(set(labels)), "two rows ask the same thing"
    assert set(SNIPPETS) == set(snippet_urls().values())
    assert set(SETTINGS) == our_settings()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_do_what(world, role):
    world = cast(world, role)
    column = ROLES.index(role)
    rows = all_rows()

    answers = {row.label: ask(world, row) for row in rows}

    expected = {row.label: row.answers[column] for row in rows}
    wrong = {key: f"expected {expected[key]}, got {got}" for key, got in answers.items() if got != expected[key]}
    assert wrong == {}


# The one view exempt from CSRF, and why: the one-click unsubscribe (RFC 8058) is posted by the mail provider with
# no cookie and no token; the token signed for one member and one kind of e-mail is the proof, and all it can do
# is turn that kind of e-mail off.
CSRF_EXEMPT = {"notifications:unsubscribe"}


def test_every_post_without_a_csrf_token_is_refused(world):
    """Every row's URL, GET-only ones too, posted to by a signed-in moderator (who may do the most) with the row's
    data and no CSRF token: 403, nothing written. So no view of ours or allauth's is exempt from the check, but
    the one-click unsubscribe (`CSRF_EXEMPT`)."""
    world = cast(world, "moderator")
    rows = [row for row in all_rows() if row.url_name not in CSRF_EXEMPT]
    refused, wrote = {}, []
    for row in rows:
        as_post = Row(row.key, row.path, row.answers, method="post", data=row.data or (lambda w: {}))
        answer = ask(world, as_post, enforce_csrf_checks=True)
        refused[row.label] = answer
        if "wrote" in answer:
            wrote.append(row.label)

    assert refused == dict.fromkeys(refused, "403")
    assert not wrote


def test_a_token_gets_past_csrf(world):
    """The control for the test above: with the form's token the moderator's decision goes through."""
    world = cast(world, "moderator")
    client = client_for(world.actor, enforce_csrf_checks=True)
    client.get("/admin/moderation/")
    token = client.cookies["csrftoken"].value

    response = client.post(
        "/admin/moderation/decide/",
        {"comment_id": world.held.pk, "seen_status": "pending", "decision": "approve", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    world.held.refresh_from_db()
    assert world.held.status == CommentStatus.PUBLISHED


# Sessions.


def sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def signed_in(client):
    return client.get("/account/").status_code == 200


def test_signing_in_rotates_the_session_key():
    user = MemberFactory()
    client = Client()
    session = client.session  # an anonymous session, as a visitor who browsed first would have
    session["seen"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    before = session.session_key

    response = sign_in(client, user)

    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert signed_in(client)


def test_logout_ends_the_session_for_whoever_holds_its_cookie():
    user = MemberFactory()
    client = Client()
    sign_in(client, user)
    cookie = client.cookies["sessionid"].value

    client.post("/accounts/logout/")

    thief = Client()
    thief.cookies["sessionid"] = cookie
    assert not signed_in(thief)
    assert not Session.objects.filter(session_key=cookie).exists()


def test_changing_the_password_signs_out_every_other_session():
    user = MemberFactory()
    here, elsewhere = Client(), Client()
    sign_in(here, user)
    sign_in(elsewhere, user)
    assert signed_in(here) and signed_in(elsewhere)

    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a-new-passphrase-42", "password2": "a-new-passphrase-42"},
    )

    assert response.status_code == 302
    assert signed_in(here)  # update_session_auth_hash keeps the session that made the change
    assert not signed_in(elsewhere)
