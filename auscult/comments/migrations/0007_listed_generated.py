"""Comment.listed becomes a stored generated column: the database computes it from status and
published_reply_count, so no write path can leave it wrong.

A column cannot be altered into a generated one, so the index that uses it is dropped, the field removed
and added again as generated (PostgreSQL fills it for every existing row; SQLite rebuilds the table), and
the index re-created. Going back restores the plain column and fills it from the same rule."""

from django.db import migrations, models
from django.db.models import Case, Q, When


def fill_listed(apps, schema_editor):
    # One UPDATE: a row updated twice in this transaction would queue foreign-key trigger events, and
    # PostgreSQL then refuses to create the index that follows.
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.update(
        listed=Case(
            When(Q(status="published") | Q(status__in=["removed", "deleted"], published_reply_count__gt=0), then=True),
            default=False,
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0006_trusted_reporters"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="comment",
            name="comment_thread_order",
        ),
        # Forwards nothing to do; backwards this runs once the plain column is back.
        migrations.RunPython(migrations.RunPython.noop, fill_listed),
        migrations.RemoveField(
            model_name="comment",
            name="listed",
        ),
        migrations.AddField(
            model_name="comment",
            name="listed",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Q(
                    ("status", "published"),
                    models.Q(("published_reply_count__gt", 0), ("status__in", ("removed", "deleted"))),
                    _connector="OR",
                ),
                output_field=models.BooleanField(),
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["article", "listed", "created_at", "id"], name="comment_thread_order"),
        ),
    ]
