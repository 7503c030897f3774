from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.account, name="account"),
    path("profile/", views.profile, name="profile"),
    path("registration/", views.registration, name="registration"),
    path("data/", views.data_export, name="data"),
    path("delete/", views.delete_account, name="delete"),
]
