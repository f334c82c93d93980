from django.urls import path

from apps.notifications import views

app_name = "notifications"
urlpatterns = [
    path("einstellungen/", views.notification_settings, name="settings"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
