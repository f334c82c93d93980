from django import forms
from django.utils.translation import gettext_lazy as _

from apps.matching.engine import Filters, geo_lookup
from apps.profiles.models import Format


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Wen suchen Sie?"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"placeholder": _("z. B. jemand für Audioproduktion oder Outdoor-Training")}
        ),
    )
    competence = forms.CharField(label=_("Kompetenz"), required=False, max_length=100)
    city = forms.CharField(label=_("Ort"), required=False, max_length=100)
    radius_km = forms.IntegerField(
        label=_("Umkreis (km)"), required=False, min_value=1, max_value=1000, initial=50
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("egal")), *Format.choices]
    )
    remote = forms.BooleanField(label=_("arbeitet remote mit Partnern"), required=False)
    min_hours = forms.IntegerField(
        label=_("mind. Stunden/Monat"), required=False, min_value=0, max_value=160
    )

    def clean_city(self) -> str:
        city = self.cleaned_data["city"].strip()
        if city and geo_lookup(city) is None:
            raise forms.ValidationError(
                _("Den Ort „%(city)s“ kennen wir nicht. Bitte prüfen Sie die Schreibweise."),
                params={"city": city},
            )
        return city

    def query_text(self) -> str:
        return self.cleaned_data["q"].strip() or self.cleaned_data["competence"].strip()

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            competence=data["competence"] or None,
            city=data["city"] or None,
            radius_km=float(data["radius_km"] or 50) if data["city"] else None,
            format=data["format"] or None,
            remote=True if data["remote"] else None,
            min_hours=data["min_hours"],
        )
