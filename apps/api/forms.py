from django import forms
from django.utils.translation import gettext_lazy as _

from apps.api.models import TokenScope


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=80,
        help_text=_("Wofür Sie den Schlüssel benutzen, z. B. „Kalender-Abgleich“."),
    )
    scope = forms.ChoiceField(
        label=_("Berechtigung"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("Geben Sie nur so viel Zugriff, wie das Programm wirklich braucht."),
    )
