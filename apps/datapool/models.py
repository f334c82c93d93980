"""A pool of organisations with a joint-controller agreement, its audit log, the
overlap runs (only blinded protocol messages and the resulting count are stored)
and the aggregated demand counts each organisation contributes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.organisations.models import Organisation


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Einwilligung der Kundinnen und Kunden (Art. 6 Abs. 1 lit. a DSGVO)")
    LEGITIMATE = "legitimate", _("Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)")
    PUBLIC_TASK = "public_task", _("Öffentliche Aufgabe (Art. 6 Abs. 1 lit. e DSGVO)")


class Pool(TimeStampedModel):
    name = models.CharField(_("Name"), max_length=160)
    purpose = models.TextField(_("Zweck"), max_length=2000)
    legal_basis = models.CharField(
        _("Rechtsgrundlage"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE,
    )
    agreement_text = models.TextField(_("Vereinbarung nach Art. 26 DSGVO"))
    agreement_hash = models.CharField(max_length=64)
    min_list_size = models.PositiveIntegerField(_("Mindestgröße einer Liste"), default=50)
    k = models.PositiveIntegerField(_("Mindestwert k veröffentlichter Zellen"), default=10)
    epsilon = models.FloatField(
        _("Datenschutzbudget ε je Veröffentlichung"),
        null=True,
        blank=True,
        help_text=_("Leer: ohne Rauschen. Kleiner heißt mehr Rauschen und mehr Schutz."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Datenpool")
        verbose_name_plural = _("Datenpools")

    def __str__(self) -> str:
        return self.name


class PoolMember(models.Model):
    """An organisation in a pool: invited until its admin accepts the agreement."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pool_memberships"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_hash = models.CharField(max_length=64, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pool", "organisation"], name="pool_member_once")
        ]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.pool}"

    @property
    def active(self) -> bool:
        return self.accepted_at is not None and self.left_at is None


class AuditKind(models.TextChoices):
    CREATED = "created", _("Pool angelegt")
    INVITED = "invited", _("Organisation eingeladen")
    ACCEPTED = "accepted", _("Vereinbarung angenommen")
    LEFT = "left", _("Pool verlassen")
    RUN_STARTED = "run_started", _("Abgleich begonnen")
    RUN_ANSWERED = "run_answered", _("Abgleich beantwortet")
    RUN_FINISHED = "run_finished", _("Abgleich abgeschlossen")
    RUN_CANCELLED = "run_cancelled", _("Abgleich abgebrochen")
    STATISTICS = "statistics", _("Statistik gemeldet")


class AuditEntry(models.Model):
    """One line of the pool's log: who did what, visible to every member."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="audit")
    kind = models.CharField(max_length=20, choices=AuditKind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}"


class RunStatus(models.TextChoices):
    WAITING = "waiting", _("Wartet auf die Antwort")
    ANSWERED = "answered", _("Beantwortet, wartet auf den Abschluss")
    FINISHED = "finished", _("Abgeschlossen")
    CANCELLED = "cancelled", _("Abgebrochen")


class OverlapRun(models.Model):
    """One private overlap count between two member organisations.

    Stores only the protocol messages (32-byte X25519 values, concatenated), never an
    address or a hash of one; see ``apps.datapool.psi`` for the steps."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="runs")
    initiator = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    responder = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.WAITING)
    salt = models.BinaryField()
    a_blinded = models.BinaryField()
    ab = models.BinaryField(default=b"")
    b_blinded = models.BinaryField(default=b"")
    ba = models.BinaryField(default=b"")
    initiator_size = models.PositiveIntegerField()
    responder_size = models.PositiveIntegerField(null=True, blank=True)
    overlap = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(initiator=models.F("responder")), name="overlap_two_parties"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiator} / {self.responder} ({self.status})"


class Category(models.TextChoices):
    SOCIETY = "society", _("Politik, Gesellschaft, Umwelt")
    CULTURE = "culture", _("Kultur, Gestalten")
    HEALTH = "health", _("Gesundheit")
    LANGUAGES = "languages", _("Sprachen")
    WORK = "work", _("Arbeit, Beruf")
    BASICS = "basics", _("Grundbildung, Schulabschlüsse")


class AgeBand(models.TextChoices):
    UNDER_18 = "u18", _("unter 18")
    YOUNG = "18-29", _("18 bis 29")
    MIDDLE = "30-49", _("30 bis 49")
    OLDER = "50-64", _("50 bis 64")
    SENIOR = "65+", _("65 und älter")


class Term(models.IntegerChoices):
    SPRING = 1, _("Frühjahr")
    AUTUMN = 2, _("Herbst")


class DemandCount(models.Model):
    """One organisation's aggregated figures for one cell: how many people asked for
    courses of a category (enrolments and waiting list) and how many places it offered."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="demand")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    term = models.PositiveSmallIntegerField(_("Semester"), choices=Term.choices)
    category = models.CharField(_("Fachbereich"), max_length=20, choices=Category.choices)
    region = models.CharField(_("Region"), max_length=80)
    age_band = models.CharField(_("Altersgruppe"), max_length=10, choices=AgeBand.choices)
    demand = models.PositiveIntegerField(_("Nachfrage (Anmeldungen und Warteliste)"))
    offer = models.PositiveIntegerField(_("Angebotene Plätze"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pool", "organisation", "year", "term", "category", "region", "age_band"],
                name="demand_count_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}/{self.term} {self.category} {self.region}"


class Publication(models.Model):
    """A released (suppressed, possibly noisy) table, kept for as long as the counts
    behind it do not change: showing the same noisy figures again spends no further
    privacy budget, and nobody can average fresh noise away by reloading."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="publications")
    key = models.CharField(max_length=120)
    fingerprint = models.CharField(max_length=64)
    epsilon = models.FloatField(null=True, blank=True)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pool", "key", "fingerprint"], name="publication_once")
        ]

    def __str__(self) -> str:
        return f"{self.pool} {self.key}"
