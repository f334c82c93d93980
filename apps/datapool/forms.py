from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.datapool.models import AgeBand, Category, LegalBasis, Term
from apps.organisations.models import Organisation


class PoolForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Für die Organisation")
    )
    name = forms.CharField(label=_("Name des Datenpools"), max_length=160)
    purpose = forms.CharField(
        label=_("Zweck"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wofür die Organisationen gemeinsam rechnen, z. B. Programmplanung."),
    )
    legal_basis = forms.ChoiceField(label=_("Rechtsgrundlage"), choices=LegalBasis.choices)
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Einzuladende Organisationen"),
        required=False,
        help_text=_("Ihre Verwaltung nimmt die Vereinbarung selbst an."),
    )

    def __init__(self, *args: object, own: QuerySet[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = own  # type: ignore[attr-defined]
        self.fields["organisation"].initial = own.first()
        self.fields["partners"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            pk__in=own.values("pk")
        )


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )

    def __init__(self, *args: object, choices: QuerySet[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = choices  # type: ignore[attr-defined]


class DemandForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Für die Organisation")
    )
    year = forms.IntegerField(
        label=_("Jahr"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    term = forms.TypedChoiceField(label=_("Semester"), choices=Term.choices, coerce=int)
    category = forms.ChoiceField(label=_("Fachbereich"), choices=Category.choices)
    region = forms.CharField(label=_("Region"), max_length=80)
    age_band = forms.ChoiceField(label=_("Altersgruppe"), choices=AgeBand.choices)
    demand = forms.IntegerField(
        label=_("Nachfrage"), min_value=0, help_text=_("Anmeldungen und Warteliste, Personen.")
    )
    offer = forms.IntegerField(label=_("Angebotene Plätze"), min_value=0)

    def __init__(self, *args: object, own: QuerySet[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = own  # type: ignore[attr-defined]
        self.fields["organisation"].initial = own.first()


class DemandCsvForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Für die Organisation")
    )
    csv = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: jahr;semester;fachbereich;region;altersgruppe;nachfrage;plaetze — "
            "nur Summen, keine Personendaten."
        ),
    )

    def __init__(self, *args: object, own: QuerySet[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = own  # type: ignore[attr-defined]
        self.fields["organisation"].initial = own.first()
