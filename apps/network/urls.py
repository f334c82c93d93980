from django.urls import path

from apps.network import views

app_name = "network"
urlpatterns = [
    path("", views.connections, name="connections"),
    path("anfrage/<int:user_id>/", views.request_new, name="request-new"),
    path("anfragen/<int:pk>/annehmen/", views.request_accept, name="request-accept"),
    path("anfragen/<int:pk>/ablehnen/", views.request_decline, name="request-decline"),
    path("anfragen/<int:pk>/zurueckziehen/", views.request_withdraw, name="request-withdraw"),
    path(
        "verbindungen/<int:user_id>/entfernen/",
        views.connection_remove,
        name="connection-remove",
    ),
    path("blockiert/", views.blocked, name="blocked"),
    path("personen/<int:user_id>/blockieren/", views.block, name="block"),
    path("personen/<int:user_id>/freigeben/", views.unblock, name="unblock"),
    path("gesuche/", views.asks, name="asks"),
    path("gesuche/neu/", views.ask_new, name="ask-new"),
    path("gesuche/<int:pk>/", views.ask_detail, name="ask-detail"),
    path("gesuche/<int:pk>/schliessen/", views.ask_close, name="ask-close"),
]
