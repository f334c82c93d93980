from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class ContactRequestStatus(models.TextChoices):
    PENDING = "pending", _("offen")
    ACCEPTED = "accepted", _("angenommen")
    DECLINED = "declined", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class ContactRequestQuerySet(models.QuerySet["ContactRequest"]):
    def pending(self) -> "ContactRequestQuerySet":
        return self.filter(status=ContactRequestStatus.PENDING)

    def between(self, a: Any, b: Any) -> "ContactRequestQuerySet":
        """Requests in either direction between two people."""
        return self.filter(
            models.Q(sender=a, recipient=b) | models.Q(sender=b, recipient=a),
        )


class ContactRequest(TimeStampedModel):
    """A Kontaktanfrage: one person asks another to connect, for a stated purpose."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_contact_requests",
        verbose_name=_("von"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="received_contact_requests",
        verbose_name=_("an"),
    )
    purpose = models.TextField(_("Anliegen"), max_length=2000)
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=ContactRequestStatus.choices,
        default=ContactRequestStatus.PENDING,
    )
    responded_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kontaktanfrage")
        verbose_name_plural = _("Kontaktanfragen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sender", "created_at"], name="contact_request_sent_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(status=ContactRequestStatus.PENDING),
                name="contact_request_one_pending_per_pair",
                violation_error_message=_("Sie haben dieser Person bereits eine Anfrage gesendet."),
            ),
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")),
                name="contact_request_not_to_self",
                violation_error_message=_("Sie können sich nicht selbst eine Anfrage senden."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ContactRequestStatus.values),
                name="contact_request_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == ContactRequestStatus.PENDING


class ConnectionQuerySet(models.QuerySet["Connection"]):
    def involving(self, user: Any) -> "ConnectionQuerySet":
        return self.filter(models.Q(user_low=user) | models.Q(user_high=user))

    def between(self, a: Any, b: Any) -> "ConnectionQuerySet":
        low, high = Connection.ordered_ids(a.pk, b.pk)
        return self.filter(user_low_id=low, user_high_id=high)


class Connection(TimeStampedModel):
    """Two people who accepted each other: one row per pair, lower id first."""

    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Person (niedrigere ID)"),
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Person (höhere ID)"),
    )
    request = models.ForeignKey(
        ContactRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kontaktanfrage"),
    )

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verbindung")
        verbose_name_plural = _("Verbindungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user_low", "user_high"], name="connection_one_per_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(user_low__lt=models.F("user_high")),
                name="connection_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_low} ↔ {self.user_high}"

    @staticmethod
    def ordered_ids(a: int, b: int) -> tuple[int, int]:
        return (a, b) if a < b else (b, a)

    def other(self, user: Any) -> Any:
        """The other person of the pair, seen from ``user``."""
        return self.user_high if self.user_low_id == user.pk else self.user_low


class Block(TimeStampedModel):
    """``blocker`` does not want contact with ``blocked``; hides both from each other."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_made",
        verbose_name=_("blockiert von"),
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_received",
        verbose_name=_("blockierte Person"),
    )

    class Meta:
        verbose_name = _("Blockierung")
        verbose_name_plural = _("Blockierungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_one_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")),
                name="block_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class AskFormat(models.TextChoices):
    PRAESENZ = "präsenz", _("Präsenz")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")
    ANY = "any", _("egal")


class AskStatus(models.TextChoices):
    OPEN = "open", _("offen")
    CLOSED = "closed", _("geschlossen")


class AskQuerySet(models.QuerySet["Ask"]):
    def open(self) -> "AskQuerySet":
        return self.filter(status=AskStatus.OPEN)


class Ask(TimeStampedModel):
    """A Gesuch: „Ich brauche jemanden für X bis Y“ on the asks board."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="asks",
        verbose_name=_("verfasst von"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=4000)
    needed_by = models.DateField(_("benötigt bis"), null=True, blank=True)
    competences = models.JSONField(_("Kompetenzen"), default=list, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    format = models.CharField(
        _("Format"), max_length=10, choices=AskFormat.choices, default=AskFormat.ANY
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=AskStatus.choices, default=AskStatus.OPEN
    )
    # Title and competences, case-folded: JSON text is stored with escaped umlauts
    # and SQLite's LIKE folds ASCII only, so the board searches this column instead.
    search_text = models.TextField(_("Suchtext"), blank=True, editable=False)

    objects = AskQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gesuch")
        verbose_name_plural = _("Gesuche")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"], name="ask_board_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(format__in=AskFormat.values), name="ask_format_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AskStatus.values), name="ask_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == AskStatus.OPEN

    @staticmethod
    def build_search_text(title: str, competences: list[str]) -> str:
        return "\n".join([title, *competences]).casefold()


class AskMatch(models.Model):
    """A person whose profile fits an open ask, found by the matching engine."""

    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="matches")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ask_matches"
    )
    score = models.FloatField(_("Passung"))
    reason = models.CharField(_("Grund"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("passende Person")
        verbose_name_plural = _("passende Personen")
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["ask", "user"], name="askmatch_unique")]

    def __str__(self) -> str:
        return f"{self.ask} → {self.user}"
