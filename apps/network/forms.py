from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.network.models import AskFormat
from apps.network.services import MAX_PURPOSE_LENGTH, MIN_PURPOSE_LENGTH


class ContactRequestForm(forms.Form):
    purpose = forms.CharField(
        label=_("Worum geht es konkret?"),
        help_text=_(
            "Zum Beispiel: „Ich plane für März ein zweitägiges Teamtraining für eine "
            "Klinik in Köln und suche eine Outdoor-Trainerin, die den zweiten Tag "
            "übernimmt. Hätten Sie Lust auf ein kurzes Telefonat?“"
        ),
        max_length=MAX_PURPOSE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "minlength": MIN_PURPOSE_LENGTH}),
    )


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("Ich brauche jemanden für …"),
        max_length=200,
        help_text=_("Zum Beispiel: „Co-Moderation eines Strategietags“"),
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Was ist zu tun, für wen, in welchem Umfang – und was bieten Sie?"),
    )
    needed_by = forms.DateField(
        label=_("Bis wann?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    competences = forms.CharField(
        label=_("Gesuchte Kompetenzen"),
        required=False,
        max_length=500,
        help_text=_("Mit Kommas getrennt, z. B. „Moderation, Konfliktklärung“."),
    )
    city = forms.CharField(label=_("Ort"), required=False, max_length=100)
    format = forms.ChoiceField(label=_("Format"), choices=AskFormat.choices, initial=AskFormat.ANY)

    def clean_competences(self) -> list[str]:
        raw: str = self.cleaned_data["competences"]
        return [part.strip() for part in raw.split(",") if part.strip()]


class AskFilterForm(forms.Form):
    text = forms.CharField(label=_("Kompetenz oder Stichwort"), required=False, max_length=100)
    city = forms.CharField(label=_("Ort"), required=False, max_length=100)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {"text": self.cleaned_data["text"], "city": self.cleaned_data["city"]}
