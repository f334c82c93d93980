import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.base.text_limits import limit_form_fields
from apps.profiles.models import (
    EDITABLE_FIELDS,
    TEXT_LIMITS,
    Format,
    Intent,
    Profile,
    Visibility,
)


class LinesField(forms.CharField):
    """A list entered one item per line (commas work too for short items)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, max_items: int = 20, **kwargs: object) -> None:
        self.max_items = max_items
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Eine Angabe pro Zeile."))
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def prepare_value(self, value: object) -> object:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        items: list[str] = []
        for line in text.splitlines():
            parts = line.split(",") if len(line) < 80 else [line]
            for part in parts:
                item = " ".join(part.split())
                if item and item.casefold() not in {i.casefold() for i in items}:
                    items.append(item)
        if len(items) > self.max_items:
            raise forms.ValidationError(
                _("Bitte höchstens %(max)d Einträge."), params={"max": self.max_items}
            )
        if any(len(item) > 120 for item in items):
            raise forms.ValidationError(_("Ein Eintrag ist länger als 120 Zeichen."))
        return items


TERM_FIELDS = ("competences", "offers", "target_groups", "industries")


class ProfileForm(forms.ModelForm):
    competences = LinesField(label=_("Kompetenzen"), max_items=15)
    offers = LinesField(label=_("Angebote"), max_items=15)
    target_groups = LinesField(label=_("Zielgruppen"), max_items=10)
    industries = LinesField(label=_("Branchen"), max_items=10)
    formats = forms.MultipleChoiceField(
        label=_("Formate"),
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    intents = forms.MultipleChoiceField(
        label=_("Was suchen Sie?"),
        choices=Intent.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.CharField(
        label=_("Sprachen"),
        required=False,
        help_text=_("Sprachkürzel, z. B. „de, en, fr“."),
    )
    visibility = forms.ChoiceField(
        label=_("Sichtbarkeit"), choices=Visibility.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Profile
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "about": forms.Textarea(attrs={"rows": 4}),
            "seeking": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "headline": _("Ein Satz: wer Sie sind und was Sie tun."),
            "seeking": _(
                "In Ihren Worten, z. B. „Ich suche jemanden, "
                "der meine Inhalte als Podcast umsetzt.“"
            ),
            "hours_per_month": _("Wie viele Stunden im Monat Sie realistisch einbringen können."),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        limit_form_fields(self, TEXT_LIMITS)
        if self.instance and isinstance(self.instance.languages, list):
            self.initial["languages"] = ", ".join(self.instance.languages)
        self.fields["hours_per_month"].widget.attrs.update({"min": 0, "max": 160})
        for name in TERM_FIELDS:
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": reverse("profiles:terms") + f"?field={name}",
                    "hx-trigger": "keyup changed delay:300ms",
                    "hx-target": f"#terms-{name}",
                    "aria-controls": f"terms-{name}",
                }
            )

    def clean_languages(self) -> list[str]:
        codes = [
            c.strip().lower()
            for c in re.split(r"[,\s]+", self.cleaned_data["languages"])
            if c.strip()
        ]
        wrong = [c for c in codes if not re.fullmatch(r"[a-z]{2}", c)]
        if wrong:
            raise forms.ValidationError(
                _("Bitte zweistellige Sprachkürzel verwenden (z. B. de, en): %(wrong)s"),
                params={"wrong": ", ".join(wrong)},
            )
        return list(dict.fromkeys(codes))

    def clean_postal_code(self) -> str:
        code = (
            self.cleaned_data["postal_code"].strip().upper().removeprefix("D-").removeprefix("A-")
        )
        code = code.removeprefix("CH-")
        if code and not re.fullmatch(r"\d{4,5}", code):
            raise forms.ValidationError(_("Bitte eine Postleitzahl mit 4 oder 5 Ziffern angeben."))
        return code

    def clean_hours_per_month(self) -> int:
        hours = self.cleaned_data["hours_per_month"]
        if hours is not None and hours > 160:
            raise forms.ValidationError(_("Mehr als 160 Stunden im Monat sind nicht realistisch."))
        return hours
