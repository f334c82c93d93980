from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organisations.models import Organisation, Role, Training


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "city", "staff_count", "about", "topics", "gaps", "rooms"]
        widgets = {
            "about": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "gaps": forms.Textarea(attrs={"rows": 3}),
            "rooms": forms.Textarea(attrs={"rows": 3}),
        }


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.STAFF)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)


class CooperationOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class SizeFairKeyForm(forms.Form):
    engagement = forms.TypedChoiceField(label=_("Auftrag"), coerce=int)
    purpose = forms.ChoiceField(
        label=_("Wofür"), choices=[("revenue", _("Einnahmen")), ("cost", _("Kosten"))]
    )
    variant = forms.ChoiceField(
        label=_("Aufteilung"),
        choices=[
            ("equal", _("zu gleichen Teilen")),
            ("size", _("nach Größe")),
            ("resources", _("nach eingebrachten Ressourcen")),
        ],
    )

    def __init__(self, *args: Any, engagements: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["engagement"].choices = engagements  # type: ignore[attr-defined]


class TrainingForm(forms.ModelForm[Training]):
    starts_at = forms.DateTimeField(
        label=_("Beginn"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    class Meta:
        model = Training
        fields = ["title", "starts_at", "place", "online", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seat_fields = []
        for organisation in organisations:
            name = f"seats_{organisation.pk}"
            self.fields[name] = forms.IntegerField(
                label=organisation.name, min_value=0, max_value=500, initial=0, required=False
            )
            self.seat_fields.append(name)

    def seat_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.seat_fields]

    def seats(self) -> dict[int, int]:
        return {
            int(name.removeprefix("seats_")): self.cleaned_data.get(name) or 0
            for name in self.seat_fields
        }
