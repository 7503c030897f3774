from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("account/notifications/", views.notification_list, name="list"),
    path("articles/<id:article_id>/follow/", views.follow, name="follow"),
    path("account/notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("account/notifications/<id:pk>/", views.open_notification, name="open"),
    path("account/notifications/preferences/", views.preferences, name="preferences"),
    # Under /account/, which the professionals-only notice never interrupts; no sign-in is needed.
    path("account/notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
