"""The held queue's size as a stored count per article (`ArticleCommentStats.held_count`), filled from the
comments waiting now: a COUNT of the queue costs as much as the queue is long, and every admin page shows it."""

from django.db import migrations, models
from django.db.models import Count


def count_held(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Stats = apps.get_model("comments", "ArticleCommentStats")
    waiting = Comment.objects.filter(status="pending").values("article_id").order_by().annotate(n=Count("pk"))
    for row in waiting:
        Stats.objects.get_or_create(article_id=row["article_id"])
        Stats.objects.filter(article_id=row["article_id"]).update(held_count=row["n"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0010_community_guidelines"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlecommentstats",
            name="held_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count_held, migrations.RunPython.noop, elidable=True),
    ]
