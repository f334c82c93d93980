from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.checkins.models import CheckInAnswer, CheckInChoice

RATING_CHOICES = [(i, str(i)) for i in range(1, 6)]


class CheckInForm(forms.ModelForm[CheckInAnswer]):
    class Meta:
        model = CheckInAnswer
        fields = [*CheckInAnswer.DIMENSIONS, "choice", "comment"]
        widgets = {
            "personality": forms.RadioSelect(choices=RATING_CHOICES),
            "behaviour": forms.RadioSelect(choices=RATING_CHOICES),
            "culture": forms.RadioSelect(choices=RATING_CHOICES),
            "organisation": forms.RadioSelect(choices=RATING_CHOICES),
            "choice": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "personality": _("Ich, innen: Haltung, Motivation, Lust auf das Gemeinsame."),
            "behaviour": _("Ich, außen: Verlässlichkeit, Beitrag, wie ich mich einbringe."),
            "culture": _("Wir, innen: Vertrauen, Offenheit, gemeinsame Werte."),
            "organisation": _("Wir, außen: Rollen, Abläufe, Absprachen, Werkzeuge."),
            "choice": _(
                "„Change it“ setzt Ihr Anliegen auf die Tagesordnung der nächsten Besprechung. "
                "Bei „Leave it“ erfahren die anderen Mitglieder sofort davon, damit Sie "
                "miteinander sprechen können."
            ),
            "comment": _("Bei „Change it“ und „Leave it“ bitte ein paar Worte: worum geht es?"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A ModelForm adds an empty choice for a field without default; radios need none.
        self.fields["choice"].choices = CheckInChoice.choices  # type: ignore[attr-defined]
