from django.utils.translation import gettext_lazy as _

from apps.cooperations.tabs import Tab, cooperation_tab

cooperation_tab(Tab("checkins", _("Check-in"), "checkins:overview", 70, prefix=True))
