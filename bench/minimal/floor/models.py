"""An article page and its comments, the least the floor needs: the title and body of a Wagtail page, and one
table of comments with the author's name written in (no joins)."""

from django.db import models
from django.utils import timezone
from wagtail.fields import RichTextField
from wagtail.models import Page


class Article(Page):
    body = RichTextField()


class Comment(models.Model):
    article = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="floor_comments")
    author_name = models.CharField(max_length=100)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["article", "created_at", "id"], name="floor_comment_order")]

    def __str__(self):
        return f"Comment {self.pk} by {self.author_name}"
