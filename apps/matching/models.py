from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexChange(models.Model):
    """One entry of the match index's change log, written in the same transaction as
    the profile change it announces.

    Every process holds its own copy of the index (hosts share no files); each applies
    the entries after the last one it has seen (``apps.matching.index_store``). An
    entry without a user asks every process to rebuild from the database (an import).
    """

    id = models.BigAutoField(primary_key=True)
    user_id = models.BigIntegerField(_("Person"), null=True, blank=True)
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Änderung des Suchindex")
        verbose_name_plural = _("Änderungen des Suchindex")

    def __str__(self) -> str:
        return f"#{self.pk}: {self.user_id if self.user_id is not None else 'alle'}"
