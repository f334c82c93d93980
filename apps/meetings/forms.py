from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.meetings.models import (
    MAX_DURATION,
    Action,
    Availability,
    DatePoll,
    Decision,
    Meeting,
    PollSlot,
)
from apps.meetings.selectors import ACTION_FILTERS

LOCAL_DATETIME = "%Y-%m-%dT%H:%M"
DURATIONS = [
    (15, _("15 Minuten")),
    (30, _("30 Minuten")),
    (45, _("45 Minuten")),
    (60, _("1 Stunde")),
    (90, _("1½ Stunden")),
    (120, _("2 Stunden")),
    (180, _("3 Stunden")),
    (240, _("4 Stunden")),
    (360, _("6 Stunden")),
    (480, _("8 Stunden (ganzer Tag)")),
    (MAX_DURATION, _("12 Stunden")),
]
POLL_SLOTS = 6


def _place_or_link(form: forms.BaseForm, data: dict[str, Any] | None) -> dict[str, Any]:
    data = data or {}
    place = (data.get("place") or "").strip()
    if not place and not data.get("video_url") and not form.has_error("video_url"):
        form.add_error("place", _("Bitte geben Sie einen Ort oder einen Videolink an."))
    return data


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as the browser's ``datetime-local`` field sends it, read in
    Europe/Berlin (Django makes it aware in the current time zone)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME)

    # Meetings and poll slots lie in a sensible range; year 1 or 9999 used to give a
    # 500 (time zone arithmetic overflows at the ends of the calendar).
    FIRST_YEAR = 2000
    LAST_YEAR = 2100

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", [LOCAL_DATETIME, "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        out_of_range = forms.ValidationError(
            _("Bitte wählen Sie einen Zeitpunkt zwischen %(first)s und %(last)s.")
            % {"first": self.FIRST_YEAR, "last": self.LAST_YEAR},
            code="out_of_range",
        )
        try:
            result = super().to_python(value)
        except (OverflowError, ValueError) as error:
            raise out_of_range from error
        if result is not None and not self.FIRST_YEAR <= result.year <= self.LAST_YEAR:
            raise out_of_range
        return result


class DurationField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Dauer"))
        super().__init__(choices=DURATIONS, coerce=int, initial=60, **kwargs)


def video_url_field() -> forms.URLField:
    return forms.URLField(
        label=_("Videolink"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Zum Beispiel der Link zu Ihrem Videoraum (https://…)."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )


class MeetingForm(forms.ModelForm[Meeting]):
    starts_at = LocalDateTimeField(
        label=_("Beginn"), help_text=_("Zeit in Deutschland (MEZ/MESZ).")
    )
    duration_minutes = DurationField()
    video_url = video_url_field()

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "duration_minutes", "place", "video_url"]
        help_texts = {
            "place": _("Adresse oder Raum – oder leer lassen, wenn Sie sich nur online treffen."),
        }

    def clean(self) -> dict[str, Any]:
        return _place_or_link(self, super().clean())

    def _post_clean(self) -> None:
        # The service validates the whole meeting; the form only checks the fields.
        pass


class ProtocolForm(forms.Form):
    protocol = forms.CharField(
        label=_("Protokoll"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Markdown: **fett**, *kursiv*, Listen mit „-“, Überschriften mit „#“. "
            "Bilder und Skripte werden nicht angezeigt."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AgendaItemForm(forms.Form):
    # Three forms share the meeting page: prefixes keep their field ids apart.
    prefix = "punkt"
    title = forms.CharField(label=_("Neuer Tagesordnungspunkt"), max_length=200)
    note = forms.CharField(
        label=_("Erläuterung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.ModelForm[Decision]):
    prefix = "beschluss"

    class Meta:
        model = Decision
        fields = ["title", "text", "supersedes"]
        labels = {"title": _("Beschluss (kurz)"), "supersedes": _("Ersetzt den Beschluss")}
        help_texts = {
            "supersedes": _(
                "Nur wenn dieser Beschluss einen früheren ablöst. Der frühere bleibt sichtbar "
                "und wird als ersetzt markiert."
            ),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, supersedable: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supersedes"]
        field.queryset = supersedable  # type: ignore[attr-defined]
        field.empty_label = _("– keinen –")  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        pass


class OwnerChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class ActionForm(forms.ModelForm[Action]):
    prefix = "aufgabe"
    owner = OwnerChoiceField(queryset=User.objects.none(), label=_("Zuständig"))

    class Meta:
        model = Action
        fields = ["title", "owner", "due_on", "note"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        field.queryset = User.objects.filter(pk__in=[m.pk for m in members]).order_by(  # type: ignore[attr-defined]
            "name", "email"
        )
        self.fields["due_on"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        pass


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("open", _("offen")),
            ("overdue", _("überfällig")),
            ("done", _("erledigt")),
            ("cancelled", _("abgebrochen")),
            ("all", _("alle")),
        ],
    )
    kooperation = forms.TypedChoiceField(label=_("Kooperation"), required=False, coerce=int)

    def __init__(self, *args: Any, cooperations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kooperation"]
        field.choices = [("", _("alle")), *((c.pk, c.title) for c in cooperations or [])]  # type: ignore[attr-defined]

    def status_value(self) -> str:
        value = self.cleaned_data.get("status") if self.is_valid() else ""
        return value if value in ACTION_FILTERS else "open"

    def cooperation_value(self) -> int | None:
        return (self.cleaned_data.get("kooperation") or None) if self.is_valid() else None


class DatePollForm(forms.ModelForm[DatePoll]):
    duration_minutes = DurationField()
    video_url = video_url_field()

    class Meta:
        model = DatePoll
        fields = ["title", "duration_minutes", "place", "video_url"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, POLL_SLOTS + 1):
            self.fields[f"slot_{number}"] = LocalDateTimeField(
                label=_("Vorschlag %(number)d") % {"number": number}, required=number == 1
            )

    def slot_fields(self) -> list[forms.BoundField]:
        return [self[f"slot_{n}"] for n in range(1, POLL_SLOTS + 1)]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def slots(self) -> list[Any]:
        values = (self.cleaned_data.get(f"slot_{n}") for n in range(1, POLL_SLOTS + 1))
        return [value for value in values if value]

    def clean(self) -> dict[str, Any]:
        return _place_or_link(self, super().clean())

    def _post_clean(self) -> None:
        pass


class PollAnswerForm(forms.Form):
    """One yes / maybe / no question per slot."""

    def __init__(self, *args: Any, slots: list[PollSlot], mine: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.slots = slots
        for slot in slots:
            self.fields[f"slot_{slot.pk}"] = forms.ChoiceField(
                label=str(slot.pk),  # the template shows the formatted time
                choices=Availability.choices,
                widget=forms.RadioSelect,
                initial=mine.get(slot.pk),
            )

    def answers(self) -> dict[int, str]:
        return {slot.pk: self.cleaned_data[f"slot_{slot.pk}"] for slot in self.slots}

    def rows(self) -> list[tuple[PollSlot, forms.BoundField]]:
        return [(slot, self[f"slot_{slot.pk}"]) for slot in self.slots]
