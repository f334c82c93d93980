from django.urls import URLPattern

app_name = "driver"
urlpatterns: list[URLPattern] = []
