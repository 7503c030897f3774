from django.urls import path

from .floor import views

urlpatterns = [
    path("article/<slug:slug>/", views.article, name="article"),
    path("cached/<slug:slug>/", views.article_cached, name="article_cached"),
    path("member/<slug:slug>/", views.member_article, name="member_article"),
    path("comments/<int:article_id>/form/", views.comment_form, name="comment_form"),
    path("comments/<int:article_id>/post/", views.comment_post, name="comment_post"),
    path("member/comments/<int:article_id>/post/", views.member_comment_post, name="member_comment_post"),
]
