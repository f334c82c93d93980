from django import forms
from django.utils.translation import gettext_lazy as _

from apps.notifications.models import DigestFrequency, NotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    digest = forms.ChoiceField(
        label=_("Zusammenfassung der übrigen Impulse"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = NotificationSettings
        fields = ["urgent_immediately", "digest"]
        widgets = {
            "urgent_immediately": forms.CheckboxInput(
                attrs={"aria-describedby": "id_urgent_immediately_helptext"}
            ),
        }
        help_texts = {
            "urgent_immediately": _(
                "Zum Beispiel, wenn eine Vereinbarung auf Ihre Zustimmung wartet."
            ),
        }
