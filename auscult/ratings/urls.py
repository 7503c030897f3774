from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("articles/<id:article_id>/rating/", views.rating_set_view, name="set"),
    path("articles/<id:article_id>/rating/withdraw/", views.rating_withdraw_view, name="withdraw"),
    path("account/ratings/", views.mine, name="mine"),
]
