"""Included at ``ressourcen/``."""

from django.urls import path

from apps.resources import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("neu/", views.resource_new, name="new"),
    path("meine-buchungen/", views.my_bookings, name="mine"),
    path("<int:pk>/", views.resource_detail, name="detail"),
    path("<int:pk>/buchen/", views.booking_new, name="book"),
    path("<int:pk>/verwalten/", views.resource_manage, name="manage"),
    path("buchungen/<int:pk>/stornieren/", views.booking_cancel, name="cancel"),
    path("buchungen/<int:pk>/entscheiden/", views.booking_decide, name="decide"),
]
