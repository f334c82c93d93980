"""The cooperation's own archive sections: itself, members, events, fit check,
agreement versions (with a PDF each) and exits.

Each reads in a constant number of queries. Registered before any other app's
sections (see ``archive.sections``), so they open ``kooperation.json``.
"""

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cooperations.archive import ArchiveFile, ArchivePart, archive_section, iso, name_of
from apps.cooperations.documents import agreement_pdf
from apps.cooperations.models import (
    ACCEPTED_STATUSES,
    AgreementVersion,
    Commitment,
    Cooperation,
    Event,
    ExitProcess,
    FitCheck,
    FitCheckAnswer,
    Membership,
    Retrospective,
)
from apps.cooperations.selectors import as_seen


def version_file(version: AgreementVersion) -> str:
    return f"vereinbarung-fassung-{version.number}.pdf"


@archive_section("cooperation", as_of=True, description=gettext_lazy("die Kooperation selbst"))
def cooperation_section(cooperation: Cooperation) -> ArchivePart:
    return ArchivePart(
        data={
            "id": cooperation.pk,
            "title": cooperation.title,
            "purpose": cooperation.purpose,
            "kind": cooperation.kind,
            "kind_label": cooperation.get_kind_display(),
            "status": cooperation.status,
            "status_label": cooperation.get_status_display(),
            "created_at": iso(cooperation.created_at),
            "ended_at": iso(cooperation.ended_at),
        }
    )


def _membership_data(membership: Membership) -> dict[str, Any]:
    return {
        "user_id": membership.user_id,
        "name": str(membership.user),
        "role": membership.role,
        "role_label": membership.get_role_display(),
        "joined_at": iso(membership.created_at),
        "left_at": iso(membership.left_at),
        "current": membership.is_current,
    }


@archive_section(
    "members",
    as_of=True,
    description=gettext_lazy("alle Mitglieder – auch ehemalige – mit Rolle, Beitritt und Austritt"),
)
def members_section(cooperation: Cooperation) -> ArchivePart:
    memberships = (
        as_seen(Membership.objects.filter(cooperation=cooperation), cooperation)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    return ArchivePart(data=[_membership_data(m) for m in memberships])


def _event_data(event: Event) -> dict[str, Any]:
    return {
        "at": iso(event.created_at),
        "kind": event.kind,
        "kind_label": event.get_kind_display(),
        "actor": name_of(event.actor),
        "details": event.params,
    }


@archive_section("events", as_of=True, description=gettext_lazy("der vollständige Verlauf"))
def events_section(cooperation: Cooperation) -> ArchivePart:
    events = (
        as_seen(Event.objects.filter(cooperation=cooperation), cooperation)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    return ArchivePart(data=[_event_data(e) for e in events])


def _answer_data(answer: FitCheckAnswer) -> dict[str, Any]:
    return {
        "user_id": answer.user_id,
        "name": str(answer.user),
        "answered_at": iso(answer.created_at),
        "goals": answer.goals,
        "result_in_12_months": answer.result_in_12_months,
        "hours_per_month": answer.hours_per_month,
        "money_expectation": answer.money_expectation,
        "money_expectation_label": answer.get_money_expectation_display(),
        "money_note": answer.money_note,
        "decision_style": answer.decision_style,
        "decision_style_label": answer.get_decision_style_display(),
        "risk_appetite": answer.risk_appetite,
        "communication_rhythm": answer.communication_rhythm,
        "communication_rhythm_label": answer.get_communication_rhythm_display(),
        "values": answer.values,
        "four_dimensions": {name: getattr(answer, name) for name in answer.DIMENSIONS},
    }


@archive_section(
    "fit_check",
    as_of=True,
    description=gettext_lazy(
        "die Antworten im Passungscheck (nur wenn sie für alle sichtbar waren)"
    ),
)
def fit_check_section(cooperation: Cooperation) -> ArchivePart:
    fit_check = as_seen(FitCheck.objects.filter(cooperation=cooperation), cooperation).first()
    if fit_check is None:
        return ArchivePart(data=None)
    revealed = fit_check.revealed_at is not None
    answers: list[FitCheckAnswer] = []
    if revealed:
        answers = list(fit_check.answers.select_related("user").order_by("created_at", "pk"))
    return ArchivePart(
        data={
            "started_at": iso(fit_check.created_at),
            "revealed_at": iso(fit_check.revealed_at),
            # Hidden answers stay hidden here too: nobody should anchor on them via the archive.
            "answers": [_answer_data(a) for a in answers] if revealed else None,
            "note": ""
            if revealed
            else _("Die Antworten bleiben verborgen, bis alle Mitglieder geantwortet haben."),
        }
    )


def _commitment_data(commitment: Commitment) -> dict[str, Any]:
    return {
        "user_id": commitment.user_id,
        "name": str(commitment.user),
        "hours_per_month": str(commitment.hours_per_month),
        "resources": commitment.resources,
        "revenue_share": str(commitment.revenue_share),
        "cost_share": str(commitment.cost_share),
    }


def _version_data(version: AgreementVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "status_label": version.get_status_display(),
        "goals": version.goals,
        "decision_rules": version.decision_rules,
        "confidentiality": version.confidentiality,
        "starts_on": iso(version.starts_on),
        "ends_on": iso(version.ends_on),
        "review_every_days": version.review_every_days,
        "exit_clause": version.exit_clause,
        "free_text": version.free_text,
        "commitments": [
            _commitment_data(c)
            for c in sorted(version.commitments.all(), key=lambda c: str(c.user).casefold())
        ],
        "proposed_by": name_of(version.proposed_by),
        "proposed_at": iso(version.proposed_at),
        "acceptances": [
            {"user_id": a.user_id, "name": a.name, "accepted_at": iso(a.accepted_at)}
            for a in sorted(version.acceptances.all(), key=lambda a: (a.accepted_at, a.pk))
        ],
        "in_force_at": iso(version.in_force_at),
        "previous_hash": version.previous_hash,
        "content_hash": version.content_hash,
        "signature": version.signature or "",
        "signing_key": version.signing_key or "",
        "pdf": version_file(version),
    }


@archive_section(
    "agreement_versions",
    as_of=True,
    description=gettext_lazy("jede Fassung der Vereinbarung mit Zusagen, Annahmen und Prüfwerten"),
)
def agreement_versions_section(cooperation: Cooperation) -> ArchivePart:
    versions = list(
        as_seen(cooperation.agreement_versions.filter(number__isnull=False), cooperation)
        .select_related("proposed_by")
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.select_related("user")),
            "acceptances",
        )
        .order_by("number")
    )
    head = max(
        (v for v in versions if v.status in ACCEPTED_STATUSES),
        key=lambda v: v.number or 0,
        default=None,
    )
    return ArchivePart(
        data=[_version_data(v) for v in versions],
        # PDFs are compressed already; deflating them again only costs time.
        files=[
            ArchiveFile(
                version_file(v),
                agreement_pdf(v, chain_head=head, look_up_head=False),
                compress=False,
            )
            for v in versions
        ],
        files_note=_(
            "  Jede zur Annahme vorgelegte Fassung der Vereinbarung als PDF, mit Status, "
            "Annahmen und Prüfwert."
        ),
    )


