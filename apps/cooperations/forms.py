from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.base.text_limits import limit_form_fields
from apps.cooperations.models import (
    AgreementVersion,
    Commitment,
    Cooperation,
    ExitKind,
    ExitProcess,
    FitCheckAnswer,
    Retrospective,
)
from apps.cooperations.models.fit_check import ANSWER_TEXT_LIMITS
from apps.cooperations.services import AGREEMENT_TEXT_FIELDS, FIT_CHECK_FIELDS

RATING_CHOICES = [(i, str(i)) for i in range(1, 6)]


class CooperationForm(forms.ModelForm[Cooperation]):
    class Meta:
        model = Cooperation
        fields = ["title", "purpose", "kind"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "purpose": _("Worum geht es, für wen, und was soll am Ende stehen?"),
        }


class InviteForm(forms.Form):
    invitee = forms.ModelChoiceField(
        label=_("Eine Person aus Ihrem Netzwerk"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("– bitte wählen –"),
    )
    email = forms.EmailField(
        label=_("oder per E-Mail einladen"),
        required=False,
        help_text=_(
            "Die Person erhält einen Link, der 14 Tage gilt und einmal verwendet werden kann."
        ),
    )
    message = forms.CharField(
        label=_("Persönliche Nachricht (freiwillig)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invitee"].queryset = candidates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("invitee")) == bool(data.get("email")):
            raise forms.ValidationError(
                _(
                    "Bitte wählen Sie eine Person aus Ihrem Netzwerk "
                    "oder geben Sie eine E-Mail-Adresse an."
                )
            )
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund"), min_length=10, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ArchiveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Ich verstehe: Die Kooperation wird beendet und archiviert. Niemand kann danach "
            "etwas ändern; alle Mitglieder können sie weiter lesen."
        ),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Kooperation löschen wollen.")
        },
    )


class FitCheckForm(forms.ModelForm[FitCheckAnswer]):
    class Meta:
        model = FitCheckAnswer
        fields = list(FIT_CHECK_FIELDS)
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "result_in_12_months": forms.Textarea(attrs={"rows": 2}),
            "values": forms.Textarea(attrs={"rows": 2}),
            "risk_appetite": forms.RadioSelect(choices=RATING_CHOICES),
            "personality": forms.RadioSelect(choices=RATING_CHOICES),
            "behaviour": forms.RadioSelect(choices=RATING_CHOICES),
            "culture": forms.RadioSelect(choices=RATING_CHOICES),
            "organisation": forms.RadioSelect(choices=RATING_CHOICES),
        }
        help_texts = {
            "personality": _("Ich, innen: Haltung, Motivation, Lust auf das Gemeinsame."),
            "behaviour": _("Ich, außen: Verlässlichkeit, Beitrag, wie ich mich einbringe."),
            "culture": _("Wir, innen: Vertrauen, Offenheit, gemeinsame Werte."),
            "organisation": _("Wir, außen: Rollen, Abläufe, Absprachen, Werkzeuge."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_form_fields(self, ANSWER_TEXT_LIMITS)


class AgreementForm(forms.ModelForm[AgreementVersion]):
    """The draft's text fields, its revision, and one block of fields per member."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AgreementVersion
        fields = list(AGREEMENT_TEXT_FIELDS)
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "decision_rules": forms.Textarea(attrs={"rows": 3}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "exit_clause": forms.Textarea(attrs={"rows": 3}),
            "free_text": forms.Textarea(attrs={"rows": 6}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "ends_on": _("Leer lassen für eine unbefristete Kooperation."),
            "free_text": _("Markdown: **fett**, *kursiv*, Listen mit -, Links."),
        }

    COMMITMENT_FIELDS = ("hours_per_month", "resources", "revenue_share", "cost_share")

    def __init__(self, *args: Any, commitments: list[Commitment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members: list[tuple[User, list[str]]] = []
        for commitment in commitments:
            names = []
            for field_name in self.COMMITMENT_FIELDS:
                model_field = Commitment._meta.get_field(field_name)
                name = f"c{commitment.user_id}_{field_name}"
                self.fields[name] = model_field.formfield()  # type: ignore[union-attr, assignment]
                self.fields[name].required = field_name != "resources"
                self.initial.setdefault(name, getattr(commitment, field_name))
                names.append(name)
            self.members.append((commitment.user, names))

    def member_rows(self) -> list[tuple[User, list[forms.BoundField]]]:
        return [(user, [self[name] for name in names]) for user, names in self.members]

    def commitments(self) -> dict[int, dict[str, Any]]:
        result: dict[int, dict[str, Any]] = {}
        for user, _names in self.members:
            values = {f: self.cleaned_data.get(f"c{user.pk}_{f}") for f in self.COMMITMENT_FIELDS}
            values["resources"] = values["resources"] or ""
            for f in ("hours_per_month", "revenue_share", "cost_share"):
                values[f] = values[f] if values[f] is not None else Decimal(0)
            result[user.pk] = values
        return result


class ExitProposeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Was möchten Sie?"), choices=ExitKind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Warum? Ein offenes Wort hilft allen."),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChecklistForm(forms.ModelForm[ExitProcess]):
    class Meta:
        model = ExitProcess
        fields = [
            "settlement",
            "settlement_note",
            "resources",
            "resources_note",
            "clients",
            "clients_note",
            "data_decision",
            "data_note",
        ]


class RetrospectiveForm(forms.ModelForm[Retrospective]):
    class Meta:
        model = Retrospective
        fields = [
            "personality",
            "behaviour",
            "culture",
            "organisation",
            "went_well",
            "learned",
            "reference",
        ]
        widgets = {
            "personality": forms.RadioSelect(choices=RATING_CHOICES),
            "behaviour": forms.RadioSelect(choices=RATING_CHOICES),
            "culture": forms.RadioSelect(choices=RATING_CHOICES),
            "organisation": forms.RadioSelect(choices=RATING_CHOICES),
            "went_well": forms.Textarea(attrs={"rows": 2}),
            "learned": forms.Textarea(attrs={"rows": 2}),
            "reference": forms.Textarea(attrs={"rows": 2}),
        }
