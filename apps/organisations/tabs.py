from django.utils.translation import gettext_lazy as _

from apps.cooperations.tabs import Tab, cooperation_tab

cooperation_tab(Tab("organisations", _("Organisationen"), "organisations:cooperation", 65))
