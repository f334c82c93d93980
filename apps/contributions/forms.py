from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.contributions.models import (
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_HOURS,
    Contribution,
    ContributionKind,
)
from apps.contributions.services import Entry

# Which kinds a field belongs to: the page shows only those (without JavaScript: all,
# with a hint in the help text); the service keeps only the measure of the kind.
FIELD_KINDS = {
    "hours": "hours",
    "amount": "money resource",
    "count": "referral",
}


def _plain(hours: Decimal | None) -> Decimal | None:
    """``2.50`` → ``2.5`` and ``3.00`` → ``3`` for the form (money keeps its cents)."""
    if hours is None:
        return None
    return hours.quantize(Decimal(1)) if hours == hours.to_integral_value() else hours.normalize()


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art des Beitrags"),
        choices=ContributionKind.choices,
        initial=ContributionKind.HOURS,
        widget=forms.RadioSelect,
    )
    done_on = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours = forms.DecimalField(
        label=_("Dauer in Stunden"),
        required=False,
        min_value=0,
        max_value=MAX_HOURS,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_("Nur bei Stunden. Zum Beispiel 1,5 für anderthalb Stunden."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    amount = forms.DecimalField(
        label=_("Betrag in Euro"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=10,
        decimal_places=2,
        localize=True,
        help_text=_("Bei Geld der Betrag, bei einer Ressource ihr Wert (freiwillig)."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    count = forms.IntegerField(
        label=_("Anzahl der Empfehlungen"),
        required=False,
        min_value=1,
        max_value=MAX_COUNT,
        help_text=_("Nur bei Empfehlungen."),
    )
    description = forms.CharField(
        label=_("Wofür / was"),
        required=False,
        max_length=200,
        help_text=_(
            "Kurz und konkret, z. B. „Konzept Modul 2“ oder bei einer Ressource "
            "„Seminarraum für zwei Tage“."
        ),
    )
    note = forms.CharField(
        label=_("Notiz"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate
        self.fields["done_on"].widget.attrs["max"] = date.isoformat(timezone.localdate())
        for name, kinds in FIELD_KINDS.items():
            self.fields[name].widget.attrs["data-kinds"] = kinds

    def entry(self) -> Entry:
        data = self.cleaned_data
        return Entry(
            kind=data["kind"],
            done_on=data["done_on"],
            hours=data["hours"],
            amount=data["amount"],
            count=data["count"],
            description=data["description"],
            note=data["note"],
        )

    @classmethod
    def initial_from(cls, contribution: Contribution) -> dict[str, Any]:
        return {
            "kind": contribution.kind,
            "done_on": contribution.done_on,
            "hours": _plain(contribution.hours),
            "amount": contribution.amount,
            "count": contribution.count,
            "description": contribution.description,
            "note": contribution.note,
        }


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        label=_("Grund"),
        max_length=500,
        help_text=_("Alle Mitglieder sehen den Grund in der Geschichte des Eintrags."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CorrectionForm(EntryForm, ReasonMixin):
    field_order = ["reason"]


class RemoveForm(ReasonMixin):
    pass


class LedgerFilterForm(forms.Form):
    """Filters of the ledger; invalid choices are ignored rather than shown as errors."""

    mitglied = forms.TypedChoiceField(
        label=_("Mitglied"), required=False, coerce=int, empty_value=None
    )
    art = forms.ChoiceField(
        label=_("Art"),
        required=False,
        choices=[("", _("alle Arten")), *ContributionKind.choices],
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mitglied"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("alle Mitglieder")), *members]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {"member_id": self.cleaned_data["mitglied"], "kind": self.cleaned_data["art"]}
