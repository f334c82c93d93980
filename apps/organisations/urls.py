"""Included at the site root: ``organisationen/…`` and ``kooperationen/<pk>/organisationen/``."""

from django.urls import path

from apps.organisations import views

app_name = "organisations"

BASE = "organisationen/"
ORG = BASE + "<int:pk>/"
TRAINING = BASE + "fortbildungen/<int:pk>/"
COOPERATION = "kooperationen/<int:pk>/organisationen/"

urlpatterns = [
    path(BASE, views.organisation_list, name="list"),
    path(BASE + "neu/", views.organisation_create, name="create"),
    path(ORG, views.organisation_detail, name="detail"),
    path(ORG + "bearbeiten/", views.organisation_edit, name="edit"),
    path(ORG + "mitglieder/", views.member_add, name="member-add"),
    path(ORG + "mitglieder/<int:member_id>/rolle/", views.member_role, name="member-role"),
    path(ORG + "mitglieder/<int:member_id>/entfernen/", views.member_remove, name="member-remove"),
    path(ORG + "verlassen/", views.member_leave, name="leave"),
    path(ORG + "fortbildungen/neu/", views.training_new, name="training-new"),
    path(BASE + "fortbildungen/", views.training_list, name="trainings"),
    path(TRAINING, views.training_detail, name="training"),
    path(
        TRAINING + "anmelden/<int:organisation_id>/", views.training_signup, name="training-signup"
    ),
    path(TRAINING + "abmelden/", views.training_cancel, name="training-cancel"),
    path(
        TRAINING + "teilnahme/<int:signup_id>/",
        views.training_attendance,
        name="training-attendance",
    ),
    path(COOPERATION, views.cooperation_organisations, name="cooperation"),
    path(COOPERATION + "hinzufuegen/", views.cooperation_organisation_add, name="cooperation-add"),
    path(
        COOPERATION + "<int:link_id>/entfernen/",
        views.cooperation_organisation_remove,
        name="cooperation-remove",
    ),
    path(COOPERATION + "schluessel/", views.size_fair_key_propose, name="size-fair-key"),
]
