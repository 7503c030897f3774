"""Editors feature a reader's comment on another article from where they find it (the thread, the moderation
queue), choosing the article with Wagtail's page chooser, not by copying the comment's number into a form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from auscult.core.admin_widgets import IdChoiceField, PageChooser
from auscult.publishing.models import ArticlePage

from .models import Comment, CommentStatus, FeaturedComment

FEATURE = "comments.add_featuredcomment"


class FeatureForm(forms.Form):
    article = IdChoiceField(
        queryset=ArticlePage.objects.live(),
        widget=PageChooser(target_models=[ArticlePage]),
        label="Show it on",
        help_text="Another published article: the comment appears there as a featured reader's comment.",
        error_messages={"invalid_choice": "Choose a published article.", "required": "Choose an article."},
    )


class FeatureCommentView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = FEATURE
    raise_exception = True
    form_class = FeatureForm
    template_name = "comments/admin/feature.html"
    page_title = "Feature a comment on another article"
    header_icon = "openquote"

    @cached_property
    def comment(self):
        published = Comment.objects.filter(status=CommentStatus.PUBLISHED).select_related("article", "author")
        return get_object_or_404(published, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.comment, **kwargs)

    def form_valid(self, form):
        article = form.cleaned_data["article"]
        if FeaturedComment.objects.filter(article=article, comment=self.comment).exists():
            form.add_error("article", f"This comment is already featured on “{article.title}”.")
            return self.form_invalid(form)
        featured = FeaturedComment(article=article, comment=self.comment, featured_by=self.request.user)
        try:
            featured.full_clean()
        except ValidationError as error:
            for message in error.messages:
                form.add_error("article", message)
            return self.form_invalid(form)
        featured.save()
        messages.success(self.request, f"The comment is featured on “{featured.article.title}”.")
        return redirect(reverse("wagtailsnippets_comments_featuredcomment:list"))
