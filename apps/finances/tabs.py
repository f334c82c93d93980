from django.utils.translation import gettext_lazy as _

from apps.cooperations.tabs import Tab, cooperation_tab

cooperation_tab(Tab("finances", _("Finanzen"), "finances:overview", 60, prefix=True))
