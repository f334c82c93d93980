"""The fit check: the coordination starts it, every member answers, and the answers
are shown to all once everyone has answered."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.base.text_limits import check_text_limits
from apps.cooperations.gate import coordinator_gate, write_gate
from apps.cooperations.models import (
    Cooperation,
    CooperationStatus,
    EventKind,
    FitCheck,
    FitCheckAnswer,
)
from apps.cooperations.models.fit_check import ANSWER_TEXT_LIMITS
from apps.cooperations.services.common import current_user_ids, timeline_event


def fit_check_start(*, cooperation: Cooperation, user: User) -> FitCheck:
    """exploring → fit_check: the coordination starts it once there are two members."""
    coordinator_gate(cooperation=cooperation, user=user)
    if cooperation.status != CooperationStatus.EXPLORING:
        raise ValidationError(_("Der Passungscheck läuft bereits oder ist abgeschlossen."))
    if len(current_user_ids(cooperation)) < 2:
        raise ValidationError(
            _("Für den Passungscheck braucht es mindestens zwei Mitglieder. Laden Sie erst ein.")
        )
    with transaction.atomic():
        fit_check = FitCheck.objects.create(cooperation=cooperation, started_by=user)
        cooperation.status = CooperationStatus.FIT_CHECK
        cooperation.save(update_fields=["status", "updated_at"])
        timeline_event(cooperation, user, EventKind.FIT_CHECK_STARTED)
    return fit_check


FIT_CHECK_FIELDS = (
    "goals",
    "result_in_12_months",
    "hours_per_month",
    "money_expectation",
    "money_note",
    "decision_style",
    "risk_appetite",
    "communication_rhythm",
    "values",
    "personality",
    "behaviour",
    "culture",
    "organisation",
)


def fit_check_answer(*, fit_check: FitCheck, user: User, data: dict[str, Any]) -> FitCheckAnswer:
    """Answer (or change one's answer) until everyone has answered; then it is shown."""
    cooperation = fit_check.cooperation
    write_gate(cooperation=cooperation, user=user)
    check_text_limits(data, ANSWER_TEXT_LIMITS)
    existing = FitCheckAnswer.objects.filter(fit_check=fit_check, user=user).first()
    if existing is not None and fit_check.revealed_at is not None:
        raise ValidationError(
            _("Die Antworten sind schon für alle sichtbar und können nicht mehr geändert werden.")
        )
    with transaction.atomic():
        answer = existing or FitCheckAnswer(fit_check=fit_check, user=user)
        for name in FIT_CHECK_FIELDS:
            setattr(answer, name, data[name])
        answer.full_clean()
        answer.save()
        if existing is None:
            timeline_event(
                cooperation, user, EventKind.FIT_CHECK_ANSWERED, member=user.get_full_name()
            )
        reveal_if_complete(fit_check, user)
    return answer


def reveal_if_complete(fit_check: FitCheck, actor: User | None) -> None:
    if fit_check.revealed_at is not None:
        return
    cooperation = fit_check.cooperation
    members = current_user_ids(cooperation)
    answered = set(fit_check.answers.values_list("user_id", flat=True))
    if len(members) >= 2 and members <= answered:
        fit_check.revealed_at = timezone.now()
        fit_check.save(update_fields=["revealed_at", "updated_at"])
        timeline_event(cooperation, actor, EventKind.FIT_CHECK_REVEALED)
