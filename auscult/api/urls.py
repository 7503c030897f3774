from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("account/api-tokens/<id:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
