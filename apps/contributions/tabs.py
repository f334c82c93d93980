from django.utils.translation import gettext_lazy as _

from apps.cooperations.tabs import Tab, cooperation_tab

cooperation_tab(Tab("contributions", _("Beiträge"), "contributions:ledger", 50, prefix=True))
