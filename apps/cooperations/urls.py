from django.urls import URLPattern

app_name = "cooperations"
urlpatterns: list[URLPattern] = []
