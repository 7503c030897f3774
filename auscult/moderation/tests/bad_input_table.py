"""The tables of test_bad_input.py: every endpoint members and moderators post to, with the form
that reads it (its fields come from the form itself, so a new field is covered without touching this
file), and every page and list whose query string a view reads. What a view reads from the request
outside a form is listed as `extra`; bad_input.request_reads finds every such read in the code, and a
test fails on one that no table names. Moderation is the highest layer that exists, so this module
may import every app's forms and views."""

import uuid
from dataclasses import dataclass
from typing import Any

from auscult.members.tests.factories import PASSWORD

from .bad_input import a_request

# Endpoints that take a POST ----------------------------------------------------------------------


def _allauth(view):
    """The form allauth's `view` uses, as ACCOUNT_FORMS configures it."""
    from allauth.account import views

    return lambda: getattr(views, view)().get_form_class()


def _reason_template_form():
    from auscult.moderation.models import ReasonTemplate

    return ReasonTemplate.snippet_viewset.get_form_class()


def _author_form():
    from auscult.publishing.models import Author

    return Author.snippet_viewset.get_form_class()


def _another_article():
    from auscult.publishing.tests.factories import ArticlePageFactory

    return ArticlePageFactory(title="Where it is featured")


def _staff_login_form():
    from wagtail.admin.views.account import LoginView

    return LoginView().get_form_class()


def _local(path):
    """A form class of ours, imported when the table is read."""
    module, name = path.rsplit(".", 1)
    return lambda: getattr(__import__(module, fromlist=[name]), name)


