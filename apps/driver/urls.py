from django.urls import path

from apps.driver import views

app_name = "driver"
urlpatterns = [
    path("", views.nudges, name="nudges"),
    path("<int:pk>/erledigt/", views.nudge_done, name="nudge-done"),
    path("<int:pk>/spaeter/", views.nudge_snooze, name="nudge-snooze"),
    path("<int:pk>/verwerfen/", views.nudge_dismiss, name="nudge-dismiss"),
]
