"""Admin forms: the article form carries the comment mode, which is stored outside revisions."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    comment_mode = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from auscult.moderation.models import CommentMode
        from auscult.moderation.selectors import comment_mode_for

        field = self.fields["comment_mode"]
        field.choices = CommentMode.choices
        field.initial = comment_mode_for(self.instance)

    def save(self, commit=True):
        page = super().save(commit=commit)
        # Publishing rebuilds the page from its revision, so the mode is written to its own
        # table here (existing pages) or by the after_create_page hook (new ones), never
        # into page fields.
        page._comment_mode_choice = self.cleaned_data.get("comment_mode") or None
        if page.pk and page._comment_mode_choice:
            from auscult.moderation.services import comment_mode_set

            comment_mode_set(article=page, mode=page._comment_mode_choice, by=self.for_user)
        return page
