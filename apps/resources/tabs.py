from django.utils.translation import gettext_lazy as _

from apps.cooperations.tabs import Tab, cooperation_tab

cooperation_tab(Tab("resources", _("Ressourcen"), "resources:cooperation", 62, prefix=True))
