from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("comments/<int:pk>/", views.permalink, name="permalink"),
    path("comments/<int:pk>/reply/", views.reply_form, name="reply_form"),
    path("comments/<int:pk>/report/", views.report, name="report"),
    path("comments/<int:pk>/edit/", views.edit, name="edit"),
    path("comments/<int:pk>/delete/", views.delete, name="delete"),
    path("articles/<int:article_id>/comments/", views.thread, name="thread"),
    path("articles/<int:article_id>/comments/post/", views.post, name="post"),
]
