"""The contributions ledger (Beiträge): hours, money, referrals and resources.

Entries are never edited. A member corrects their own entry by a new row that
``supersedes`` it (with a reason); removing is such a correction with ``removed``
set and the amounts at zero. Only the latest row of a chain – the one nobody
supersedes – counts in sums (:meth:`ContributionQuerySet.current`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel

MAX_HOURS = Decimal(300)  # one entry: at most a month of full-time work
MAX_AMOUNT = Decimal("1000000.00")
MAX_COUNT = 100


class ContributionKind(models.TextChoices):
    HOURS = "hours", _("Stunden")
    MONEY = "money", _("Geld")
    REFERRAL = "referral", _("Empfehlungen")
    RESOURCE = "resource", _("Ressource")


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def current(self) -> "ContributionQuerySet":
        """The rows that count: not superseded by a correction."""
        return self.filter(superseded_by__isnull=True)

    def counting(self) -> "ContributionQuerySet":
        """Latest rows that are not removed: what sums and balances add up."""
        return self.current().filter(removed=False)

    def between(self, since: object, until: object) -> "ContributionQuerySet":
        return self.filter(done_on__gte=since, done_on__lte=until)


class Contribution(TimeStampedModel):
    """A Beitrag of one member to one cooperation, as logged by that member."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("Kooperation"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("Mitglied"),
    )
    kind = models.CharField(_("Art"), max_length=10, choices=ContributionKind.choices)
    done_on = models.DateField(_("Datum"))
    hours = models.DecimalField(
        _("Stunden"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_HOURS)],
    )
    # Money in euros and cents: a money contribution, or the value of a resource.
    amount = models.DecimalField(
        _("Betrag (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_AMOUNT)],
    )
    count = models.PositiveSmallIntegerField(
        _("Anzahl"), null=True, blank=True, validators=[MaxValueValidator(MAX_COUNT)]
    )
    description = models.CharField(_("Wofür / was"), max_length=200, blank=True)
    note = models.TextField(_("Notiz"), max_length=1000, blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("korrigiert den Eintrag"),
    )
    # The first row of the chain (empty on that row itself): the history in one query.
    original = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ursprünglicher Eintrag"),
    )
    reason = models.CharField(_("Grund der Korrektur"), max_length=500, blank=True)
    removed = models.BooleanField(_("entfernt"), default=False)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ["-done_on", "-pk"]
        indexes = [
            models.Index(fields=["cooperation", "done_on"], name="contribution_coop_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ContributionKind.values), name="contribution_kind_valid"
            ),
            # Each kind carries its own measure and nothing else.
            models.CheckConstraint(
                condition=~Q(kind="hours")
                | Q(hours__isnull=False, amount__isnull=True, count__isnull=True),
                name="contribution_hours_measure",
            ),
            models.CheckConstraint(
                condition=~Q(kind="money")
                | Q(hours__isnull=True, amount__isnull=False, count__isnull=True),
                name="contribution_money_measure",
            ),
            models.CheckConstraint(
                condition=~Q(kind="referral")
                | Q(hours__isnull=True, amount__isnull=True, count__isnull=False),
                name="contribution_referral_measure",
            ),
            models.CheckConstraint(
                condition=~Q(kind="resource") | Q(hours__isnull=True, count__isnull=True),
                name="contribution_resource_measure",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
                name="contribution_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="contribution_amount_not_negative",
            ),
            # A correction says why; an original entry has nothing to explain.
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True, original__isnull=True, reason="")
                | (Q(supersedes__isnull=False, original__isnull=False) & ~Q(reason="")),
                name="contribution_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(removed=False) | Q(supersedes__isnull=False),
                name="contribution_removal_is_correction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.measure} · {self.member} · {self.done_on}"

    @property
    def is_correction(self) -> bool:
        return self.supersedes_id is not None

    @property
    def chain_id(self) -> int:
        """The id of the first row of the chain: the same for every version of an entry."""
        return self.original_id or self.pk

    @property
    def measure(self) -> Decimal | int | None:
        """The amount that counts for the kind: hours, euros, a number of referrals."""
        if self.kind == ContributionKind.HOURS:
            return self.hours
        if self.kind == ContributionKind.REFERRAL:
            return self.count
        return self.amount
