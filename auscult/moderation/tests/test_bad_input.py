"""Bad input, generated from the forms: every field of every form members and moderators post, and
every query parameter the views read, is sent every hostile value in bad_input.HOSTILE. Whatever
comes in, the answer is 2xx, 3xx or 4xx, never 5xx, and nothing a member typed reaches a page or an
e-mail unescaped. Runs on SQLite and PostgreSQL (DATABASE_URL=postgres://…), which refuses a NUL.

Each request runs in a savepoint rolled back after it, so every value meets the same world: the
valid submission it replaces one field of would have succeeded. Declared charsets other than UTF-8
are refused before Django (core/tests/test_request_charset.py)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.urls import URLResolver, get_resolver
from django.utils.html import escape
from lxml import html

from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import CommentMode
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

from .bad_input import (
    BIDI,
    FORM_CONTENT_TYPE,
    HOSTILE,
    IMG,
    INVISIBLE,
    JAVASCRIPT,
    SCRIPT,
    ZERO_WIDTH,
    build_world,
    client_for,
    encode,
    form_classes_in_code,
    html_parts,
    is_covered,
    problems,
    request_reads,
    unsafe_markup,
)
from .bad_input_table import ENDPOINTS, FORMS_LEFT_OUT, LISTINGS, ROUTES_LEFT_OUT, covered_names

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end (as TestCase.setUpTestData
    does); each test's own changes are rolled back by pytest-django's savepoint."""
    from django.conf import settings
    from django.test import override_settings

    var = tmp_path_factory.mktemp("bad-input")
    files = {"CHROME_SNAPSHOT": var / "chrome.json", "MAINTENANCE_FILE": var / "maintenance"}
    with (
        override_settings(MEDIA_ROOT=var / "media", AUSCULT={**settings.AUSCULT, **files}),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def clients(world):
    """One client per role for the test, signed in once; each attempt gets its cookies back afterwards."""
    made = {}

    def client(who):
        if who not in made:
            made[who] = client_for(world, who)
        return made[who]

    return client


def _attempt(client, request):
    """`request()` in a savepoint rolled back afterwards, with the client's cookies put back: a sign-in,
    sign-out or password change inside it leaves the next attempt the same session (restored by the
    rollback) and no messages."""
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    cache.clear()  # rate limits and the page cache: every attempt is a first one
    try:
        with transaction.atomic():
            response = request()
            transaction.set_rollback(True)
    finally:
        client.cookies.clear()
        for name, value in cookies.items():
            client.cookies[name] = value
    return response


def _send(world, clients, endpoint, data):
    """POST `data` as the endpoint's user would; the response and the e-mails sent answering it."""
    client = clients(endpoint.who)
    sent = len(mail.outbox)

    def request():
        url = endpoint.url(world, client) if endpoint.follows else endpoint.url(world)
        return client.post(url, encode(data), content_type=FORM_CONTENT_TYPE, **(HTMX if endpoint.htmx else {}))

    return _attempt(client, request), mail.outbox[sent:]


def _get(world, clients, listing, params):
    client = clients(listing.who)
    query = encode(params)
    url = listing.url(world) + (f"?{query}" if query else "")
    return _attempt(client, lambda: client.get(url, **(HTMX if listing.htmx else {})))


# The tables are complete ---------------------------------------------------------------------------


def test_every_form_class_in_the_code_is_in_the_table():
    found, nested = form_classes_in_code()
    assert not nested, f"forms defined inside a function, which no table can take: move them to forms.py: {nested}"
    tabled = [endpoint.form_class() for endpoint in ENDPOINTS if endpoint.form]
    left_out = [found[path] for path in FORMS_LEFT_OUT]
    # A mixin or a base is covered through the forms built on it.
    missing = [
        path
        for path, form_class in found.items()
        if not any(issubclass(other, form_class) for other in tabled + left_out)
    ]
    assert not missing, f"forms that no endpoint in bad_input_table.ENDPOINTS takes: {missing}"


def test_every_form_of_allauth_that_members_reach_is_the_configured_one():
    from django.conf import settings

    signup = next(e for e in ENDPOINTS if e.route == "account_signup").form_class()
    assert f"{signup.__module__}.{signup.__name__}" == settings.ACCOUNT_FORMS["signup"]


def test_every_parameter_a_view_reads_is_sent_by_a_table(world):
    names = covered_names(world.ids) | {name for e in ENDPOINTS for name in e.fields(world)}
    missing = sorted((path, pattern) for path, pattern in request_reads() if not is_covered(pattern, names))
    assert not missing, f"read from the request but in no table of bad_input_table.py: {missing}"


OUR_VIEWS = ("auscult.", "allauth.account.")


def _routes(resolver, namespace=""):
    """The names of every route whose view is ours or allauth's account app."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif pattern.name and getattr(pattern.callback, "__module__", "").startswith(OUR_VIEWS):
            yield f"{namespace}{pattern.name}"


def test_every_route_of_ours_is_in_a_table_or_left_out_with_a_reason():
    tabled = {e.route for e in ENDPOINTS} | {listing.route for listing in LISTINGS} | set(ROUTES_LEFT_OUT)
    missing = sorted(set(_routes(get_resolver())) - tabled)
    assert not missing, f"routes in no table of bad_input_table.py: {missing}"


# Every field, every value -------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_every_field_answers_every_hostile_value_without_a_server_error(world, clients, endpoint):
    valid = endpoint.valid(world)
    response, mails = _send(world, clients, endpoint, valid)
    assert response.status_code == (200 if endpoint.htmx else 302), (
        "the valid submission is refused, so the hostile ones test nothing",
        response.status_code,
        response.content[:2000],
    )
    assert not problems(response, mails)
    failures = []
    for name, (max_length, text) in endpoint.fields(world).items():
        for hostile in (h for h in HOSTILE if text or not h.text_only):
            response, mails = _send(world, clients, endpoint, {**valid, name: hostile.for_field(max_length)})
            failures += [f"{name}={hostile.name}: {problem}" for problem in problems(response, mails)]
    assert not failures, "\n".join(failures)


def _listing_problems(world, listing, response):
    found = problems(response)
    public = listing.who == "visitor" and not listing.url(world).startswith("/admin/")
    if public and response.get("Content-Type", "").startswith("text/html") and response.content.strip():
        text = html.fromstring(response.content).text_content()
        found += [f"U+{ord(ch):04X} in the text of a public page" for ch in INVISIBLE if ch in text]
    return found


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.name)
def test_every_query_parameter_answers_every_hostile_value_without_a_server_error(world, clients, listing):
    """Each value goes to every parameter of the page at once (the views read them one by one); when
    that fails, each parameter is sent it alone, to say which."""
    baseline = listing.baseline(world) if listing.baseline else {}
    assert _get(world, clients, listing, baseline).status_code in (200, 302)
    names = listing.names()
    failures = []
    for hostile in HOSTILE:
        value = hostile.for_field()
        together = _listing_problems(
            world, listing, _get(world, clients, listing, {**baseline, **dict.fromkeys(names, value)})
        )
        if not together:
            continue
        alone = [
            f"{name}={hostile.name}: {problem}"
            for name in names
            for problem in _listing_problems(world, listing, _get(world, clients, listing, {**baseline, name: value}))
        ]
        failures += alone or [f"all of {names}={hostile.name}: {problem}" for problem in together]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/confirm-email/{key}/",
        "/accounts/password/reset/key/{key}-{key}/",
        "/accounts/password/reset/key/{key}-set-password/",
        "/account/notifications/unsubscribe/{key}/",
    ],
)
@pytest.mark.parametrize("key", ["٣", "²", "9" * 30, "z" * 40, "a:b:c", "-", "１"])
def test_crafted_keys_in_account_links(client, path, key):
    client.raise_request_exception = False
    for method in (client.get, client.post):
        assert method(path.format(key=key)).status_code < 500


# What members type is escaped wherever it is shown ----------------------------------------------------

MARKUP = {"script": SCRIPT, "img_onerror": IMG, "javascript_url": JAVASCRIPT, "invisible": f"{BIDI} {ZERO_WIDTH}"}


def _ok(response):
    assert response.status_code < 400 and not problems(response), (response.status_code, problems(response))
    return response


@pytest.mark.parametrize("name", MARKUP)
def test_member_text_is_escaped_wherever_it_is_shown(world, django_capture_on_commit_callbacks, name):
    """What members (and moderators, to members) write, through the real forms, then every page and
    e-mail that shows it: escaped everywhere; the profile's invisible characters nowhere in public."""
    from auscult.comments.models import Comment
    from auscult.members.models import User
    from auscult.moderation.models import LegalHold, ModerationRules, ReasonTemplate

    text = MARKUP[name]
    ModerationRules.objects.update_or_create(defaults={"hold_first_comments": 0, "burst_minutes": 0})
    premoderated = ArticlePageFactory(parent=world.section, title="A premoderated piece")
    comment_mode_set(article=premoderated, mode=CommentMode.PREMODERATED, by=COMMAND)
    author, moderator, visitor = (client_for(world, who) for who in ("member", "moderator", "visitor"))
    reporter = client_for(world, "visitor")
    reporter.force_login(MemberFactory(display_name="Dr Rep Q"))
    member_page = f"/admin/moderation/members/{world.author.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        _ok(author.post("/account/profile/", {"full_name": text, "display_name": "Dr Ana R", "job_title": text}))
        refused = author.post("/account/profile/", {"full_name": "Ana", "display_name": text, "job_title": ""})
        assert refused.status_code == 200 and not problems(refused)
        _ok(author.post(f"/articles/{world.article.pk}/comments/post/", {"body": f"{text} first"}))
        shown = Comment.objects.filter(author=world.author).latest("pk")
        # A reply, which the author is then told of in their notifications.
        _ok(
            reporter.post(
                f"/articles/{world.article.pk}/comments/post/", {"body": f"{text} answer", "parent": shown.pk}
            )
        )
        _ok(author.post(f"/comments/{shown.pk}/edit/", {"body": f"{text} edited"}))
        for words in ("held", "waiting"):
            _ok(author.post(f"/articles/{premoderated.pk}/comments/post/", {"body": f"{text} {words}"}))
        held = Comment.objects.filter(author=world.author, article_id=premoderated.pk).earliest("pk")
        _ok(reporter.post(f"/comments/{shown.pk}/report/", {"reason": "other", "note": text}))
        # What moderators write, which members read in e-mails and on their account.
        add = {"title": f"Said {text}", "text": text, "sort_order": "9"}
        _ok(moderator.post("/admin/snippets/moderation/reasontemplate/add/", add))
        template = ReasonTemplate.objects.latest("pk")
        decision = {"comment_id": held.pk, "decision": "reject", "reason": text, "reason_template": template.pk}
        _ok(moderator.post("/admin/moderation/decide/", decision))
        _ok(moderator.post(f"{member_page}comments/{shown.pk}/hold/", {"reason": text}))
        hold = LegalHold.objects.latest("pk")
        _ok(moderator.post(f"{member_page}holds/{hold.pk}/lift/", {"reason": text}))
        _ok(moderator.post(f"{member_page}sanction/", {"kind": "suspension", "days": "1", "reason": text}))
        _ok(moderator.post(f"/admin/registrations/{world.author.pk}/decide/", {"decision": "decline", "reason": text}))

    stored = User.objects.get(pk=world.author.pk)
    assert stored.display_name == "Dr Ana R"
    assert not any(ch in stored.job_title + stored.full_name for ch in INVISIBLE)
    article, thread = world.article.url, f"/articles/{world.article.pk}/comments/"
    public = {
        path: _ok(visitor.get(path, **({"HTTP_HX_REQUEST": "true"} if path == thread else {}))).content.decode()
        for path in (article, f"{article}?order=newest", thread, "/", world.section.url, "/search/?q=winter")
    }
    feeds = {path: _ok(visitor.get(path)).content.decode() for path in ("/feed/", f"/feed/{world.section.slug}/")}
    own_paths = ("/account/", "/account/comments/", "/account/notifications/")
    own = {path: _ok(author.get(path)).content.decode() for path in own_paths}
    staff_paths = (
        "/admin/moderation/",
        "/admin/moderation/queue/reported/",
        "/admin/moderation/queue/decided/",
        member_page,
        "/admin/moderation/audit/",
        "/admin/registrations/",
        "/admin/snippets/moderation/reasontemplate/",
    )
    staff = {path: _ok(moderator.get(path)).content.decode() for path in staff_paths}
    emails = {message.subject: "".join(html_parts(message)) for message in mail.outbox}

    for where, content in {**public, **feeds, **own, **staff, **emails}.items():
        assert not unsafe_markup(content), (where, unsafe_markup(content))
    for where, content in {**public, **feeds}.items():
        assert not [ch for ch in INVISIBLE if ch in content], where
    for where, content in feeds.items():  # comments and profiles never reach a feed
        assert world.article.title in content, where
        assert "alert(1)" not in content and "Dr Ana R" not in content and "edited" not in content, where
    decision_mail = next(html for subject, html in emails.items() if "not published" in subject)
    assert any("registration" in subject.lower() for subject in emails), list(emails)
    if name != "invisible":  # shown as typed, escaped: the text reached every place checked
        typed = escape(text)
        assert typed in public[article] and typed in public[thread], "comment body and job title"
        assert public[article].count(typed) >= 2, "the comment body and the job title"
        assert typed in staff["/admin/moderation/queue/reported/"], "the report's note"
        assert typed in staff["/admin/moderation/"], "the waiting comment"
        assert typed in staff[member_page], "the hold's and the suspension's reasons"
        assert typed in decision_mail, "the reason and the comment the e-mail quotes"
        assert typed in own["/account/"], "the job title on the member's own page"
        assert typed in own["/account/notifications/"], "the reply the author is told of"
    else:
        assert "Dr Smith Dr S Khan" in public[article], "the job title, without the invisible characters"
