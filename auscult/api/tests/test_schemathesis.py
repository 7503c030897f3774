"""schemathesis against the API's own OpenAPI document: generated calls to every operation, as a moderator with a
token of every scope, on seeded data, must never answer a 5xx nor anything its schema does not declare (status,
content type, headers, body); and chains of post → edit → delete (the document's `links`) hold together.

The checks are the issue's two promises (no 5xx; every response as documented). schemathesis's
"positive data acceptance" is not one of them: a request the schema allows may still be refused, with a documented
4xx problem, by a rule the schema cannot state (the site's length limit, the posting interval, an opaque cursor,
recommending one's own comment).

Bounded (`MAX_EXAMPLES` a operation, `STATEFUL_*` for the chains) to keep the suite's run time; run with more
examples by hand: `API_FUZZ_EXAMPLES=200 .venv/bin/pytest auscult/api/tests/test_schemathesis.py`."""

import os
from contextlib import contextmanager
from dataclasses import dataclass

import hypothesis
import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from auscult.api.models import Scope
from auscult.comments.models import CommentSettings, CommentStatus
from auscult.comments.tests.factories import established_member, make_comments
from auscult.publishing.tests.factories import ArticlePageFactory

from .helpers import bearer

pytestmark = pytest.mark.django_db(transaction=False)

MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "12"))
STATEFUL_EXAMPLES = int(os.environ.get("API_FUZZ_CHAINS", "15"))
SETTINGS = {
    "deadline": None,
    "derandomize": True,  # the same calls every run: a failure in CI can be run again by hand
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
}


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@dataclass
class Seeded:
    headers: dict
    article_ids: list


@pytest.fixture(autouse=True)
def _one_connection():
    """schemathesis calls the WSGI application itself, not through Django's test client, so Django would close the
    database connection after each request (`close_old_connections`), and with it the test's transaction on
    PostgreSQL; the test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(settings):
    """Articles with comments in every state, a moderator with a token of every scope, posting unthrottled."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api_token": "100000/m/key"}
    limits = CommentSettings.load()
    limits.min_interval_seconds = 0
    limits.save()
    moderator = established_member(display_name="Fuzz Moderator", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    writer = established_member(display_name="Fuzz Writer")
    articles = []
    for _ in range(2):
        article = ArticlePageFactory()
        make_comments(article, 3, author=writer)
        make_comments(article, 1, author=writer, status=CommentStatus.PENDING)
        make_comments(article, 1, author=writer, status=CommentStatus.REMOVED)
        articles.append(article.pk)
    headers = bearer(moderator, Scope.READ, Scope.WRITE, Scope.MODERATE)["HTTP_AUTHORIZATION"]
    return Seeded(headers=headers, article_ids=articles)


@contextmanager
def _fresh_state():
    """What is inside runs on the seeded data and leaves nothing behind: the database rolled back, the cache (the
    API's shared reads, the rate limits' counts) emptied."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
            cache.clear()


def _schema():
    from auscult.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_no_generated_call_answers_a_5xx_or_breaks_the_schema(seeded):
    schema = _schema()
    failures = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @hypothesis.settings(max_examples=MAX_EXAMPLES, **SETTINGS)
        @hypothesis.given(case=operation.as_strategy())
        def run(case):
            with _fresh_state():
                case.call_and_validate(headers={"Authorization": seeded.headers}, checks=CHECKS)

        try:
            run()
        except Exception as failure:  # noqa: BLE001 - every operation's failure is collected, then shown together
            failures.append(f"{operation.method.upper()} {operation.path}: {failure}")
    assert operations >= 20
    assert failures == [], "\n\n".join(failures)


CHAIN = ["comment_post", "comment_detail", "comment_edit", "comment_delete", "comments_list"]


def test_post_edit_delete_chains_hold_together(seeded):
    """The document's links from a post to its edit and delete, followed by schemathesis's state machine. A post
    goes to one of the seeded articles (a random id would name none, and no chain would start); what follows it
    takes the comment's id from the post's answer, through the link."""
    Machine = _schema().include(operation_id=CHAIN).as_state_machine()
    posted, chained = set(), []

    class WithToken(Machine):
        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": seeded.headers}}

        def setup(self):
            # Each scenario from the seeded state, so that hypothesis, replaying one, sees the same answers.
            self.state = _fresh_state()
            self.state.__enter__()

        def teardown(self):
            self.state.__exit__(None, None, None)

        def before_call(self, case):
            if case.operation.definition.raw.get("operationId") == "comment_post":
                chosen = case.path_parameters.get("article_id", 0)
                case.path_parameters["article_id"] = seeded.article_ids[int(chosen) % len(seeded.article_ids)]

        def after_call(self, response, case):
            super().after_call(response, case)
            name = case.operation.definition.raw.get("operationId")
            if name == "comment_post" and response.status_code in (201, 202):
                posted.add(response.json()["id"])
            elif name in ("comment_edit", "comment_delete") and case.path_parameters.get("comment_id") in posted:
                chained.append((name, response.status_code))

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    WithToken.run(settings=hypothesis.settings(max_examples=STATEFUL_EXAMPLES, stateful_step_count=6, **SETTINGS))
    assert posted, "no post succeeded: the chains never started"
    assert {name for name, status in chained if status < 300} == {"comment_edit", "comment_delete"}, chained
