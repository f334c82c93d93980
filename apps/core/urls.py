from django.urls import path

from apps.core import data_rights, views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("meine-daten/", data_rights.my_data, name="my-data"),
    path("meine-daten/herunterladen/", data_rights.my_data_download, name="my-data-download"),
    path("meine-daten/konto-loeschen/", data_rights.account_delete_view, name="account-delete"),
]
