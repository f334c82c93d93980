"""Settlements: a proposal of transfers that clears every balance, and the receipts by
which receivers confirm the money arrived. All three are immutable records: a
correction is a new settlement, never an edit (``save`` and ``delete`` refuse)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Immutable(models.Model):
    """A record written once: a second ``save`` or a ``delete`` raises."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} is immutable: record a new entry instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"{type(self).__name__} is immutable and cannot be deleted")


class Settlement(Immutable):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="settlements"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("vorgeschlagen am"), auto_now_add=True)
    # The balances the proposal cleared: {"<user id>": "12.34"} (Decimal strings).
    balances = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("Ausgleich")
        verbose_name_plural = _("Ausgleiche")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cooperation_id} · {self.created_at:%Y-%m-%d}"


class Transfer(Immutable):
    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="transfers")
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    amount = models.DecimalField(_("Betrag (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("Überweisung")
        verbose_name_plural = _("Überweisungen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_positive"),
            models.CheckConstraint(
                condition=~Q(payer=models.F("receiver")), name="transfer_between_two"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payer_id} → {self.receiver_id}: {self.amount}"


class TransferReceipt(Immutable):
    """The receiver confirms that the transfer arrived."""

    transfer = models.OneToOneField(Transfer, on_delete=models.CASCADE, related_name="receipt")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("bestätigt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zahlungseingang")
        verbose_name_plural = _("Zahlungseingänge")

    def __str__(self) -> str:
        return f"{self.transfer_id} ✓"
