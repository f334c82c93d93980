from django.urls import path

from apps.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.suggestions, name="suggestions"),
    path("suche/", views.search, name="search"),
]
