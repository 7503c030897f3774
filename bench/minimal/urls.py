from django.urls import path

from .floor import views

urlpatterns = [
    path("article/<slug:slug>/", views.article, name="article"),
    path("cached/<slug:slug>/", views.article_cached, name="article_cached"),
    path("comments/<int:article_id>/form/", views.comment_form, name="comment_form"),
    path("comments/<int:article_id>/post/", views.comment_post, name="comment_post"),
]
