from django import template

from ..rendering import comments_context
from ..selectors import ThreadOrder
from ..text import render_body

register = template.Library()


@register.inclusion_tag("comments/block.html", takes_context=True)
def comments_block(context, article):
    """Readers' comments and "Have your say" for an article page."""
    return comments_context(context["request"], article)


@register.filter
def comment_text(body):
    """A member's plain text as safe HTML: escaped, paragraphs kept, links made safe."""
    return render_body(body)


@register.filter
def with_id(url_format, pk):
    """One comment's URL from its format (`rendering.comment_url_formats`)."""
    return url_format.format(int(pk))


@register.simple_tag(takes_context=True)
def thread_url(context, **changes):
    """The article's URL with the thread's page, size and order, changed as asked."""
    thread = context["thread"]
    params = {"page": thread.number, "page_size": thread.page_size, "order": thread.order}
    params.update(changes)
    query = "&".join(f"{k}={v}" for k, v in params.items() if not (k == "order" and v == ThreadOrder.OLDEST))
    return f"?{query}#comments"


QUOTE_LENGTH = 140


@register.filter
def first_line(body):
    """The first line a comment says, shortened to a quote's length: what a reply is answering."""
    line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return line if len(line) <= QUOTE_LENGTH else line[: QUOTE_LENGTH - 1].rstrip() + "…"
