"""`{% responsive_picture image "slot" alt=… class=… %}`: an image as a `<picture>` of the renditions that exist,
never making one (`publishing.images`); the page is noted for the task that makes the missing ones to purge.
`{% picture_from_data data alt=… %}` renders one already worked out (`images.picture_data`), as the cached
masthead keeps it."""

from django import template

from .. import images

register = template.Library()


@register.simple_tag(takes_context=True)
def responsive_picture(context, image, slot, **attrs):
    request = context.get("request")
    shown_at = request.build_absolute_uri(request.path) if request is not None else None
    return images.picture(image, slot, shown_at=shown_at, **attrs)


@register.simple_tag
def picture_from_data(data, **attrs):
    return images.picture_html(data, **attrs) if data else ""
