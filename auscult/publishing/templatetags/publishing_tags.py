from django import template

from ..engagement import engagement_blocks, masthead_account_items

register = template.Library()


@register.simple_tag(takes_context=True)
def article_engagement(context, article):
    """Readers' engagement with the article (its rating, its comments), as the apps above publishing render it."""
    return engagement_blocks(context["request"], article)


@register.simple_tag(takes_context=True)
def account_menu_items(context):
    """What the apps above add to a signed-in member's account menu (`MASTHEAD_ACCOUNT_HOOK`)."""
    request = context.get("request")
    return masthead_account_items(request) if request is not None else ""
