"""Pages of the check-ins inside a cooperation (mounted under /kooperationen/): the
check-in and the health. Every view starts with ``cooperation_for_member``."""

from django.urls import path

from apps.checkins import views

app_name = "checkins"
urlpatterns = [
    path("<int:pk>/check-in/", views.checkin_overview, name="overview"),
    path("<int:pk>/check-in/<int:check_in_id>/", views.checkin_round, name="round"),
    path("<int:pk>/check-in/gesundheit/", views.health, name="health"),
]
