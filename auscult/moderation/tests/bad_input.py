"""What test_bad_input.py sends and checks: the hostile values, how they are encoded, what counts
as a failure (a 5xx, or markup unescaped in a page or an e-mail), the world the requests are made in,
and the readers of the project's code that keep the tables in bad_input_table.py complete (every
form class, every read of a request's GET or POST)."""

import ast
import fnmatch
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.test import Client, RequestFactory

import auscult

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
    text_only: bool = False  # sent only to fields that hold text: an id or a choice has no length or look

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
    Hostile("over_long", over_long, text_only=True),
    Hostile("long_word", "W" * 100_000),
    Hostile("markup", SCRIPT + IMG),  # a choice field's error repeats the value, so every field gets it
    Hostile("javascript_url", JAVASCRIPT, text_only=True),
    Hostile("invisible", f"{BIDI} {ZERO_WIDTH}", text_only=True),
    Hostile("invisible_only", "\u200b\u202e\ufeff\x00"),  # nothing left once cleaned
    Hostile("nul", "GP\x00partner"),  # PostgreSQL refuses a NUL in any string
    Hostile("not_utf8", Raw("%ff%fe%ed%a0%80")),  # bytes no UTF-8 has, then U+D800 as UTF-8 would spell it
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
    editor: Any = None  # an editor of the magazine (Wagtail's Editors group)


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
    author = MemberFactory(
        display_name="Dr Ana R", full_name="Ana Rahman", job_title="Salaried GP", profile_public=True
    )
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
    world.editor = MemberFactory(display_name="Ed Itor", is_staff=True)
    world.editor.groups.add(Group.objects.get(name="Editors"))
    world.ids = {name: getattr(world, name).pk for name in ("own", "theirs", "held", "author", "other")}
    return world


def client_for(world, who):
    """A client that has passed the notice: a visitor, or signed in as the author or the moderator."""
    from auscult.members.notice import COOKIE_NAME

    client = Client(raise_request_exception=False)
    client.cookies[COOKIE_NAME] = "1"
    user = {"member": world.author, "moderator": world.moderator, "editor": world.editor}.get(who)
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
            looks_like_a_form = isinstance(node, ast.ClassDef) and any(
                ast.unparse(base).endswith("Form") for base in node.bases
            )
            if looks_like_a_form and node.name not in top_level:
                nested.append(f"{module}.{node.name}")
        if not top_level:
            continue  # settings, scripts: nothing to look at, nothing to import
        imported = importlib.import_module(module)
        for name in top_level:
            candidate = getattr(imported, name)
            if isinstance(candidate, type) and issubclass(candidate, BaseForm):
                found[f"{module}.{name}"] = candidate
    return found, nested
