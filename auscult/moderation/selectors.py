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


def comment_modes_for(article_ids):
    """`comment_mode_for` of many articles at once, by id, in at most two queries (the policies, then the site's
    default only if some article has none): for lists."""
    ids = list(article_ids)
    modes = dict(CommentPolicy.objects.filter(article_id__in=ids).values_list("article_id", "mode"))
    default = default_comment_mode() if len(modes) < len(ids) else None
    return {pk: modes.get(pk, default) for pk in ids}


def comment_mode_choices():
    return CommentMode.choices
