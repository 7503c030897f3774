from django import template

from ..rendering import format_average, rating_block_context

register = template.Library()


@register.inclusion_tag("ratings/rating_block.html", takes_context=True)
def rating_block(context, page):
    """The article's rating block: average, the member's own rating and the star form (or why not)."""
    return rating_block_context(context["request"], page)


@register.filter(name="format_average")
def format_average_filter(value):
    """An average as the site shows it: 4.5, 3, 1.33."""
    return format_average(value)
