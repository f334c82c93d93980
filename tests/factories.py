"""Shared test factories: the steps of the core loop through the real services.

Every app's tests build their cooperations with these, so a change to how a
cooperation is founded, joined, agreed or ended is made once. The root conftest
turns the common ones into fixtures (``cooperation``).
"""

from decimal import Decimal
from typing import Any

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import AgreementVersion, Cooperation, CooperationKind
from apps.network.models import Connection

TITLE = "Führung im Mittelstand"
PURPOSE = "Ein gemeinsames Programm für Führungskräfte in Familienunternehmen."


def connect(a: User, b: User) -> Connection:
    """The connection of ``a`` and ``b`` (created if they are not connected yet)."""
    low, high = Connection.ordered_ids(a.pk, b.pk)
    return Connection.objects.get_or_create(user_low_id=low, user_high_id=high)[0]


def found(founder: User, *members: User, title: str = TITLE) -> Cooperation:
    """A joint offer ``founder`` coordinates; ``members`` are invited and accept."""
    cooperation = services.cooperation_create(
        founder=founder, title=title, purpose=PURPOSE, kind=CooperationKind.JOINT_OFFER
    )
    for member in members:
        join(cooperation, founder, member)
    return cooperation


def join(cooperation: Cooperation, inviter: User, user: User) -> None:
    """``inviter`` connects with ``user``, invites them, and they accept."""
    connect(inviter, user)
    invitation = services.invitation_create(cooperation=cooperation, inviter=inviter, invitee=user)
    services.invitation_accept(invitation=invitation, user=user)


def answers(**overrides: Any) -> dict[str, Any]:
    """A complete fit check answer; tests change what they are about."""
    data: dict[str, Any] = {
        "goals": "Ein gemeinsames Führungskräfteprogramm für den Mittelstand entwickeln.",
        "result_in_12_months": "Das Programm ist dreimal durchgeführt.",
        "hours_per_month": 10,
        "money_expectation": "side",
        "money_note": "",
        "decision_style": "consensus",
        "risk_appetite": 3,
        "communication_rhythm": "biweekly",
        "values": "Verlässlichkeit, Offenheit",
        "personality": 4,
        "behaviour": 4,
        "culture": 4,
        "organisation": 3,
    }
    data.update(overrides)
    return data


def agree(
    cooperation: Cooperation,
    *people: User,
    goals: str | None = "Gemeinsam wachsen.",
    hours: dict[User, str | int] | None = None,
    cost: dict[User, str | int] | None = None,
) -> AgreementVersion:
    """Draft, propose and accept by everyone: the next version is in force.

    ``hours`` (per month) and ``cost`` (share in percent) set the commitments of the
    people named; the draft's values stay for everyone else. ``goals=None`` keeps the
    draft's goals.
    """
    people = people or tuple(hours or ())
    draft = services.agreement_draft(cooperation=cooperation, user=people[0])
    commitments: dict[int, dict[str, Any]] = {}
    for c in draft.commitments.all():
        commitment = {
            "hours_per_month": c.hours_per_month,
            "resources": c.resources,
            "revenue_share": c.revenue_share,
            "cost_share": c.cost_share,
        }
        for person, value in (hours or {}).items():
            if person.pk == c.user_id:
                commitment["hours_per_month"] = Decimal(value)
        for person, value in (cost or {}).items():
            if person.pk == c.user_id:
                commitment["cost_share"] = Decimal(value)
        commitments[c.user_id] = commitment
    fields = {name: getattr(draft, name) for name in services.AGREEMENT_TEXT_FIELDS}
    if goals is not None:
        fields["goals"] = goals
    services.agreement_draft_save(
        draft=draft, user=people[0], revision=draft.revision, fields=fields, commitments=commitments
    )
    version = services.agreement_propose(draft=draft, user=people[0])
    for person in people:
        services.agreement_accept(version=version, user=person)
    version.refresh_from_db()
    return version


ALL_DONE = {
    "settlement": "done",
    "settlement_note": "",
    "resources": "n_a",
    "resources_note": "",
    "clients": "n_a",
    "clients_note": "",
    "data_decision": "keep_all",
    "data_note": "",
}


def end(cooperation: Cooperation, user: User) -> None:
    """End the cooperation the orderly way: it becomes read-only."""
    process = services.exit_propose(
        cooperation=cooperation, user=user, kind="end", reason="Unsere Wege gehen auseinander."
    )
    services.exit_checklist_update(exit_process=process, user=user, data=ALL_DONE)
    services.exit_complete(exit_process=process, user=user)
    cooperation.refresh_from_db()


def remove(cooperation: Cooperation, coordinator: User, member: User) -> None:
    """The coordinator removes ``member`` (who becomes a former member)."""
    services.member_remove(
        cooperation=cooperation, by=coordinator, member=member, reason="Hat keine Zeit mehr."
    )


def commit(
    cooperation: Cooperation,
    hours: dict[User, str | int],
    cost: dict[User, str | int] | None = None,
) -> AgreementVersion:
    """An agreement in force with ``hours`` per month (and ``cost`` shares) for the
    people named, who all accept it; the draft's texts stay."""
    return agree(cooperation, *hours, goals=None, hours=hours, cost=cost)


def wipe() -> None:
    """Empty every table, as before the first seed (users cannot simply be deleted:
    records of money and agreements protect the people they name; the record triggers
    are lifted as only the database's owner could)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from apps.base.records import guards_lifted

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE refuses pending deferred checks
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with guards_lifted():
        call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
