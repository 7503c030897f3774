from django import template

from ..engagement import engagement_blocks

register = template.Library()


@register.simple_tag(takes_context=True)
def article_engagement(context, article):
    """Readers' engagement with the article (its rating, its comments), as the apps above publishing render it."""
    return engagement_blocks(context["request"], article)
