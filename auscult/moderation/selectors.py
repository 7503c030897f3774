from .models import CommentMode, CommentPolicy, ModerationSettings

_CACHE_ATTR = "_comment_policy_cache"


def default_comment_mode():
    """The site-wide mode for articles with no mode of their own."""
    return ModerationSettings.load().default_comment_mode or CommentMode.OPEN


def policy_for(article):
    """The article's policy row (or None), read once per article instance."""
    if article is None or article.pk is None:
        return None
    if not hasattr(article, _CACHE_ATTR):
        setattr(article, _CACHE_ATTR, CommentPolicy.objects.filter(article_id=article.pk).first())
    return getattr(article, _CACHE_ATTR)


def forget_policy(article):
    if hasattr(article, _CACHE_ATTR):
        delattr(article, _CACHE_ATTR)


def comment_mode_for(article):
    """The article's comment mode, falling back to the site default."""
    policy = policy_for(article)
    return policy.mode if policy else default_comment_mode()


def comment_mode_choices():
    return CommentMode.choices
