from django.urls import path

from apps.contributions import views

app_name = "contributions"
urlpatterns = [
    path("kooperationen/<int:pk>/beitraege/", views.ledger, name="ledger"),
    path("kooperationen/<int:pk>/beitraege/neu/", views.entry_new, name="new"),
    path("kooperationen/<int:pk>/beitraege/<int:entry_id>/", views.entry_detail, name="detail"),
    path(
        "kooperationen/<int:pk>/beitraege/<int:entry_id>/korrigieren/",
        views.entry_correct,
        name="correct",
    ),
    path(
        "kooperationen/<int:pk>/beitraege/<int:entry_id>/entfernen/",
        views.entry_remove,
        name="remove",
    ),
]
