from django import forms
from django.utils.translation import gettext_lazy as _


class SnoozeForm(forms.Form):
    until = forms.DateField(
        label=_("Erinnern am"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
