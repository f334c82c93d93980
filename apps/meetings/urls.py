"""Included at the site root: pages inside a cooperation live under
``kooperationen/<pk>/besprechungen/``, the person's own pages at the top."""

from django.urls import path

from apps.meetings import views

app_name = "meetings"

IN = "kooperationen/<int:pk>/besprechungen/"
MEETING = IN + "<int:meeting_id>/"

urlpatterns = [
    path(IN, views.meeting_list, name="meeting-list"),
    path(IN + "neu/", views.meeting_new, name="meeting-new"),
    path(MEETING, views.meeting_detail, name="meeting-detail"),
    path(MEETING + "bearbeiten/", views.meeting_edit, name="meeting-edit"),
    path(MEETING + "protokoll/", views.meeting_protocol, name="meeting-protocol"),
    path(MEETING + "kalender.ics", views.meeting_ics, name="meeting-ics"),
    path(MEETING + "tagesordnung/", views.agenda_add, name="agenda-add"),
    path(
        MEETING + "tagesordnung/<int:item_id>/verschieben/",
        views.agenda_move,
        name="agenda-move",
    ),
    path(
        MEETING + "tagesordnung/<int:item_id>/entfernen/",
        views.agenda_remove,
        name="agenda-remove",
    ),
    path(MEETING + "beschluesse/", views.decision_add, name="decision-add"),
    path(MEETING + "aufgaben/", views.action_add, name="action-add"),
    path(IN + "beschluesse/", views.decision_list, name="decision-list"),
    path(
        IN + "beschluesse/<int:decision_id>/bearbeiten/", views.decision_edit, name="decision-edit"
    ),
    path(
        IN + "beschluesse/<int:decision_id>/beschliessen/",
        views.decision_confirm,
        name="decision-confirm",
    ),
    path(
        IN + "beschluesse/<int:decision_id>/verwerfen/",
        views.decision_discard,
        name="decision-discard",
    ),
    path(IN + "aufgaben/", views.action_list, name="action-list"),
    path(IN + "aufgaben/neu/", views.action_new, name="action-new"),
    path(IN + "aufgaben/<int:action_id>/bearbeiten/", views.action_edit, name="action-edit"),
    path(IN + "aufgaben/<int:action_id>/erledigt/", views.action_done, name="action-done"),
    path(IN + "aufgaben/<int:action_id>/abbrechen/", views.action_cancel, name="action-cancel"),
    path(IN + "aufgaben/<int:action_id>/wieder-offen/", views.action_reopen, name="action-reopen"),
    path(IN + "terminumfragen/neu/", views.poll_new, name="poll-new"),
    path(IN + "terminumfragen/<int:poll_id>/", views.poll_detail, name="poll-detail"),
    path(
        IN + "terminumfragen/<int:poll_id>/festlegen/",
        views.poll_schedule,
        name="poll-schedule",
    ),
    path("aufgaben/", views.my_actions, name="my-actions"),
    path("kalender/", views.calendar_settings, name="calendar"),
    path("kalender/neu/", views.calendar_create, name="calendar-create"),
    path("kalender/widerrufen/", views.calendar_revoke, name="calendar-revoke"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