def _reset_link(world, client):
    """allauth's password reset link for the author, followed: its key goes into the session."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    author = type(world.author).objects.get(pk=world.author.pk)
    uid, key = user_pk_to_url_str(author), default_token_generator.make_token(author)
    return client.get(f"/accounts/password/reset/key/{uid}-{key}/")["Location"]


NEW_PASSWORD = "a-brand-new-passphrase-42"


@dataclass(frozen=True)
class Endpoint:
    """A POST endpoint: where it is, who sends it, its form, a submission that succeeds."""

    name: str
    route: str  # the URL's name
    url: Any  # world → path, or (world, client) → path when `follows` (the reset link)
    valid: Any  # world → data a member would send, which the endpoint accepts
    form: Any = None  # () → the form class whose fields are covered
    form_kwargs: Any = None  # world → what the form's __init__ needs besides data
    extra: tuple = ()  # what the view reads from the POST outside the form; {placeholders} from World.ids
    who: str = "member"
    htmx: bool = False
    follows: bool = False

    def form_class(self):
        return self.form() if self.form else None

    def fields(self, world):
        """Name → (max_length, holds text) of each field: the form's, then the view's own reads."""
        from django import forms

        names = {}
        form_class = self.form_class()
        if form_class is not None:
            kwargs = self.form_kwargs(world) if self.form_kwargs else {}
            form = form_class(**kwargs)
            for name, form_field in {**form_class.base_fields, **form.fields}.items():
                text = isinstance(form_field, forms.CharField) and not isinstance(form_field, forms.UUIDField)
                names[name] = (getattr(form_field, "max_length", None), text)
        for name in self.extra:
            names.setdefault(name.format(**world.ids), (None, name not in NOT_TEXT))
        return names


# What views read outside a form that is an id, a choice or a flag rather than words.
NOT_TEXT = {
    "undo",
    "order",
    "parent",
    "page_size",
    "comment",
    "comment_id",
    "reason_template",
    "decision",
    "seen_status",
    "seen_version",
    "seen_{held}",
    "version_{held}",
    "action_add",
    "action_send",
    "action_remove",
    "action_primary",
}


def _comment(world, **data):
    return {"body": "A fair point about funding.", "submission_key": str(uuid.uuid4()), **data}


def _decision(w):
    from auscult.moderation.decisions import version_of

    return {
        "comment_id": w.held.pk,
        "decision": "approve",
        "seen_status": "pending",
        f"version_{w.held.pk}": version_of(w.held),
        "next": "/admin/moderation/",
    }


def _signup(w):
    return {
        "email": "sam.okafor@example.com",
        "password1": "a-very-long-pass-77",
        "password2": "a-very-long-pass-77",
        "full_name": "Samuel Okafor",
        "display_name": "Dr Sam Okafor",
        "profession": "gp",
        "regulator": "gmc",
        "registration_number": "1234567",
        "job_title": "Salaried GP",
    }


def _profile(w):
    return {"full_name": "Ana Rahman", "display_name": "Dr Ana R", "job_title": "Locum GP"}


def _api_tokens_form_kwargs(w):
    from auscult.api.models import Scope

    return {"offered": Scope.values}


def _own_token(w):
    """A token of the author's, made inside the attempt's savepoint (so each attempt has one to revoke)."""
    from auscult.api import tokens
    from auscult.api.models import Scope

    token = tokens.token_create(member=w.author, name="Tool", scopes=[Scope.READ], days=7).token
    return f"/account/api-tokens/{token.pk}/revoke/"


def _member_page(w):
    return f"/admin/moderation/members/{w.other.pk}/"


MODERATION = "auscult.moderation.forms."


def _report(w):
    return {"reason": "other", "note": "It names a patient."}


COMMENT_EXTRA = ("parent", "page_size")

ENDPOINTS = (
    Endpoint(
        "comment post",
        "comments:post",
        lambda w: f"/articles/{w.article.pk}/comments/post/",
        _comment,
        form=_local("auscult.comments.forms.CommentForm"),
        extra=COMMENT_EXTRA,
    ),
    Endpoint(
        "comment post (htmx)",
        "comments:post",
        lambda w: f"/articles/{w.article.pk}/comments/post/",
        lambda w: _comment(w, parent=w.theirs.pk),
        form=_local("auscult.comments.forms.CommentForm"),
        extra=COMMENT_EXTRA,
        htmx=True,
    ),
    Endpoint(
        "comment edit",
        "comments:edit",
        lambda w: f"/comments/{w.own.pk}/edit/",
        lambda w: {"body": "A fair point, edited."},
        form=_local("auscult.comments.forms.EditForm"),
    ),
    Endpoint("comment delete", "comments:delete", lambda w: f"/comments/{w.own.pk}/delete/", lambda w: {}),
    Endpoint(
        "report",
        "comments:report",
        lambda w: f"/comments/{w.theirs.pk}/report/",
        _report,
        form=_local("auscult.comments.forms.ReportForm"),
    ),
    Endpoint(
        "report dialog (htmx)",
        "comments:report",
        lambda w: f"/comments/{w.theirs.pk}/report/",
        _report,
        form=_local("auscult.comments.forms.ReportForm"),
        htmx=True,
    ),
    Endpoint(
        "recommend",
        "comments:recommend",
        lambda w: f"/comments/{w.theirs.pk}/recommend/",
        lambda w: {},
        extra=("undo", "page_size", "order"),
    ),
    Endpoint(
        "recommend (htmx)",
        "comments:recommend",
        lambda w: f"/comments/{w.theirs.pk}/recommend/",
        lambda w: {"undo": "1"},
        extra=("undo",),
        htmx=True,
    ),
    Endpoint(
        "rating set",
        "ratings:set",
        lambda w: f"/articles/{w.article.pk}/rating/",
        lambda w: {"stars": "4"},
        form=_local("auscult.ratings.forms.RatingForm"),
    ),
    Endpoint(
        "rating set (htmx)",
        "ratings:set",
        lambda w: f"/articles/{w.article.pk}/rating/",
        lambda w: {"stars": "4"},
        form=_local("auscult.ratings.forms.RatingForm"),
        htmx=True,
    ),
    Endpoint(
        "rating withdraw", "ratings:withdraw", lambda w: f"/articles/{w.article.pk}/rating/withdraw/", lambda w: {}
    ),
    Endpoint(
        "profile",
        "members:profile",
        lambda w: "/account/profile/",
        _profile,
        form=_local("auscult.members.forms.ProfileForm"),
        form_kwargs=lambda w: {"member": w.author},
    ),
    Endpoint(
        "e-mail choices",
        "notifications:preferences",
        lambda w: "/account/notifications/preferences/",
        lambda w: {"email_replies": "on", "digest": "weekly", "follow_when_commenting": "on"},
        form=_local("auscult.notifications.forms.PreferencesForm"),
    ),
    Endpoint(
        "block a member", "comments:block", lambda w: f"/comments/{w.theirs.pk}/block/", lambda w: {}, extra=("undo",)
    ),
    Endpoint("unblock a member", "comments:unblock", lambda w: f"/account/blocked/{w.other.pk}/unblock/", lambda w: {}),
    Endpoint(
        "follow a discussion",
        "notifications:follow",
        lambda w: f"/articles/{w.article.pk}/follow/",
        lambda w: {},
        extra=("undo",),
    ),
    Endpoint(
        "notifications read", "notifications:mark_all_read", lambda w: "/account/notifications/read/", lambda w: {}
    ),
    # The tokens page answers a token made with the page itself (its key shown once, so never a redirect): marked
    # htmx, whose valid answer is a 200 (the view reads no HX-Request header).
    Endpoint(
        "API token create",
        "api_tokens",
        lambda w: "/account/api-tokens/",
        lambda w: {"name": "My newsletter tool", "scopes": "read", "days": "30"},
        form=_local("auscult.api.forms.TokenForm"),
        form_kwargs=_api_tokens_form_kwargs,
        htmx=True,
    ),
    Endpoint("API token revoke", "api_token_revoke", _own_token, lambda w: {}),
    Endpoint(
        "registration number",
        "members:registration",
        lambda w: "/account/registration/",
        lambda w: {"profession": "gp", "regulator": "gmc", "registration_number": w.author.registration_number},
        form=_local("auscult.members.forms.RegistrationForm"),
        form_kwargs=lambda w: {"member": w.author},
    ),
    Endpoint(
        "account deletion",
        "members:delete",
        lambda w: "/account/delete/",
        lambda w: {"password": PASSWORD, "confirm": "on"},
        form=_local("auscult.members.forms.DeleteAccountForm"),
        form_kwargs=lambda w: {"member": w.author},
    ),
    Endpoint(
        "e-mail change",
        "account_email",
        lambda w: "/accounts/email/",
        lambda w: {"email": "ana.new@example.com", "action_add": ""},
        form=_allauth("EmailView"),
        form_kwargs=lambda w: {"user": w.author},
        extra=("action_add",),
    ),
    Endpoint(
        "e-mail address actions",
        "account_email",
        lambda w: "/accounts/email/",
        lambda w: {"email": w.author.email, "action_send": ""},
        extra=("email", "action_send", "action_remove", "action_primary"),
    ),
    Endpoint(
        "password change",
        "account_change_password",
        lambda w: "/accounts/password/change/",
        lambda w: {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        form=_allauth("PasswordChangeView"),
        form_kwargs=lambda w: {"user": w.author},
    ),
    Endpoint(
        "reauthentication",
        "account_reauthenticate",
        lambda w: "/accounts/reauthenticate/",
        lambda w: {"password": PASSWORD},
        form=_allauth("ReauthenticateView"),
        form_kwargs=lambda w: {"user": w.author},
        extra=("next",),
    ),
    Endpoint(
        "sign out",
        "account_logout",
        lambda w: "/accounts/logout/",
        lambda w: {"next": "/"},
        extra=("next",),
    ),
    Endpoint(
        "sign-up",
        "account_signup",
        lambda w: "/accounts/signup/",
        _signup,
        form=_allauth("SignupView"),
        extra=("next",),
        who="visitor",
    ),
    Endpoint(
        "sign-in",
        "account_login",
        lambda w: "/accounts/login/",
        lambda w: {"login": w.author.email, "password": PASSWORD},
        form=_allauth("LoginView"),
        form_kwargs=lambda w: {"request": a_request()},
        extra=("next",),
        who="visitor",
    ),
    Endpoint(
        "password reset",
        "account_reset_password",
        lambda w: "/accounts/password/reset/",
        lambda w: {"email": w.author.email},
        form=_allauth("PasswordResetView"),
        who="visitor",
    ),
    Endpoint(
        "password reset from the link",
        "account_reset_password_from_key",
        _reset_link,
        lambda w: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        form=_allauth("PasswordResetFromKeyView"),
        form_kwargs=lambda w: {"user": w.author},
        who="visitor",
        follows=True,
    ),
    Endpoint(
        "professionals-only notice",
        "notice",
        lambda w: "/notice/",
        lambda w: {"next": w.article.url},
        extra=("next",),
        who="visitor",
    ),
    Endpoint(
        "staff sign-in",
        "wagtailadmin_login",
        lambda w: "/admin/login/",
        lambda w: {"username": w.moderator.username, "password": PASSWORD, "next": "/admin/moderation/"},
        form=_staff_login_form,
        form_kwargs=lambda w: {"request": a_request()},
        extra=("next",),
        who="visitor",
    ),
    Endpoint(
        "moderation decide",
        "moderation_admin:decide",
        lambda w: "/admin/moderation/decide/",
        _decision,
        extra=(
            "decision",
            "comment",
            "comment_id",
            "reason",
            "reason_template",
            "seen_status",
            "seen_version",
            "seen_{held}",
            "version_{held}",
            "next",
        ),
        who="moderator",
    ),
    Endpoint(
        "moderation decide (bulk, reject)",
        "moderation_admin:decide",
        lambda w: "/admin/moderation/decide/",
        lambda w: {"comment": [w.held.pk], "decision": "reject", "reason": "Off topic.", "reason_template": ""},
        extra=("comment", "reason", "reason_template", "decision"),
        who="moderator",
    ),
    Endpoint(
        "sanction",
        "moderation_admin:member_sanction",
        lambda w: f"{_member_page(w)}sanction/",
        lambda w: {"kind": "suspension", "days": "7", "reason": "Personal attacks."},
        form=_local(MODERATION + "SanctionForm"),
        who="moderator",
    ),
    Endpoint(
        "sanction lift",
        "moderation_admin:member_sanction_lift",
        lambda w: f"{_member_page(w)}sanctions/{w.sanction.pk}/lift/",
        lambda w: {"reason": "Appeal upheld."},
        form=_local(MODERATION + "LiftForm"),
        who="moderator",
    ),
    Endpoint(
        "legal hold place",
        "moderation_admin:member_hold_place",
        lambda w: f"{_member_page(w)}comments/{w.theirs.pk}/hold/",
        lambda w: {"reason": "Complaint ref 13"},
        form=_local(MODERATION + "LegalHoldForm"),
        who="moderator",
    ),
    Endpoint(
        "legal hold lift",
        "moderation_admin:member_hold_lift",
        lambda w: f"{_member_page(w)}holds/{w.hold.pk}/lift/",
        lambda w: {"reason": "Complaint withdrawn."},
        form=_local(MODERATION + "LiftForm"),
        who="moderator",
    ),
    Endpoint(
        "reason template add",
        "wagtailsnippets_moderation_reasontemplate:add",
        lambda w: "/admin/snippets/moderation/reasontemplate/add/",
        lambda w: {"title": "Said already", "text": "Say something new.", "sort_order": "5"},
        form=_reason_template_form,
        who="moderator",
    ),
    Endpoint(
        "reason template edit",
        "wagtailsnippets_moderation_reasontemplate:edit",
        lambda w: f"/admin/snippets/moderation/reasontemplate/edit/{w.template.pk}/",
        lambda w: {"title": "Said already", "text": "Say something new.", "sort_order": "5"},
        form=_reason_template_form,
        form_kwargs=lambda w: {"instance": w.template},
        who="moderator",
    ),
    Endpoint(
        "feature a comment",
        "comments_admin:feature",
        lambda w: f"/admin/feature-comment/{w.theirs.pk}/",
        lambda w: {"article": _another_article().pk},
        form=_local("auscult.comments.admin_views.FeatureForm"),
        who="editor",
    ),
    Endpoint(
        "author edit",
        "wagtailsnippets_publishing_author:edit",
        lambda w: f"/admin/snippets/publishing/author/edit/{w.author_page.pk}/",
        lambda w: {"name": "Dr Writer Jones", "slug": "writer-jones", "member_email": w.author.email},
        form=_author_form,
        form_kwargs=lambda w: {"instance": w.author_page},
        who="editor",
    ),
    Endpoint(
        "registration decline",
        "members_admin:decide",
        lambda w: f"/admin/registrations/{w.author.pk}/decide/",
        lambda w: {"decision": "decline", "reason": "We could not find your number on the register."},
        form=_local("auscult.members.forms.DeclineForm"),
        extra=("decision",),
        who="moderator",
    ),
)

# Form classes that no endpoint above takes, and why.
FORMS_LEFT_OUT = {
    "auscult.publishing.forms.ArticlePageForm": "the editors' page form (Wagtail's page editor), not a member's",
    "auscult.members.admin_users.MemberCreationForm": "Wagtail's user admin, for administrators only",
    "auscult.members.admin_users.MemberEditForm": "Wagtail's user admin, for administrators only",
    "auscult.moderation.forms.MemberSearchForm": "the member chooser's search, a GET: LISTINGS send its `q`",
}


# Pages and lists that read their query string -----------------------------------------------------


def _audit_params():
    """The audit log's filters as its filter set names them (a date range is two), and the listing's own."""
    from auscult.moderation.audit_views import AuditFilterSet, AuditLogView
    from auscult.moderation.models import AuditEntry

    form = AuditFilterSet(data={}, queryset=AuditEntry.objects.none(), request=a_request()).form
    names = []
    for name, form_field in form.fields.items():
        suffixes = getattr(form_field.widget, "suffixes", None)
        names += [form_field.widget.suffixed(name, s) for s in suffixes] if suffixes else [name]
    return (*names, AuditLogView.page_kwarg, "ordering", "export", AuditLogView.search_kwarg)


def _queue_params():
    """Every queue's filters as their filter sets name them, and the listing's own (a page, an order)."""
    from auscult.moderation.admin_views import QUEUE_FILTER_SETS, QueueView

    names = {}
    for filter_set in QUEUE_FILTER_SETS.values():
        names.update(dict.fromkeys(filter_set(data={}, queryset=filter_set._meta.model.objects.none()).form.fields))
    return (*names, QueueView.page_kwarg, "ordering")


@dataclass(frozen=True)
class Listing:
    """A GET whose query string a view reads: each parameter is sent each hostile value in turn."""

    name: str
    route: str
    url: Any  # world → path
    params: Any  # a tuple, or () → tuple
    who: str = "visitor"
    htmx: bool = False
    baseline: Any = None  # world → parameters sent alongside, so the one under test is read

    def names(self):
        return self.params() if callable(self.params) else self.params


THREAD = ("page", "page_size", "order")
# The member chooser's search, its page of results, and several members chosen at once.
MEMBER_CHOOSER = "/admin/moderation/choose-member/"
CHOOSER_SEARCH = ("q", "p", "multiple")

LISTINGS = (
    Listing("article page", "wagtail_serve", lambda w: w.article.url, (*THREAD, "reply_to"), who="member"),
    Listing("article page, visitor", "wagtail_serve", lambda w: w.article.url, (*THREAD, "reply_to")),
    Listing("thread (htmx)", "comments:thread", lambda w: f"/articles/{w.article.pk}/comments/", THREAD, htmx=True),
    Listing("thread (no htmx)", "comments:thread", lambda w: f"/articles/{w.article.pk}/comments/", (*THREAD, "to")),
    Listing("community guidelines", "comments:guidelines", lambda w: "/community-guidelines/", ()),
    Listing("member profile", "comments:member_profile", lambda w: f"/members/{w.author.pk}-dr-ana-r/", ("page",)),
    Listing("member profile, old name", "comments:member_profile", lambda w: f"/members/{w.author.pk}-ana/", ("page",)),
    Listing("member profile by id", "comments:member_profile_by_id", lambda w: f"/members/{w.author.pk}/", ("page",)),
    Listing("new comments count", "comments:count", lambda w: f"/articles/{w.article.pk}/comments/count/", ()),
    Listing(
        "new comments count, member",
        "comments:count",
        lambda w: f"/articles/{w.article.pk}/comments/count/",
        (),
        who="member",
    ),
    Listing("comment permalink", "comments:permalink", lambda w: f"/comments/{w.theirs.pk}/", THREAD),
    Listing("search", "search", lambda w: "/search/", ("q", "page")),
    Listing("search, a page of results", "search", lambda w: "/search/", ("page",), baseline=lambda w: {"q": "winter"}),
    Listing("section page", "wagtail_serve", lambda w: w.section.url, ("page",)),
    Listing("author page", "publishing:author", lambda w: f"/authors/{w.author_page.slug}/", ("page",)),
    Listing("sitemap", "sitemap", lambda w: "/sitemap.xml", ("p",)),
    Listing("notice", "notice", lambda w: "/notice/", ("next",)),
    Listing("sign-in page", "account_login", lambda w: "/accounts/login/", ("next",)),
    Listing("sign-up page", "account_signup", lambda w: "/accounts/signup/", ("next",)),
    Listing("staff sign-in page", "wagtailadmin_login", lambda w: "/admin/login/", ("next",)),
    Listing("my data", "members:data", lambda w: "/account/data/", ("download",), who="member"),
    Listing("notifications", "notifications:list", lambda w: "/account/notifications/", ("page",), who="member"),
    Listing("moderation queue", "moderation_admin:queue", lambda w: "/admin/moderation/", _queue_params, "moderator"),
    *(
        Listing(
            f"moderation queue: {name}",
            "moderation_admin:queue_named",
            lambda w, name=name: f"/admin/moderation/queue/{name}/",
            _queue_params,
            "moderator",
        )
        for name in ("held", "reported", "decided")
    ),
    Listing(
        "member chooser", "moderation_member_chooser:choose", lambda w: MEMBER_CHOOSER, CHOOSER_SEARCH, "moderator"
    ),
    Listing(
        "member chooser results",
        "moderation_member_chooser:choose_results",
        lambda w: f"{MEMBER_CHOOSER}results/",
        CHOOSER_SEARCH,
        "moderator",
    ),
    Listing(
        "member chooser, several chosen",
        "moderation_member_chooser:chosen_multiple",
        lambda w: f"{MEMBER_CHOOSER}chosen-multiple/",
        ("id", "multiple"),
        "moderator",
    ),
    Listing("audit log", "moderation_admin:audit", lambda w: "/admin/moderation/audit/", _audit_params, "moderator"),
    Listing(
        "audit log results",
        "moderation_admin:audit_results",
        lambda w: "/admin/moderation/audit/results/",
        _audit_params,
        "moderator",
    ),
)

# Routes of ours (and allauth's) that neither table sends to, and why.
ROUTES_LEFT_OUT = {
    "healthz": "reads nothing from the request",
    "api_not_found": "reads nothing from the request: a 404 problem for every path it gets",
    "robots_txt": "reads nothing from the request",
    "feed": "reads nothing from the request; what reaches it is checked in test_member_text_is_escaped_everywhere",
    "section_feed": "as the feed; its slug is Django's slug converter",
    "publishing:authors": "reads nothing from the request",
    "comments:reply_form": "reads nothing but its <id:…> (test_crafted_input.py)",
    "members:account": "reads nothing from the request",
    "comments:mine": "reads nothing from the request",
    "ratings:mine": "reads nothing from the request",
    "moderation_admin:timing": "reads nothing from the request",
    "moderation_admin:member": "reads nothing but the id in its path; its forms post to the member_* routes",
    "moderation_member_chooser:chosen": "reads nothing but the id in its path (test_crafted_input.py)",
    "members_admin:approvals": "reads nothing from the request",
    "account_inactive": "a static page",
    "account_email_verification_sent": "a static page",
    "account_reset_password_done": "a static page",
    "account_reset_password_from_key_done": "a static page",
    "account_set_password": "members always have a password: allauth sends them to the change form",
    "account_confirm_login_code": "sign-in by code is off",
    "account_confirm_email": "a key in the path only: test_crafted_keys_in_account_links",
    "comments:blocked": "reads nothing from the request",
    "notifications:open": "reads nothing but the id in its path",
    "notifications:unsubscribe": "a token in the path only: test_crafted_keys_in_account_links",
}


def covered_names(world_ids):
    """Every field and parameter the tables send, with {placeholders} filled."""
    names = set()
    for endpoint in ENDPOINTS:
        names |= {n.format(**world_ids) for n in endpoint.extra}
    for listing in LISTINGS:
        names |= set(listing.names())
    return names
