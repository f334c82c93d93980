"""Forms of the resource pages: amounts as Decimals (German comma accepted), times in
local time; the services check every rule again."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.finances.forms import MoneyField
from apps.organisations.models import Organisation
from apps.resources.models import CostUnit, ResourceKind
from apps.resources.services import MAX_OCCURRENCES, ResourceData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

Owner = User | Cooperation | Organisation


class ResourceForm(forms.Form):
    name = forms.CharField(label=_("Bezeichnung"), max_length=160)
    kind = forms.ChoiceField(label=_("Art"), choices=ResourceKind.choices)
    owner = forms.ChoiceField(label=_("Gehört"))
    city = forms.CharField(
        label=_("Ort"),
        max_length=120,
        required=False,
        help_text=_("Damit andere Räume in ihrer Nähe finden."),
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seats = forms.IntegerField(
        label=_("Plätze gleichzeitig"),
        min_value=1,
        max_value=500,
        initial=1,
        help_text=_("Bei Lizenzen: wie viele Personen sie gleichzeitig nutzen können."),
    )
    cost_amount = MoneyField(
        label=_("Kosten (EUR)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        localize=True,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    cost_unit = forms.ChoiceField(label=_("je"), choices=CostUnit.choices)
    needs_approval = forms.BooleanField(label=_("Buchungen brauchen eine Freigabe"), required=False)
    max_hours = forms.IntegerField(
        label=_("Längste Buchung in Stunden"), min_value=1, max_value=24 * 366, required=False
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Weitere Personen, die buchen dürfen"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aus Ihrem Netzwerk und Ihren Kooperationen."),
    )

    def __init__(self, *args: Any, owners: dict[str, Owner], people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = owners
        self.fields["owner"].choices = [(key, str(owner)) for key, owner in owners.items()]  # type: ignore[attr-defined]
        self.fields["people"].queryset = people  # type: ignore[attr-defined]

    def data_object(self) -> ResourceData:
        data = self.cleaned_data
        return ResourceData(
            name=data["name"],
            kind=data["kind"],
            owner=self.owners[data["owner"]],
            city=data["city"],
            description=data["description"],
            seats=data["seats"],
            cost_amount=data["cost_amount"],
            cost_unit=data["cost_unit"],
            needs_approval=data["needs_approval"],
            max_hours=data["max_hours"],
            people=list(data["people"]),
        )


class BookingForm(forms.Form):
    day = forms.DateField(label=_("Tag"), widget=DATE)
    starts = forms.TimeField(label=_("von"), widget=TIME)
    ends = forms.TimeField(label=_("bis"), widget=TIME)
    end_day = forms.DateField(
        label=_("Letzter Tag"),
        widget=DATE,
        required=False,
        help_text=_("Nur bei mehrtägigen Buchungen."),
    )
    purpose = forms.CharField(label=_("Zweck"), max_length=200)
    cooperation = forms.TypedChoiceField(
        label=_("Für die Kooperation"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Die Kosten werden dann gemeinsame Kosten der Kooperation."),
    )
    weeks = forms.IntegerField(
        label=_("Wöchentlich, Anzahl der Termine"),
        min_value=1,
        max_value=MAX_OCCURRENCES,
        initial=1,
    )

    def __init__(self, *args: Any, cooperations: list[Cooperation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cooperations = {c.pk: c for c in cooperations}
        choices = [("", _("– privat, keine Kooperation –"))]
        self.fields["cooperation"].choices = choices + [(c.pk, c.title) for c in cooperations]  # type: ignore[attr-defined]

    def slot(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        end_day: date = data.get("end_day") or data["day"]
        start = timezone.make_aware(datetime.combine(data["day"], data["starts"]))
        end = timezone.make_aware(datetime.combine(end_day, data["ends"]))
        return start, end

    def chosen_cooperation(self) -> Cooperation | None:
        pk = self.cleaned_data.get("cooperation")
        return self.cooperations.get(pk) if pk else None


WEEKDAYS = [
    _("Montag"),
    _("Dienstag"),
    _("Mittwoch"),
    _("Donnerstag"),
    _("Freitag"),
    _("Samstag"),
    _("Sonntag"),
]


class HoursForm(forms.Form):
    """Seven optional windows; none at all means always available."""

    def __init__(self, *args: Any, current: dict[int, tuple[time, time]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day, label in enumerate(WEEKDAYS):
            opens, closes = current.get(day, (None, None))
            self.fields[f"opens_{day}"] = forms.TimeField(
                label=_("%(day)s von") % {"day": label}, required=False, widget=TIME, initial=opens
            )
            self.fields[f"closes_{day}"] = forms.TimeField(
                label=_("%(day)s bis") % {"day": label}, required=False, widget=TIME, initial=closes
            )

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [
            (label, self[f"opens_{d}"], self[f"closes_{d}"]) for d, label in enumerate(WEEKDAYS)
        ]

    def hours(self) -> dict[int, tuple[time, time] | None]:
        result: dict[int, tuple[time, time] | None] = {}
        for day in range(7):
            opens, closes = (
                self.cleaned_data.get(f"opens_{day}"),
                self.cleaned_data.get(f"closes_{day}"),
            )
            result[day] = (opens, closes) if opens and closes else None
        return result


class BlockForm(forms.Form):
    starts_day = forms.DateField(label=_("Von Tag"), widget=DATE)
    starts = forms.TimeField(label=_("Uhrzeit"), widget=TIME, initial=time(0))
    ends_day = forms.DateField(label=_("Bis Tag"), widget=DATE)
    ends = forms.TimeField(label=_("Uhrzeit"), widget=TIME, initial=time(23, 59))
    reason = forms.CharField(label=_("Grund"), max_length=200, required=False)

    def range(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        start = timezone.make_aware(datetime.combine(data["starts_day"], data["starts"]))
        end = timezone.make_aware(datetime.combine(data["ends_day"], data["ends"]))
        return start, end + timedelta(0)
