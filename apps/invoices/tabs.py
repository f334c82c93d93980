from django.utils.translation import gettext_lazy as _

from apps.cooperations.tabs import Tab, cooperation_tab

cooperation_tab(Tab("invoices", _("Rechnungen"), "invoices:cooperation", 65, prefix=True))
