from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.referrals.models import ReferralStatus
from apps.referrals.selectors import referral_partners_for
from apps.referrals.services import ClientConsent

CONTACT_FIELDS = ("client_name", "client_email", "client_phone")


class EuroField(forms.DecimalField):
    """An amount as people type it: "1.500,50 €" in German, "1,500.50" in English.

    Django's own localized parsing keeps thousands separators only when
    USE_THOUSAND_SEPARATOR is on; amounts need them either way.
    """

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            text = value.replace("€", "").replace("\xa0", "").replace(" ", "").strip()
            group, decimal = (".", ",") if get_language() == "de" else (",", ".")
            value = text.replace(group, "").replace(decimal, ".")
        return super().to_python(value)


def _money_field(label: Any, *, required: bool, help_text: Any = "") -> forms.DecimalField:
    return EuroField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ReferralForm(forms.Form):
    receiver = PartnerChoiceField(
        label=_("Empfehlen an"),
        queryset=User.objects.none(),
        empty_label=_("– Person aus Ihrem Netzwerk wählen –"),
    )
    client_label = forms.CharField(
        label=_("Wer ist die Kundin oder der Kunde? (anonym)"),
        max_length=200,
        help_text=_("Ohne Namen, z. B. „Familienunternehmen im Maschinenbau, 120 Beschäftigte“."),
    )
    need = forms.CharField(
        label=_("Was braucht die Kundin oder der Kunde?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Anlass, Umfang, Zeitraum – ohne Namen, E-Mail-Adressen oder Telefonnummern."),
    )
    expected_value = _money_field(
        _("Erwarteter Auftragswert in Euro"),
        required=False,
        help_text=_("Eine grobe Schätzung genügt."),
    )
    client_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    client_email = forms.EmailField(label=_("E-Mail-Adresse"), required=False)
    client_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    consent = forms.BooleanField(
        label=_("Die Kundin oder der Kunde hat der Weitergabe mit dem Text oben zugestimmt."),
        required=False,
    )
    consent_given_by = forms.CharField(
        label=_("Wer hat eingewilligt?"),
        max_length=200,
        required=False,
        help_text=_("Name der Person, die eingewilligt hat."),
    )
    consented_on = forms.DateField(
        label=_("Wann?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, giver: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = referral_partners_for(giver)  # type: ignore[attr-defined]
        self.fields["consented_on"].initial = timezone.localdate

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in CONTACT_FIELDS):
            return data
        if not data.get("consent"):
            self.add_error(
                "consent",
                _(
                    "Kontaktdaten dürfen Sie nur mit Einwilligung der Kundin oder des Kunden "
                    "weitergeben. Bitte bestätigen Sie die Einwilligung – oder lassen Sie die "
                    "Kontaktdaten leer."
                ),
            )
        if not (data.get("consent_given_by") or "").strip():
            self.add_error("consent_given_by", _("Bitte nennen Sie, wer eingewilligt hat."))
        if not data.get("consented_on"):
            self.add_error("consented_on", _("Bitte geben Sie an, wann eingewilligt wurde."))
        return data

    def client_consent(self, text: str) -> ClientConsent | None:
        """The recorded consent, or None when the form carries no contact data."""
        data = self.cleaned_data
        if not data.get("consent"):
            return None
        given_on: date = data.get("consented_on") or timezone.localdate()
        return ClientConsent(
            given_by=data.get("consent_given_by", ""), given_on=given_on, text=text
        )

    def service_arguments(self, consent_text: str) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "receiver": data["receiver"],
            "client_label": data["client_label"],
            "need": data["need"],
            "expected_value": data.get("expected_value"),
            **{name: data.get(name) or "" for name in CONTACT_FIELDS},
            "consent": self.client_consent(consent_text),
        }


class WonForm(forms.Form):
    value = _money_field(_("Auftragswert in Euro"), required=True)
    share_value = forms.BooleanField(required=False)

    def __init__(self, *args: Any, giver: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["share_value"]
        field.label = _("Auftragswert mit %(name)s teilen") % {"name": giver}
        field.help_text = _(
            "Ohne Häkchen sieht %(name)s nur, dass der Auftrag zustande kam; der Betrag "
            "bleibt bei Ihnen. Geteilte Werte zählen in der Bilanz als abgeschlossenes Geschäft."
        ) % {"name": giver}


class ThankForm(forms.Form):
    note = forms.CharField(
        label=_("Ein Dankeschön"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("alle")), *ReferralStatus.choices],
    )

    def status_value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class FindForm(forms.Form):
    q = forms.CharField(
        label=_("Was braucht Ihre Kundin oder Ihr Kunde?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel: „Moderation eines Strategietags für die Geschäftsführung“."),
    )

    def text(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""
