"""Included at the site root: pages inside a cooperation under ``kooperationen/<pk>/finanzen/``."""

from django.urls import path

from apps.finances import views

app_name = "finances"

BASE = "kooperationen/<int:pk>/finanzen/"
ENGAGEMENT = BASE + "auftraege/<int:engagement_id>/"

urlpatterns = [
    path(BASE, views.overview, name="overview"),
    path(BASE + "auftraege/", views.engagement_list, name="engagements"),
    path(BASE + "auftraege/neu/", views.engagement_new, name="engagement-new"),
    path(ENGAGEMENT, views.engagement_detail, name="engagement"),
    path(ENGAGEMENT + "bearbeiten/", views.engagement_edit, name="engagement-edit"),
    path(ENGAGEMENT + "posten/", views.line_add, name="line-add"),
    path(
        ENGAGEMENT + "posten/<int:line_id>/stornieren/",
        views.line_reverse,
        name="line-reverse",
    ),
    path(ENGAGEMENT + "schluessel/<str:purpose>/", views.key_propose, name="key-propose"),
    path(
        ENGAGEMENT + "vorschlaege/<int:proposal_id>/zustimmen/",
        views.key_consent,
        name="key-consent",
    ),
    path(BASE + "laufende-kosten/", views.shared_costs, name="shared-costs"),
    path(BASE + "ausgleich/", views.settlements, name="settlements"),
    path(BASE + "ausgleich/vorschlagen/", views.settlement_propose, name="settlement-propose"),
    path(
        BASE + "ueberweisungen/<int:transfer_id>/erhalten/",
        views.transfer_confirm,
        name="transfer-confirm",
    ),
]
