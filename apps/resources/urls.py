"""Included at the site root: the resources under ``ressourcen/``, a cooperation's
bookings under ``kooperationen/<pk>/ressourcen/``."""

from django.urls import path

from apps.resources import views

app_name = "resources"

BASE = "ressourcen/"

urlpatterns = [
    path(BASE, views.resource_list, name="list"),
    path(BASE + "neu/", views.resource_new, name="new"),
    path(BASE + "meine-buchungen/", views.my_bookings, name="mine"),
    path(BASE + "<int:pk>/", views.resource_detail, name="detail"),
    path(BASE + "<int:pk>/buchen/", views.booking_new, name="book"),
    path(BASE + "<int:pk>/verwalten/", views.resource_manage, name="manage"),
    path(BASE + "buchungen/<int:pk>/stornieren/", views.booking_cancel, name="cancel"),
    path(BASE + "buchungen/<int:pk>/entscheiden/", views.booking_decide, name="decide"),
    path("kooperationen/<int:pk>/ressourcen/", views.cooperation_bookings, name="cooperation"),
]
