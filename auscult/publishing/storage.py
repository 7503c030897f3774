"""Where rendition files are stored (`WAGTAILIMAGES_RENDITION_STORAGE`). Apart from `publishing.images`, which
imports Wagtail's image models: Wagtail loads this while it defines them."""

import os
import secrets

from django.core.files.storage import FileSystemStorage


class RenditionStorage(FileSystemStorage):
    """MEDIA_ROOT, with every rendition file under a name never used before (a random token before its extension),
    so one URL always means the same bytes and browsers and CDNs may keep it a year (`immutable`). Wagtail names a
    rendition after its original's file, and that name comes back once the earlier file of that name is deleted
    (an image replaced twice with `photo.jpg`): the new rendition would have the old one's URL. For
    `WAGTAILIMAGES_RENDITION_STORAGE`."""

    def get_available_name(self, name, max_length=None):
        root, extension = os.path.splitext(name)
        return super().get_available_name(f"{root}.{secrets.token_hex(4)}{extension}", max_length=max_length)
