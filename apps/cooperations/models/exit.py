"""The exit: ending the cooperation or leaving it, with checklist and retrospectives."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.cooperations.models.cooperation import Cooperation
from apps.cooperations.models.fit_check import FourDimensions


class ExitKind(models.TextChoices):
    END = "end", _("Kooperation beenden")
    LEAVE = "leave", _("Kooperation verlassen")


class ItemState(models.TextChoices):
    OPEN = "open", _("offen")
    DONE = "done", _("erledigt")
    NOT_APPLICABLE = "n_a", _("entfällt")


class DataDecision(models.TextChoices):
    UNDECIDED = "undecided", _("noch offen")
    KEEP_ALL = "keep_all", _("alle behalten eine Kopie")
    DELETE_SHARED = "delete_shared", _("gemeinsame Dateien werden gelöscht")
    HAND_OVER = "hand_over", _("eine Person übernimmt die Daten")


class ExitProcess(TimeStampedModel):
    """Ending a cooperation or leaving it, with its checklist."""

    CHECKLIST = ("settlement", "resources", "clients")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="exits")
    kind = models.CharField(_("Art"), max_length=6, choices=ExitKind.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    leaving_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("Anlass"), max_length=2000)
    settlement = models.CharField(
        _("Abschließender Ausgleich"), max_length=4, choices=ItemState.choices, default="open"
    )
    settlement_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    resources = models.CharField(
        _("Rückgabe gemeinsamer Ressourcen"),
        max_length=4,
        choices=ItemState.choices,
        default="open",
    )
    resources_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    clients = models.CharField(
        _("Übergabe der Kundschaft"), max_length=4, choices=ItemState.choices, default="open"
    )
    clients_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    data_decision = models.CharField(
        _("Was mit gemeinsamen Daten geschieht"),
        max_length=14,
        choices=DataDecision.choices,
        default=DataDecision.UNDECIDED,
    )
    data_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Ausstieg")
        verbose_name_plural = _("Ausstiege")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation"],
                condition=models.Q(completed_at__isnull=True, cancelled_at__isnull=True),
                name="exit_one_open_per_cooperation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.cooperation}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None and self.cancelled_at is None

    @property
    def open_items(self) -> list[str]:
        items = [name for name in self.CHECKLIST if getattr(self, name) == ItemState.OPEN]
        if self.data_decision == DataDecision.UNDECIDED:
            items.append("data_decision")
        return items


class Retrospective(FourDimensions):
    """A member's look back on the four dimensions of co-creation, and a reference."""

    exit = models.ForeignKey(ExitProcess, on_delete=models.CASCADE, related_name="retrospectives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    went_well = models.TextField(_("Was gut lief"), max_length=2000, blank=True)
    learned = models.TextField(_("Was wir gelernt haben"), max_length=2000, blank=True)
    reference = models.TextField(
        _("Referenz für die anderen (freiwillig)"), max_length=2000, blank=True
    )

    class Meta:
        verbose_name = _("Rückblick")
        verbose_name_plural = _("Rückblicke")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exit", "user"], name="retrospective_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.exit}"
