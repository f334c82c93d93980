from django.urls import path

from apps.profiles import views

app_name = "profiles"
urlpatterns = [
    path("ich/", views.edit, name="edit"),
    path("ich/begriffe/", views.terms, name="terms"),
    path("profil/<int:user_id>/", views.detail, name="detail"),
]