def _retrospective_data(retrospective: Retrospective) -> dict[str, Any]:
    return {
        "name": str(retrospective.user),
        "written_at": iso(retrospective.created_at),
        "four_dimensions": {
            name: getattr(retrospective, name) for name in retrospective.DIMENSIONS
        },
        "went_well": retrospective.went_well,
        "learned": retrospective.learned,
        "reference": retrospective.reference,
    }


def _exit_data(exit_process: ExitProcess) -> dict[str, Any]:
    def item(name: str, note: str) -> dict[str, Any]:
        return {
            "item": name,
            "label": str(getattr(ExitProcess._meta.get_field(name), "verbose_name", name)),
            "state": getattr(exit_process, name),
            "state_label": getattr(exit_process, f"get_{name}_display")(),
            "note": getattr(exit_process, note),
        }

    return {
        "kind": exit_process.kind,
        "kind_label": exit_process.get_kind_display(),
        "reason": exit_process.reason,
        "proposed_by": name_of(exit_process.proposed_by),
        "leaving_member": name_of(exit_process.leaving_user),
        "proposed_at": iso(exit_process.created_at),
        "completed_at": iso(exit_process.completed_at),
        "cancelled_at": iso(exit_process.cancelled_at),
        "checklist": [
            item("settlement", "settlement_note"),
            item("resources", "resources_note"),
            item("clients", "clients_note"),
            item("data_decision", "data_note"),
        ],
        "retrospectives": [_retrospective_data(r) for r in exit_process.retrospectives.all()],
    }


@archive_section(
    "exits", as_of=True, description=gettext_lazy("Ausstiege mit Checkliste und Rückblicken")
)
def exits_section(cooperation: Cooperation) -> ArchivePart:
    exits = (
        as_seen(cooperation.exits.all(), cooperation)
        .select_related("proposed_by", "leaving_user")
        .prefetch_related(
            Prefetch("retrospectives", queryset=Retrospective.objects.select_related("user"))
        )
        .order_by("created_at", "pk")
    )
    return ArchivePart(data=[_exit_data(e) for e in exits])
