"""The fit check: every member answers the same questions, shown once all answered."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.cooperations.models.cooperation import Cooperation


class DecisionStyle(models.TextChoices):
    CONSENSUS = "consensus", _("im Konsens")
    CONSENT = "consent", _("im Konsent (kein schwerwiegender Einwand)")
    MAJORITY = "majority", _("mit Mehrheit")
    BY_AREA = "by_area", _("jede Person in ihrem Bereich")
    COORDINATOR = "coordinator", _("die Koordination entscheidet")


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("wöchentlich")
    BIWEEKLY = "biweekly", _("alle zwei Wochen")
    MONTHLY = "monthly", _("monatlich")
    QUARTERLY = "quarterly", _("vierteljährlich")
    AS_NEEDED = "as_needed", _("nach Bedarf")


class MoneyExpectation(models.TextChoices):
    NONE = "none", _("kein Geld, es geht um Austausch")
    COSTS = "costs", _("Kosten teilen")
    SIDE = "side", _("ein Zuverdienst")
    SUBSTANTIAL = "substantial", _("ein wesentlicher Teil meines Einkommens")


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class FourDimensions(TimeStampedModel):
    """The four dimensions of co-creation, each rated 1 (weak) to 5 (strong)."""

    DIMENSIONS = ("personality", "behaviour", "culture", "organisation")

    personality = models.PositiveSmallIntegerField(_("Persönlichkeit"), validators=RATING)
    behaviour = models.PositiveSmallIntegerField(_("Verhalten"), validators=RATING)
    culture = models.PositiveSmallIntegerField(_("Kultur"), validators=RATING)
    organisation = models.PositiveSmallIntegerField(_("Organisation"), validators=RATING)

    class Meta:
        abstract = True

    def ratings(self) -> list[int]:
        return [getattr(self, name) for name in self.DIMENSIONS]


class FitCheck(TimeStampedModel):
    """One Passungscheck per cooperation; answers stay hidden until all have answered."""

    cooperation = models.OneToOneField(
        Cooperation, on_delete=models.CASCADE, related_name="fit_check"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revealed_at = models.DateTimeField(_("ausgewertet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Passungscheck")
        verbose_name_plural = _("Passungschecks")

    def __str__(self) -> str:
        return str(self.cooperation)


# The longest text answers (characters); the form and fit_check_answer check them.
ANSWER_TEXT_LIMITS = {"goals": 2000, "result_in_12_months": 2000, "values": 2000}


class FitCheckAnswer(FourDimensions):
    fit_check = models.ForeignKey(FitCheck, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goals = models.TextField(_("Ihre Ziele für diese Kooperation"), max_length=2000)
    result_in_12_months = models.TextField(
        _("Welches Ergebnis erwarten Sie in 12 Monaten?"), max_length=2000
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("Stunden pro Monat, die Sie wirklich investieren"),
        validators=[MaxValueValidator(200)],
    )
    money_expectation = models.CharField(
        _("Was erwarten Sie finanziell?"), max_length=12, choices=MoneyExpectation.choices
    )
    money_note = models.CharField(_("Anmerkung zum Geld"), max_length=300, blank=True)
    decision_style = models.CharField(
        _("Wie sollen wir entscheiden?"), max_length=12, choices=DecisionStyle.choices
    )
    risk_appetite = models.PositiveSmallIntegerField(
        _("Risikobereitschaft (1 = vorsichtig, 5 = mutig)"), validators=RATING
    )
    communication_rhythm = models.CharField(
        _("Wie oft wollen wir uns abstimmen?"), max_length=12, choices=Rhythm.choices
    )
    values = models.TextField(_("Welche Werte sind Ihnen in der Zusammenarbeit wichtig?"))

    class Meta:
        verbose_name = _("Antwort im Passungscheck")
        verbose_name_plural = _("Antworten im Passungscheck")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fit_check", "user"], name="fit_check_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.fit_check}"
