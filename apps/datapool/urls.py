from django.urls import path

from apps.datapool import run_views, statistics_views, views

app_name = "datapool"

urlpatterns = [
    path("", views.pool_list, name="list"),
    path("neu/", views.pool_new, name="new"),
    path("<int:pk>/", views.pool_detail, name="detail"),
    path("<int:pk>/vereinbarung/", views.pool_agreement, name="agreement"),
    path("<int:pk>/einladen/", views.pool_invite_view, name="invite"),
    path("<int:pk>/verlassen/", views.pool_leave_view, name="leave"),
    path("<int:pk>/protokoll/", views.pool_audit, name="audit"),
    path("<int:pk>/abgleich/", run_views.run_new, name="run-new"),
    path("<int:pk>/abgleich/beginnen/", run_views.run_create, name="run-create"),
    path("<int:pk>/abgleich/<int:run_pk>/", run_views.run_detail, name="run"),
    path(
        "<int:pk>/abgleich/<int:run_pk>/<str:name>.bin",
        run_views.run_message,
        name="run-message",
    ),
    path("<int:pk>/abgleich/<int:run_pk>/antworten/", run_views.run_answer_view, name="run-answer"),
    path(
        "<int:pk>/abgleich/<int:run_pk>/abschliessen/", run_views.run_finish_view, name="run-finish"
    ),
    path("<int:pk>/abgleich/<int:run_pk>/abbrechen/", run_views.run_cancel_view, name="run-cancel"),
    path("<int:pk>/planung/", statistics_views.planning, name="planning"),
    path("<int:pk>/planung/melden/", statistics_views.demand_report, name="demand-report"),
]
