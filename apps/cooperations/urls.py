from django.urls import path

from apps.cooperations import views

app_name = "cooperations"
urlpatterns = [
    path("", views.cooperation_list, name="list"),
    path("neu/", views.cooperation_new, name="new"),
    path("einladung/<str:token>/", views.invitation_link, name="invitation-link"),
    path(
        "einladungen/<int:invitation_id>/annehmen/",
        views.invitation_accept,
        name="invitation-accept",
    ),
    path(
        "einladungen/<int:invitation_id>/ablehnen/",
        views.invitation_decline,
        name="invitation-decline",
    ),
    path("<int:pk>/", views.cooperation_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.cooperation_edit, name="edit"),
    path("<int:pk>/loeschen/", views.cooperation_delete, name="delete"),
    path("<int:pk>/verlauf/", views.cooperation_timeline, name="timeline"),
    path("<int:pk>/einladen/", views.member_invite, name="invite"),
    path(
        "<int:pk>/einladungen/<int:invitation_id>/zurueckziehen/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path(
        "<int:pk>/einladungen/<int:invitation_id>/anfrage/<str:answer>/",
        views.join_request_answer,
        name="join-request-answer",
    ),
    path("<int:pk>/mitglieder/<int:user_id>/entfernen/", views.member_remove, name="member-remove"),
    path("<int:pk>/mitglieder/<int:user_id>/rolle/", views.member_role, name="member-role"),
    path("<int:pk>/passungscheck/starten/", views.fit_check_start, name="fit-check-start"),
    path("<int:pk>/passungscheck/", views.fit_check, name="fit-check"),
    path("<int:pk>/vereinbarung/", views.agreement, name="agreement"),
    path("<int:pk>/vereinbarung/entwurf/", views.agreement_draft, name="agreement-draft"),
    path(
        "<int:pk>/vereinbarung/entwurf/vorlegen/",
        views.agreement_propose,
        name="agreement-propose",
    ),
    path(
        "<int:pk>/vereinbarung/entwurf/verwerfen/",
        views.agreement_discard,
        name="agreement-discard",
    ),
    path("<int:pk>/vereinbarung/vergleich/", views.agreement_compare, name="agreement-compare"),
    path(
        "<int:pk>/vereinbarung/fassung-<int:number>/",
        views.agreement_version,
        name="agreement-version",
    ),
    path(
        "<int:pk>/vereinbarung/fassung-<int:number>/annehmen/",
        views.agreement_accept,
        name="agreement-accept",
    ),
    path(
        "<int:pk>/vereinbarung/fassung-<int:number>/zurueckziehen/",
        views.agreement_withdraw,
        name="agreement-withdraw",
    ),
    path(
        "<int:pk>/vereinbarung/fassung-<int:number>/pdf/",
        views.agreement_pdf,
        name="agreement-pdf",
    ),
    path(
        "<int:pk>/vereinbarung/fassung-<int:number>/quittung/",
        views.agreement_receipt,
        name="agreement-receipt",
    ),
    path("<int:pk>/vereinbarung/pruefen/", views.agreement_verify, name="agreement-verify"),
    path("<int:pk>/ausstieg/", views.exit_overview, name="exit"),
    path(
        "<int:pk>/ausstieg/<int:exit_id>/checkliste/", views.exit_checklist, name="exit-checklist"
    ),
    path(
        "<int:pk>/ausstieg/<int:exit_id>/rueckblick/",
        views.exit_retrospective,
        name="exit-retrospective",
    ),
    path(
        "<int:pk>/ausstieg/<int:exit_id>/abschliessen/", views.exit_complete, name="exit-complete"
    ),
    path("<int:pk>/ausstieg/<int:exit_id>/abbrechen/", views.exit_cancel, name="exit-cancel"),
    path("<int:pk>/archiv/", views.archive, name="archive"),
]
