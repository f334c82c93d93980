from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.invoices.models import BusinessSettings, Unit
from apps.invoices.services import Draft, Line

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}
RATES = [("19", _("19 %")), ("7", _("7 %")), ("0", _("0 %"))]


class BusinessSettingsForm(forms.ModelForm[BusinessSettings]):
    class Meta:
        model = BusinessSettings
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "country",
            "tax_number",
            "vat_id",
            "iban",
            "bic",
            "small_business",
        ]
        help_texts = {
            "vat_id": _("Für Rechnungen ins Ausland nötig, z. B. DE123456789."),
            "tax_number": _("Steuernummer oder USt-IdNr.: eine von beiden ist Pflicht."),
            "iban": _("Auf dieses Konto zahlen Ihre Partner."),
        }


class InvoiceForm(forms.Form):
    recipient = forms.TypedChoiceField(label=_("Empfänger"), coerce=int)
    reference = forms.CharField(
        label=_("Bezug"),
        max_length=200,
        help_text=_("Wofür die Rechnung ist, z. B. „Teamtag Stadtwerke, 12. März“."),
    )
    period_start = forms.DateField(label=_("Leistungszeitraum von"), widget=DATE)
    period_end = forms.DateField(label=_("Leistungszeitraum bis"), widget=DATE)
    payment_days = forms.IntegerField(
        label=_("Zahlungsziel in Tagen"), min_value=0, max_value=90, initial=14
    )
    self_billed = forms.BooleanField(
        label=_("Gutschrift: Ich rechne als Leistungsempfänger ab"),
        required=False,
        help_text=_(
            "Nur wenn Sie mit dem Empfänger das Gutschriftsverfahren vereinbart haben; "
            "er ist dann der Leistende."
        ),
    )
    agreement_reference = forms.CharField(
        label=_("Vereinbarung zum Gutschriftsverfahren"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel „Kooperationsvereinbarung vom 1. März, Abschnitt 5“."),
    )

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {member.pk: member for member in members}
        self.fields["recipient"].choices = [("", _("– bitte wählen –"))] + [  # type: ignore[attr-defined]
            (member.pk, str(member)) for member in members
        ]
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("period_start", today.replace(day=1))
            self.initial.setdefault("period_end", today)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("self_billed") and not (data.get("agreement_reference") or "").strip():
            self.add_error(
                "agreement_reference",
                _("Eine Gutschrift setzt eine Vereinbarung voraus; bitte nennen Sie sie."),
            )
        return data

    def draft(self, lines: list[Line]) -> Draft:
        data = self.cleaned_data
        return Draft(
            recipient=self.members[data["recipient"]],
            reference=data["reference"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            lines=lines,
            payment_days=data["payment_days"],
            self_billed=data["self_billed"],
            agreement_reference=data["agreement_reference"],
        )


class LineForm(forms.Form):
    description = forms.CharField(label=_("Leistung"), max_length=200)
    quantity = forms.DecimalField(
        label=_("Menge"),
        min_value=Decimal("0.001"),
        max_value=Decimal("99999"),
        max_digits=9,
        decimal_places=3,
        localize=True,
        widget=forms.TextInput(attrs=DECIMAL),
    )
    unit = forms.ChoiceField(label=_("Einheit"), choices=Unit.choices, initial=Unit.HOUR)
    unit_price = forms.DecimalField(
        label=_("Einzelpreis netto in Euro"),
        min_value=Decimal("0"),
        max_value=Decimal("999999"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=DECIMAL),
    )
    rate = forms.ChoiceField(
        label=_("Umsatzsteuer"),
        choices=RATES,
        initial="19",
    )

    def line(self) -> Line:
        data = self.cleaned_data
        return Line(
            description=data["description"],
            quantity=data["quantity"],
            unit=data["unit"],
            unit_price=data["unit_price"],
            rate=Decimal(data["rate"]),
        )


LineFormSet = forms.formset_factory(
    LineForm, extra=3, min_num=1, validate_min=True, max_num=30, validate_max=True
)


def lines_of(formset: forms.BaseFormSet) -> list[Line]:
    """The filled lines (empty extra rows are skipped)."""
    return [form.line() for form in formset.forms if form.has_changed() and form.cleaned_data]


class PeriodForm(forms.Form):
    """The period and format of an export for the tax advisor."""

    since = forms.DateField(label=_("von"), widget=DATE)
    until = forms.DateField(label=_("bis"), widget=DATE)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", _("CSV")), ("datev", _("DATEV-Buchungsstapel"))],
        initial="csv",
    )
    german = forms.BooleanField(
        label=_("Deutsches Zahlenformat (Komma und Semikolon)"), required=False, initial=True
    )
    adviser = forms.IntegerField(
        label=_("DATEV-Beraternummer"), min_value=1001, max_value=9999999, initial=1001
    )
    client = forms.IntegerField(
        label=_("DATEV-Mandantennummer"), min_value=1, max_value=99999, initial=1
    )

    @staticmethod
    def defaults() -> dict[str, object]:
        today = timezone.localdate()
        first = today.replace(day=1)
        last_month_end = first - timedelta(days=1)
        return {
            "since": last_month_end.replace(day=1),
            "until": last_month_end,
            "format": "csv",
            "german": True,
            "adviser": 1001,
            "client": 1,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if isinstance(since, date) and isinstance(until, date):
            if until < since:
                self.add_error("until", _("Das Ende liegt vor dem Beginn."))
            elif since.year != until.year:
                self.add_error("until", _("Ein Export umfasst höchstens ein Kalenderjahr."))
        return data
