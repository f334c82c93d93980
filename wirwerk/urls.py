from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("apps.core.urls")),
    path("", include("apps.profiles.urls")),
    path("partner/", include("apps.matching.urls")),
    path("netzwerk/", include("apps.network.urls")),
    path("kooperationen/", include("apps.cooperations.urls")),
    path("kooperationen/", include("apps.checkins.urls")),
    path("", include("apps.meetings.urls")),
    path("", include("apps.contributions.urls")),
    path("impulse/", include("apps.driver.urls")),
    path("impulse/", include("apps.notifications.urls")),
    path("empfehlungen/", include("apps.referrals.urls")),
    path("", include("apps.finances.urls")),
    path("", include("apps.invoices.urls")),
    path("", include("apps.organisations.urls")),
    path("", include("apps.cocreation.urls")),
    path("", include("apps.resources.urls")),
    path("", include("apps.api.urls")),
    path("datenpool/", include("apps.datapool.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
