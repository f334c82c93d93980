"""Included at the site root: circles under ``kreise/``, sessions under ``sessions/``
(and inside a cooperation)."""

from django.urls import URLPattern, path

from apps.cocreation.views import circles, live, sessions

app_name = "cocreation"

urlpatterns: list[URLPattern] = [
    path("kreise/", circles.circle_list, name="circle-list"),
    path("kreise/neu/", circles.circle_create, name="circle-new"),
    path("kreise/<int:pk>/", circles.circle_detail, name="circle-detail"),
    path("kreise/<int:pk>/beitreten/", circles.circle_join, name="circle-join"),
    path(
        "kreise/<int:pk>/anfragen/<int:request_pk>/",
        circles.join_decide,
        name="join-decide",
    ),
    path("kreise/<int:pk>/verlassen/", circles.circle_leave, name="circle-leave"),
    path("kreise/<int:pk>/treffen/neu/", circles.gathering_create, name="gathering-new"),
    path(
        "kreise/<int:pk>/treffen/<int:gathering_pk>/antwort/",
        circles.rsvp,
        name="gathering-rsvp",
    ),
    path("kreise/<int:pk>/kalender.ics", circles.circle_ics, name="circle-ics"),
    path("kreise/<int:pk>/brett/", circles.post_create, name="post-new"),
    path("kreise/<int:pk>/brett/<int:post_pk>/", circles.post_detail, name="post-detail"),
    path("kreise/<int:pk>/sessions/", sessions.circle_sessions, name="circle-sessions"),
    path(
        "kreise/<int:pk>/sessions/neu/", sessions.session_new_in_circle, name="circle-session-new"
    ),
    path(
        "kooperationen/<int:pk>/sessions/",
        sessions.cooperation_sessions,
        name="cooperation-sessions",
    ),
    path(
        "kooperationen/<int:pk>/sessions/neu/",
        sessions.session_new_in_cooperation,
        name="cooperation-session-new",
    ),
    path("sessions/<int:pk>/", sessions.session_detail, name="session-detail"),
    path("sessions/<int:pk>/live/", live.session_live, name="session-live"),
    path("sessions/<int:pk>/aufgaben/", sessions.session_to_actions, name="session-actions"),
    path(
        "sessions/<int:pk>/kooperation/",
        sessions.session_to_cooperation,
        name="session-cooperation",
    ),
    path(
        "sessions/<int:pk>/export.<str:kind>",
        sessions.session_export,
        name="session-export",
    ),
    path("sessions/<int:pk>/<slug:step>/", sessions.session_do, name="session-do"),
]
