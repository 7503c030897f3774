from wagtail import hooks

from .services import comment_mode_set


@hooks.register("after_create_page")
def store_comment_mode_of_new_article(request, page):
    """New pages have no id when their form is saved; store the chosen mode once they do."""
    mode = getattr(page, "_comment_mode_choice", None)
    if mode:
        comment_mode_set(article=page, mode=mode, by=request.user)
