"""Forms of the finance pages. Every amount is a ``DecimalField`` (German comma
accepted), never a float; the services check the rules again."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.finances.models import EngagementStatus, KeyKind, LineKind
from apps.finances.models.engagements import MAX_AMOUNT
from apps.finances.services import EngagementData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}

Members = list[tuple[int, str]]


class MoneyField(forms.DecimalField):
    """Euros as people type them: ``1.234,50`` as well as ``1234,50``."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str) and "," in value:
            value = value.replace(".", "").replace("\xa0", "").replace(" ", "")
        return super().to_python(value)


def _money(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    return MoneyField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs=DECIMAL),
    )


class EngagementForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    client = forms.CharField(label=_("Kunde"), max_length=200)
    lead = forms.TypedChoiceField(
        label=_("Federführung"),
        coerce=int,
        help_text=_("Das Mitglied, das dem Kunden die Rechnung stellt."),
    )
    starts_on = forms.DateField(label=_("Beginn"), widget=DATE)
    ends_on = forms.DateField(label=_("Ende"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=EngagementStatus.choices)
    is_pilot = forms.BooleanField(
        label=_("Experiment mit Risikobudget"),
        required=False,
        help_text=_(
            "Gewinn und Verlust teilen Sie nach einem eigenen, gemeinsam vereinbarten Schlüssel."
        ),
    )
    note = forms.CharField(
        label=_("Notiz"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, members: Members, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = members  # type: ignore[attr-defined]

    def data_object(self) -> EngagementData:
        data = self.cleaned_data
        return EngagementData(
            title=data["title"],
            client=data["client"],
            lead_id=data["lead"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            status=data["status"],
            is_pilot=data["is_pilot"],
            note=data["note"],
        )


class LineForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art"), choices=LineKind.choices, widget=forms.RadioSelect, initial=LineKind.REVENUE
    )
    member = forms.TypedChoiceField(label=_("Wer hat kassiert bzw. bezahlt?"), coerce=int)
    amount = _money(_("Betrag in Euro"))
    booked_on = forms.DateField(label=_("Datum"), widget=DATE)
    description = forms.CharField(label=_("Wofür"), max_length=200)

    def __init__(self, *args: Any, members: Members, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members  # type: ignore[attr-defined]


class KeyForm(forms.Form):
    """A key for one engagement: kind, and per current member a share and a fixed amount."""

    kind = forms.ChoiceField(label=_("Art des Schlüssels"), choices=KeyKind.choices)
    risk_budget = _money(
        _("Risikobudget in Euro"),
        required=False,
        help_text=_("Nur beim Verlustschlüssel eines Experiments."),
    )

    def __init__(self, *args: Any, members: Members, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for user_id, name in members:
            self.fields[f"share_{user_id}"] = forms.DecimalField(
                label=_("Anteil von %(name)s (Prozent oder Gewicht)") % {"name": name},
                required=False,
                min_value=Decimal(0),
                max_digits=9,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs=DECIMAL),
            )
            self.fields[f"fixed_{user_id}"] = _money(
                _("Festbetrag für %(name)s in Euro") % {"name": name}, required=False
            )

    def member_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (name, self[f"share_{user_id}"], self[f"fixed_{user_id}"])
            for user_id, name in self.members
        ]

    def shares(self) -> dict[int, tuple[Decimal, Decimal]]:
        data = self.cleaned_data
        return {
            user_id: (
                data.get(f"share_{user_id}") or Decimal(0),
                data.get(f"fixed_{user_id}") or Decimal(0),
            )
            for user_id, _name in self.members
        }


class SharedCostForm(forms.Form):
    title = forms.CharField(label=_("Bezeichnung"), max_length=200)
    monthly_amount = _money(_("Betrag pro Monat in Euro"))
    payer = forms.TypedChoiceField(label=_("Bezahlt von"), coerce=int)
    starts_on = forms.DateField(label=_("Erster Monat"), widget=DATE)
    ends_on = forms.DateField(label=_("Letzter Monat"), required=False, widget=DATE)
    kind = forms.ChoiceField(
        label=_("Art des Schlüssels"),
        choices=[
            (KeyKind.PERCENT, KeyKind.PERCENT.label),
            (KeyKind.WEIGHTS, KeyKind.WEIGHTS.label),
        ],
    )

    def __init__(self, *args: Any, members: Members, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        self.fields["payer"].choices = members  # type: ignore[attr-defined]
        for user_id, name in members:
            self.fields[f"share_{user_id}"] = forms.DecimalField(
                label=_("Anteil von %(name)s") % {"name": name},
                required=False,
                min_value=Decimal(0),
                max_digits=9,
                decimal_places=2,
                localize=True,
                help_text=_("Leer lassen: Kostenschlüssel der Vereinbarung."),
                widget=forms.TextInput(attrs=DECIMAL),
            )

    def shares(self) -> dict[int, Decimal]:
        return {
            user_id: self.cleaned_data.get(f"share_{user_id}") or Decimal(0)
            for user_id, _name in self.members
        }
