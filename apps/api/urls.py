"""The API under /api/v1/ and the settings page of personal access tokens."""

from django.urls import include, path, re_path

from apps.api import views
from apps.api.api import api

token_patterns = [
    path("", views.tokens, name="list"),
    path("<int:pk>/widerrufen/", views.revoke, name="revoke"),
]

urlpatterns = [
    path("api/v1/", api.urls),
    # Any other address under /api/ answers like the API does: problem+json.
    re_path(r"^api/", views.unknown),
    path("konto/api-schluessel/", include((token_patterns, "api-tokens"))),
]
