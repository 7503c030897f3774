"""The tables behind test_bad_input.py: every endpoint members and moderators post to, with the form
that reads it; every page and list whose query string a view reads; and the hostile values each field
and parameter is sent. Fields come from the forms themselves (an instance's `fields`, so those allauth
adds in `__init__` too), so a field added to a form is covered without touching this file; what a view
reads from the request outside a form is listed as `extra`, and a test finds every such read in the
code and fails on one that no table names.

Moderation is the highest layer that exists, so this module may import every app's forms and views."""

import ast
import fnmatch
import importlib
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.test import Client, RequestFactory

import auscult
from auscult.members.tests.factories import PASSWORD

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


# Hostile values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """Already percent-encoded: bytes that are not UTF-8, which no Python string can carry."""

    encoded: str


@dataclass(frozen=True)
class Hostile:
    name: str
    value: Any  # a str, a Raw, a list of them (one name sent twice), or a function of the field's max_length

    def for_field(self, max_length=None):
        return self.value(max_length) if callable(self.value) else self.value


def over_long(max_length):
    """Ten times the field's limit, or 100,000 characters where it states none: words, with spaces."""
    length = 10 * max_length if max_length else 100_000
    return ("Overlong words " * (length // 15 + 1))[:length]


SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JAVASCRIPT = "javascript:alert(1)"
BIDI = "Dr \u202eSmith"  # a right-to-left override: shown as "Dr htimS"
ZERO_WIDTH = "Dr\u200b S\u2060 Khan\ufeff"  # zero-width space, word joiner, byte-order mark

HOSTILE = (
    Hostile("over_long", over_long),
    Hostile("long_word", "W" * 100_000),
    Hostile("script", SCRIPT),
    Hostile("img_onerror", IMG),
    Hostile("javascript_url", JAVASCRIPT),
    Hostile("bidi_override", BIDI),
    Hostile("zero_width", ZERO_WIDTH),
    Hostile("nul", "GP\x00partner"),  # PostgreSQL refuses a NUL in any string
    Hostile("not_utf8", Raw("%ff%fe")),
    Hostile("lone_surrogate", Raw("%ed%a0%80")),  # U+D800 as UTF-8 would spell it
    Hostile("superscript_digit", "²"),  # str.isdigit() says yes, int() says no
    Hostile("arabic_indic_digit", "٣"),  # int() reads it as 3
    Hostile("fullwidth_digit", "１"),
    Hostile("negative", "-1"),
    Hostile("huge", "9" * 30),  # past 64 bits: SQLite cannot bind it
    Hostile("empty", ""),
    Hostile("whitespace_only", " \t\r\n\u00a0\u3000 "),
    Hostile("list", [SCRIPT, "9" * 30]),  # the name twice where one value is expected
)

# What must never reach a page or an e-mail as it was typed: a browser would run it.
RAW_MARKUP = ("<script>alert(1)", "<img src=x")
SCRIPT_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
# Characters that change how text around them reads and that no public page may carry from a member.
INVISIBLE = ("\u202e", "\u200b", "\u2060", "\ufeff")


def encode(data):
    """`data` (name → value, or a list of values) as an application/x-www-form-urlencoded string."""
    pairs = []
    for name, value in data.items():
        for one in value if isinstance(value, list) else [value]:
            text = one.encoded if isinstance(one, Raw) else quote(str(one), safe="")
            pairs.append(f"{quote(name, safe='')}={text}")
    return "&".join(pairs)


def unsafe_markup(text):
    """What in `text` a browser would run: the hostile markup as typed, or a javascript: link."""
    found = [marker for marker in RAW_MARKUP if marker in text]
    if SCRIPT_URL.search(text):
        found.append("a javascript: URL")
    return found


def html_parts(message):
    return [content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"]


def problems(response, mails=()):
    """Why `response` (and the e-mails sent while answering it) fail the suite, if they do."""
    found = []
    if response.status_code >= 500:
        error = getattr(response, "exc_info", None)
        found.append(f"HTTP {response.status_code}" + (f" ({error[0].__name__}: {error[1]})"[:300] if error else ""))
    text = response.content.decode("utf-8", "replace") if not getattr(response, "streaming", False) else ""
    found += [f"unescaped {marker!r} in the response" for marker in unsafe_markup(text)]
    if response.get("Location", "").lower().lstrip().startswith("javascript:"):
        found.append("a redirect to a javascript: URL")
    for message in mails:
        for html in html_parts(message):
            found += [f"unescaped {marker!r} in the e-mail {message.subject!r}" for marker in unsafe_markup(html)]
    return found


# The world the requests are made in --------------------------------------------------------------


@dataclass
class World:
    """One of everything an endpoint acts on. `ids` fills the {placeholders} in field names."""

    article: Any
    section: Any
    author_page: Any
    author: Any  # the member whose requests these are
    other: Any  # another member: their comment is reported, replied to, held, sanctioned
    moderator: Any
    own: Any  # the author's published comment, inside its edit window
    theirs: Any  # the other member's published comment, reported, under a legal hold
    held: Any  # the other member's comment waiting for a moderator
    template: Any
    sanction: Any
    hold: Any
    ids: dict = field(default_factory=dict)


def build_world():
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from auscult.comments.models import CommentSettings, CommentStatus, Report
    from auscult.comments.tests.factories import make_comments
    from auscult.members.tests.factories import MemberFactory
    from auscult.moderation.legal_holds import legal_hold_place
    from auscult.moderation.models import ReasonTemplate
    from auscult.moderation.sanctions import member_sanction
    from auscult.publishing.models import ArticleAuthor
    from auscult.publishing.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    section = SectionPageFactory(title="News", slug="news")
    article = ArticlePageFactory(parent=section, title="Winter pressures on practices")
    writer = AuthorFactory(name="Dr Writer Jones", slug="writer-jones")
    ArticleAuthor.objects.create(article=article, author=writer, sort_order=0)
    author = MemberFactory(display_name="Dr Ana R", full_name="Ana Rahman", job_title="Salaried GP")
    other = MemberFactory(display_name="Nurse Kit L", full_name="Kit Lowe", job_title="Practice nurse")
    moderator = MemberFactory(display_name="Mod Ruth", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    (own,) = make_comments(article, 1, author=author, start=timezone.now())
    (theirs,) = make_comments(article, 1, author=other)
    (held,) = make_comments(article, 1, author=other, status=CommentStatus.PENDING)
    Report.objects.create(comment=theirs, reporter=moderator, reason="offensive", note="Rude")
    world = World(
        article=article,
        section=section,
        author_page=writer,
        author=author,
        other=other,
        moderator=moderator,
        own=own,
        theirs=theirs,
        held=held,
        template=ReasonTemplate.objects.order_by("pk").first(),
        sanction=member_sanction(member=other, kind="suspension", days=7, reason="Rude", by=moderator),
        hold=legal_hold_place(comment=theirs, by=moderator, reason="Complaint ref 12"),
    )
    world.ids = {name: getattr(world, name).pk for name in ("own", "theirs", "held", "author", "other")}
    return world


def client_for(world, who):
    """A client that has passed the notice: a visitor, or signed in as the author or the moderator."""
    from auscult.members.notice import COOKIE_NAME

    client = Client(raise_request_exception=False)
    client.cookies[COOKIE_NAME] = "1"
    user = {"member": world.author, "moderator": world.moderator}.get(who)
    if user is not None:
        # A fresh copy: signing in stamps last_login on the object, which outlives the rollback.
        client.force_login(type(user).objects.get(pk=user.pk))
    return client


def a_request(user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = {}
    return request


# Endpoints that take a POST ----------------------------------------------------------------------


def _allauth(view):
    """The form allauth's `view` uses, as ACCOUNT_FORMS configures it."""
    from allauth.account import views

    return lambda: getattr(views, view)().get_form_class()


def _reason_template_form():
    from auscult.moderation.models import ReasonTemplate

    return ReasonTemplate.snippet_viewset.get_form_class()


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
        """Name → max_length of each field: the form's and the view's own reads."""
        names = {}
        form_class = self.form_class()
        if form_class is not None:
            kwargs = self.form_kwargs(world) if self.form_kwargs else {}
            form = form_class(**kwargs)
            for name, form_field in {**form_class.base_fields, **form.fields}.items():
                names[name] = getattr(form_field, "max_length", None)
        for name in self.extra:
            names.setdefault(name.format(**world.ids), None)
        return names


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


def _member_page(w):
    return f"/admin/moderation/members/{w.other.pk}/"


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
    Endpoint("rating withdraw", "ratings:withdraw", lambda w: f"/articles/{w.article.pk}/rating/withdraw/", lambda w: {}),
    Endpoint(
        "profile",
        "members:profile",
        lambda w: "/account/profile/",
        _profile,
        form=_local("auscult.members.forms.ProfileForm"),
        form_kwargs=lambda w: {"member": w.author},
    ),
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
        "moderation_admin:member",
        _member_page,
        lambda w: {"kind": "suspension", "days": "7", "reason": "Personal attacks."},
        form=_local("auscult.moderation.forms.SanctionForm"),
        extra=("form",),
        who="moderator",
    ),
    Endpoint(
        "sanction lift",
        "moderation_admin:member",
        _member_page,
        lambda w: {"form": "lift", "sanction": w.sanction.pk, "lift_reason": "Appeal upheld."},
        extra=("form", "sanction", "lift_reason"),
        who="moderator",
    ),
    Endpoint(
        "legal hold place",
        "moderation_admin:member",
        _member_page,
        lambda w: {"form": "hold_place", "comment": w.theirs.pk, "hold_reason": "Complaint ref 13"},
        extra=("form", "comment", "hold_reason"),
        who="moderator",
    ),
    Endpoint(
        "legal hold lift",
        "moderation_admin:member",
        _member_page,
        lambda w: {"form": "hold_lift", "hold": w.hold.pk, "lift_reason": "Complaint withdrawn."},
        extra=("form", "hold", "lift_reason"),
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
QUEUE_FILTERS = ("section", "article", "member", "rule")

LISTINGS = (
    Listing("article page", "wagtail_serve", lambda w: w.article.url, (*THREAD, "reply_to"), who="member"),
    Listing("article page, visitor", "wagtail_serve", lambda w: w.article.url, (*THREAD, "reply_to")),
    Listing("thread (htmx)", "comments:thread", lambda w: f"/articles/{w.article.pk}/comments/", THREAD, htmx=True),
    Listing("thread (no htmx)", "comments:thread", lambda w: f"/articles/{w.article.pk}/comments/", THREAD),
    Listing("comment permalink", "comments:permalink", lambda w: f"/comments/{w.theirs.pk}/", THREAD),
    Listing("search", "search", lambda w: "/search/", ("q", "page"), baseline=lambda w: {"q": "winter"}),
    Listing("section page", "wagtail_serve", lambda w: w.section.url, ("page",)),
    Listing("author page", "publishing:author", lambda w: f"/authors/{w.author_page.slug}/", ("page",)),
    Listing("sitemap", "sitemap", lambda w: "/sitemap.xml", ("p",)),
    Listing("notice", "notice", lambda w: "/notice/", ("next",)),
    Listing("sign-in page", "account_login", lambda w: "/accounts/login/", ("next",)),
    Listing("sign-up page", "account_signup", lambda w: "/accounts/signup/", ("next",)),
    Listing("staff sign-in page", "wagtailadmin_login", lambda w: "/admin/login/", ("next",)),
    Listing("my data", "members:data", lambda w: "/account/data/", ("download",), who="member"),
    Listing("moderation queue", "moderation_admin:queue", lambda w: "/admin/moderation/", QUEUE_FILTERS, "moderator"),
    *(
        Listing(
            f"moderation queue: {name}",
            "moderation_admin:queue_named",
            lambda w, name=name: f"/admin/moderation/queue/{name}/",
            QUEUE_FILTERS,
            "moderator",
        )
        for name in ("held", "reported", "decided")
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
    "robots_txt": "reads nothing from the request",
    "feed": "reads nothing from the request; what reaches it is checked in test_member_text_is_escaped_everywhere",
    "section_feed": "as the feed; its slug is Django's slug converter",
    "publishing:authors": "reads nothing from the request",
    "comments:reply_form": "reads nothing but its <id:…> (test_crafted_input.py)",
    "members:account": "reads nothing from the request",
    "members:comments": "reads nothing from the request",
    "members:ratings": "reads nothing from the request",
    "moderation_admin:timing": "reads nothing from the request",
    "members_admin:approvals": "reads nothing from the request",
    "account_inactive": "a static page",
    "account_email_verification_sent": "a static page",
    "account_reset_password_done": "a static page",
    "account_reset_password_from_key_done": "a static page",
    "account_set_password": "members always have a password: allauth sends them to the change form",
    "account_confirm_login_code": "sign-in by code is off",
    "account_confirm_email": "a key in the path only: test_crafted_keys_in_account_links",
}


# Reads of the request in our code -----------------------------------------------------------------

REQUEST_DICTS = ("request.GET", "request.POST", "params")


def _pattern(node):
    """A string literal as it is, an f-string with each {…} as `*`; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(p.value if isinstance(p, ast.Constant) else "*" for p in node.values)
    return None


def request_reads():
    """(module, name pattern) of every `request.GET/POST.get(…)`, `.getlist(…)`, `[…]` and
    `params.get(…)` (params being a request's GET) in the project's own code."""
    root = Path(auscult.__file__).parent
    reads = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            target = key = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in ("get", "getlist") and node.args:
                    target, key = node.func.value, node.args[0]
            elif isinstance(node, ast.Subscript):
                target, key = node.value, node.slice
            if target is not None and ast.unparse(target) in REQUEST_DICTS and _pattern(key) is not None:
                reads.add((str(path.relative_to(root.parent)), _pattern(key)))
    return reads


def covered_names(world_ids):
    """Every field and parameter the tables send, with {placeholders} filled."""
    names = set()
    for endpoint in ENDPOINTS:
        names |= {n.format(**world_ids) for n in endpoint.extra}
    for listing in LISTINGS:
        names |= set(listing.names())
    return names


def is_covered(pattern, names):
    return any(fnmatch.fnmatchcase(name, pattern) for name in names)


def form_classes_in_code():
    """Dotted path → class of every Django form class in the project's code (forms and mixins), and
    the dotted paths of form-looking classes defined inside functions, which no table can import."""
    from django.forms import BaseForm

    root = Path(auscult.__file__).parent
    found, nested = {}, []
    for path in root.rglob("*.py"):
        source = path.read_text()
        if "tests" in path.parts or "migrations" in path.parts or "Form" not in source:
            continue
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        tree = ast.parse(source)
        top_level = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name not in top_level:
                if any(ast.unparse(base).endswith("Form") for base in node.bases):
                    nested.append(f"{module}.{node.name}")
        if not top_level:
            continue  # settings, scripts: nothing to look at, nothing to import
        imported = importlib.import_module(module)
        for name in top_level:
            candidate = getattr(imported, name)
            if isinstance(candidate, type) and issubclass(candidate, BaseForm):
                found[f"{module}.{name}"] = candidate
    return found, nested
