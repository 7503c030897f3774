from .models import CommentMode, CommentPolicy, ModerationSettings


def default_comment_mode():
    """The site-wide mode for articles with no mode of their own."""
    return ModerationSettings.load().default_comment_mode or CommentMode.OPEN


def comment_mode_for(article):
    """The article's comment mode, falling back to the site default."""
    if article is None or article.pk is None:
        return default_comment_mode()
    mode = CommentPolicy.objects.filter(article_id=article.pk).values_list("mode", flat=True).first()
    return mode or default_comment_mode()
