from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.cocreation.models import BoardPost, BoardReply, Circle, SessionFormat
from apps.cooperations.models import Cooperation
from apps.meetings.forms import DurationField, LocalDateTimeField


class CircleForm(forms.ModelForm):
    class Meta:
        model = Circle
        fields = ["name", "purpose", "norms", "size_limit", "rhythm_days"]
        help_texts = {
            "purpose": _("Wofür gibt es diesen Kreis? Wer passt hinein?"),
            "norms": _(
                "Was gilt unter Ihnen, z. B. Vertraulichkeit, Verbindlichkeit, "
                "Absagen bis zum Vortag. Wer beitritt, akzeptiert diese Regeln."
            ),
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "norms": forms.Textarea(attrs={"rows": 5}),
        }


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Warum möchten Sie mitmachen?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accept_norms = forms.BooleanField(
        label=_("Ich akzeptiere die Regeln dieses Kreises."), required=True
    )


class GatheringForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=120, initial=_("Kreistreffen"))
    starts_at = LocalDateTimeField(label=_("Beginn"))
    duration = DurationField()
    place = forms.CharField(label=_("Ort"), max_length=200, required=False)
    video_url = forms.URLField(label=_("Videolink"), required=False, assume_scheme="https")
    note = forms.CharField(
        label=_("Notiz"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_args(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["ends_at"] = data["starts_at"] + timedelta(minutes=data.pop("duration"))
        return data


class PostForm(forms.ModelForm):
    class Meta:
        model = BoardPost
        fields = ["title", "body"]
        labels = {"title": _("Betreff"), "body": _("Ihre Frage oder Ihr Gesuch")}
        help_texts = {"body": _("Markdown ist erlaubt.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class ReplyForm(forms.ModelForm):
    class Meta:
        model = BoardReply
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class SessionForm(forms.Form):
    question = forms.CharField(
        label=_("Frage"),
        max_length=300,
        help_text=_("Worauf suchen Sie gemeinsam Antworten?"),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=SessionFormat.choices,
        initial=SessionFormat.IDEAS,
        widget=forms.RadioSelect,
    )
    anonymous = forms.BooleanField(label=_("Ideen anonym sammeln"), required=False)
    dots_per_person = forms.IntegerField(
        label=_("Punkte je Person"), min_value=1, max_value=10, initial=3
    )
    case_giver = forms.ModelChoiceField(
        label=_("Fallgeber/in (nur Kollegiale Beratung)"),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["case_giver"]
        field.queryset = User.objects.filter(pk__in=[p.pk for p in people]).order_by("name")  # type: ignore[attr-defined]


class IdeaForm(forms.Form):
    text = forms.CharField(label=_("Ihre Idee"), max_length=500)


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Neue Gruppe"), max_length=80)


class ActionsForm(forms.Form):
    cooperation = forms.ModelChoiceField(
        label=_("Kooperation"), queryset=Cooperation.objects.none()
    )
    titles = forms.CharField(
        label=_("Aufgaben (eine je Zeile)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(
        label=_("fällig am"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, cooperations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cooperation"].queryset = cooperations  # type: ignore[attr-defined]
        self.fields["due_on"].initial = timezone.localdate() + timedelta(days=14)


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Titel der neuen Kooperation"), max_length=120)


SCORES = [(n, str(n)) for n in range(1, 6)]


class RatingForm(forms.Form):
    personality = forms.TypedChoiceField(
        label=_("Persönlichkeit (ich, innen)"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    behaviour = forms.TypedChoiceField(
        label=_("Verhalten (ich, außen)"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    culture = forms.TypedChoiceField(
        label=_("Kultur (wir, innen)"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation (wir, außen)"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )


class CaseNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Meine Notizen (nur für Sie sichtbar)"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
