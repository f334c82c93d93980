"""Included at the site root: pages inside a cooperation live under
``kooperationen/<pk>/besprechungen/``, the person's own pages at the top."""

from django.urls import path

from apps.meetings.views import actions, calendar, decisions, meetings, polls

app_name = "meetings"

IN = "kooperationen/<int:pk>/besprechungen/"
MEETING = IN + "<int:meeting_id>/"

urlpatterns = [
    path(IN, meetings.meeting_list, name="meeting-list"),
    path(IN + "neu/", meetings.meeting_new, name="meeting-new"),
    path(MEETING, meetings.meeting_detail, name="meeting-detail"),
    path(MEETING + "bearbeiten/", meetings.meeting_edit, name="meeting-edit"),
    path(MEETING + "protokoll/", meetings.meeting_protocol, name="meeting-protocol"),
    path(MEETING + "kalender.ics", meetings.meeting_ics, name="meeting-ics"),
    path(MEETING + "tagesordnung/", meetings.agenda_add, name="agenda-add"),
    path(
        MEETING + "tagesordnung/<int:item_id>/verschieben/",
        meetings.agenda_move,
        name="agenda-move",
    ),
    path(
        MEETING + "tagesordnung/<int:item_id>/entfernen/",
        meetings.agenda_remove,
        name="agenda-remove",
    ),
    path(MEETING + "beschluesse/", decisions.decision_add, name="decision-add"),
    path(MEETING + "aufgaben/", actions.action_add, name="action-add"),
    path(IN + "beschluesse/", decisions.decision_list, name="decision-list"),
    path(
        IN + "beschluesse/<int:decision_id>/bearbeiten/",
        decisions.decision_edit,
        name="decision-edit",
    ),
    path(
        IN + "beschluesse/<int:decision_id>/beschliessen/",
        decisions.decision_confirm,
        name="decision-confirm",
    ),
    path(
        IN + "beschluesse/<int:decision_id>/verwerfen/",
        decisions.decision_discard,
        name="decision-discard",
    ),
    path(IN + "aufgaben/", actions.action_list, name="action-list"),
    path(IN + "aufgaben/neu/", actions.action_new, name="action-new"),
    path(IN + "aufgaben/<int:action_id>/bearbeiten/", actions.action_edit, name="action-edit"),
    path(IN + "aufgaben/<int:action_id>/erledigt/", actions.action_done, name="action-done"),
    path(IN + "aufgaben/<int:action_id>/abbrechen/", actions.action_cancel, name="action-cancel"),
    path(
        IN + "aufgaben/<int:action_id>/wieder-offen/", actions.action_reopen, name="action-reopen"
    ),
    path(IN + "terminumfragen/neu/", polls.poll_new, name="poll-new"),
    path(IN + "terminumfragen/<int:poll_id>/", polls.poll_detail, name="poll-detail"),
    path(
        IN + "terminumfragen/<int:poll_id>/festlegen/",
        polls.poll_schedule,
        name="poll-schedule",
    ),
    path("aufgaben/", actions.my_actions, name="my-actions"),
    path("kalender/", calendar.calendar_settings, name="calendar"),
    path("kalender/neu/", calendar.calendar_create, name="calendar-create"),
    path("kalender/widerrufen/", calendar.calendar_revoke, name="calendar-revoke"),
    path("kalender/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
]
