from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("comments/<id:pk>/", views.permalink, name="permalink"),
    path("comments/<id:pk>/reply/", views.reply_form, name="reply_form"),
    path("comments/<id:pk>/report/", views.report, name="report"),
    path("comments/<id:pk>/recommend/", views.recommend, name="recommend"),
    path("comments/<id:pk>/edit/", views.edit, name="edit"),
    path("comments/<id:pk>/delete/", views.delete, name="delete"),
    path("comments/<id:pk>/block/", views.block, name="block"),
    path("account/blocked/", views.blocked, name="blocked"),
    path("account/blocked/<id:member_id>/unblock/", views.unblock, name="unblock"),
    path("articles/<id:article_id>/comments/", views.thread, name="thread"),
    path("articles/<id:article_id>/comments/post/", views.post, name="post"),
    path("articles/<id:article_id>/comments/count/", views.count, name="count"),
    path("account/comments/", views.mine, name="mine"),
    path("community-guidelines/", views.guidelines, name="guidelines"),
    path("members/<id:pk>-<slug:slug>/", views.member_profile, name="member_profile"),
    path("members/<id:pk>/", views.member_profile, name="member_profile_by_id"),
]
