"""The cooperations' part of a person's data export (see ``apps.base.data_export``):
memberships, the person's own fit-check answers and agreement acceptances."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.cooperations.models import Acceptance, FitCheckAnswer, Membership


def _answer_data(answer: FitCheckAnswer) -> dict[str, Any]:
    return {
        "cooperation": answer.fit_check.cooperation.title,
        "answered_at": iso(answer.created_at),
        "goals": answer.goals,
        "result_in_12_months": answer.result_in_12_months,
        "hours_per_month": answer.hours_per_month,
        "money_expectation": answer.money_expectation,
        "money_note": answer.money_note,
        "decision_style": answer.decision_style,
        "risk_appetite": answer.risk_appetite,
        "communication_rhythm": answer.communication_rhythm,
        "values": answer.values,
        "four_dimensions": {name: getattr(answer, name) for name in answer.DIMENSIONS},
    }


@data_export_section("cooperations")
def cooperations(user: User) -> dict[str, Any]:
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("cooperation")
        .order_by("created_at", "pk")
    )
    answers = (
        FitCheckAnswer.objects.filter(user=user)
        .select_related("fit_check__cooperation")
        .order_by("created_at", "pk")
    )
    acceptances = (
        Acceptance.objects.filter(user=user)
        .select_related("version__cooperation")
        .order_by("accepted_at", "pk")
    )
    return {
        "memberships": [
            {
                "cooperation": m.cooperation.title,
                "role": m.role,
                "role_label": m.get_role_display(),
                "joined_at": iso(m.created_at),
                "left_at": iso(m.left_at),
            }
            for m in memberships
        ],
        "fit_check_answers": [_answer_data(a) for a in answers],
        "agreement_acceptances": [
            {
                "cooperation": a.version.cooperation.title,
                "version": a.version.number,
                "name": a.name,
                "accepted_at": iso(a.accepted_at),
                "content_hash": a.version.content_hash,
            }
            for a in acceptances
        ],
    }
