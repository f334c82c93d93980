from django.urls import path

from apps.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("neu/", views.referral_create, name="create"),
    path("finden/", views.referral_find, name="find"),
    path("bilanz/", views.balance, name="balance"),
    path("export/", views.export, name="export"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/annehmen/", views.referral_accept, name="accept"),
    path("<int:pk>/ablehnen/", views.referral_decline, name="decline"),
    path("<int:pk>/zurueckziehen/", views.referral_withdraw, name="withdraw"),
    path("<int:pk>/kontaktiert/", views.referral_contacted, name="contacted"),
    path("<int:pk>/gewonnen/", views.referral_won, name="won"),
    path("<int:pk>/nicht-zustande-gekommen/", views.referral_lost, name="lost"),
    path("<int:pk>/wert-teilen/", views.referral_share_value, name="share-value"),
    path("<int:pk>/danke/", views.referral_thank, name="thank"),
    path("<int:pk>/kundendaten-loeschen/", views.referral_erase, name="erase"),
]
