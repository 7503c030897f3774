"""Admin forms: the article form carries the comment mode, which is stored outside revisions."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from . import engagement


class ArticlePageForm(WagtailAdminPageForm):
    comment_mode = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment_mode"]
        field.choices = engagement.comment_modes()
        field.initial = engagement.comment_mode_of(self.instance)

    def save(self, commit=True):
        page = super().save(commit=commit)
        # Publishing rebuilds the page from its revision, so the mode is written to its own
        # table here (existing pages) or by the after_create_page hook (new ones), never
        # into page fields.
        page._comment_mode_choice = self.cleaned_data.get("comment_mode") or None
        if page.pk and page._comment_mode_choice:
            engagement.set_comment_mode(article=page, mode=page._comment_mode_choice, by=self.for_user)
        return page
