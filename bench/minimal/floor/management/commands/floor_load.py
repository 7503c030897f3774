"""Put the bench article (exported by bench/run.py as JSON) into the floor's empty, migrated database."""

import json

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_datetime
from wagtail.models import Page

from bench.minimal.floor.models import Article, Comment


class Command(BaseCommand):
    help = "Load one article and its comments from a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    @transaction.atomic
    def handle(self, *args, path, **options):
        with open(path) as f:
            data = json.load(f)
        root = Page.get_first_root_node()
        article = root.add_child(instance=Article(title=data["title"], slug=data["slug"], body=data["body_html"]))
        Comment.objects.bulk_create(
            Comment(
                article_id=article.pk,
                author_name=c["author_name"],
                body=c["body"],
                created_at=parse_datetime(c["created_at"]),
            )
            for c in data["comments"]
        )
        # One signed-in member, for the floor's member page and member insert: a session as signing in stores it.
        member = get_user_model().objects.create_user("floormember")
        session = SessionStore()
        session[SESSION_KEY] = str(member.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = member.get_session_auth_hash()
        session.create()
        self.stdout.write(
            json.dumps({"article_id": article.pk, "comments": len(data["comments"]), "session": session.session_key})
        )
