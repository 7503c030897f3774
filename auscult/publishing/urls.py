from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("", views.author_list, name="authors"),
    path("<slug:slug>/", views.author_detail, name="author"),
]
