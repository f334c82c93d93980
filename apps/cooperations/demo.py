"""Demo cooperations for ``seed_demo``: the personas' cooperations in every phase,
and some agreed ones among the other demo people. Written through the services,
so the demo holds only states the product itself can reach.
"""

import random

from apps.accounts.models import User
from apps.cooperations import receipts, services
from apps.cooperations.models import AgreementVersion, Cooperation, CooperationKind
from apps.network.models import Connection

# Enough to show lists and the driver at work; more would only slow seeding down.
MAX_OTHER_COOPERATIONS = 200

TITLES = [
    ("Teamtage für Kliniken", CooperationKind.JOINT_OFFER),
    ("Führungskräfteprogramm Handwerk", CooperationKind.CLIENT_PROJECT),
    ("Seminarraum in der Altstadt", CooperationKind.SHARED_SPACE),
    ("Intervision Coaching", CooperationKind.PEER_GROUP),
    ("Lernplattform für Pflegeschulen", CooperationKind.FOUNDING),
    ("Moderation Bürgerbeteiligung", CooperationKind.CLIENT_PROJECT),
]


def _connect(a: User, b: User) -> None:
    low, high = Connection.ordered_ids(a.pk, b.pk)
    Connection.objects.get_or_create(user_low_id=low, user_high_id=high)


def _answers(rng: random.Random, hours: int) -> dict[str, object]:
    return {
        "goals": "Ein gemeinsames Angebot entwickeln und erfolgreich verkaufen.",
        "result_in_12_months": "Drei Aufträge gemeinsam durchgeführt.",
        "hours_per_month": hours,
        "money_expectation": rng.choice(["side", "substantial", "costs"]),
        "money_note": "",
        "decision_style": rng.choice(["consensus", "consent", "majority"]),
        "risk_appetite": rng.randint(2, 4),
        "communication_rhythm": rng.choice(["biweekly", "monthly"]),
        "values": rng.choice(["Verlässlichkeit, Offenheit", "Humor, Verlässlichkeit, Qualität"]),
        "personality": rng.randint(3, 5),
        "behaviour": rng.randint(2, 5),
        "culture": rng.randint(2, 5),
        "organisation": rng.randint(2, 4),
    }


def _create(founder: User, title: str, kind: str, members: list[User]) -> Cooperation:
    cooperation = services.cooperation_create(
        founder=founder,
        title=title,
        purpose=f"{title}: gemeinsam planen, anbieten und durchführen.",
        kind=kind,
    )
    for member in members:
        _connect(founder, member)
        invitation = services.invitation_create(
            cooperation=cooperation, inviter=founder, invitee=member
        )
        services.invitation_accept(invitation=invitation, user=member)
    return cooperation


def _draft(cooperation: Cooperation, user: User, **changes: str) -> AgreementVersion:
    draft = services.agreement_draft(cooperation=cooperation, user=user)
    fields = {name: getattr(draft, name) for name in services.AGREEMENT_TEXT_FIELDS}
    fields.update(changes)
    commitments = {
        c.user_id: {
            "hours_per_month": c.hours_per_month,
            "resources": c.resources,
            "revenue_share": c.revenue_share,
            "cost_share": c.cost_share,
        }
        for c in draft.commitments.all()
    }
    return services.agreement_draft_save(
        draft=draft, user=user, revision=draft.revision, fields=fields, commitments=commitments
    )


def _agree(cooperation: Cooperation, people: list[User], goals: str) -> None:
    draft = _draft(cooperation, people[0], goals=goals)
    version = services.agreement_propose(draft=draft, user=people[0])
    with receipts.mail_paused():  # made-up people get no receipt mail
        for person in people:
            services.agreement_accept(version=version, user=person)


def seed_cooperations(users: list[User], rng: random.Random) -> Cooperation | None:
    """Anna's and Ben's cooperations and a few of others; returns anna's and ben's main
    one ("Führung im Mittelstand"), in which the apps inside a cooperation add their
    demo data (``apps.core.demo.seed`` calls them: cooperations import none of them)."""
    # Carla, the outsider persona, stays out of every cooperation.
    anna, ben = users[:2]
    others = users[3:]
    if len(others) < 4:
        return None
    # Anna and Ben: agreed, version 2 in force, version 3 waits for Ben.
    main = _create(anna, "Führung im Mittelstand", CooperationKind.JOINT_OFFER, [ben])
    fit_check = services.fit_check_start(cooperation=main, user=anna)
    services.fit_check_answer(fit_check=fit_check, user=anna, data=_answers(rng, 12))
    services.fit_check_answer(fit_check=fit_check, user=ben, data=_answers(rng, 6))
    _agree(main, [anna, ben], "Wir entwickeln ein Führungsprogramm für Familienunternehmen.")
    _agree(
        main,
        [ben, anna],
        "Wir entwickeln ein Führungsprogramm für Familienunternehmen und ein Online-Modul.",
    )
    draft = _draft(
        main, anna, free_text="- Akquise: Anna\n- Online-Modul: Ben\n- Budget Marketing: 1.500 €"
    )
    pending = services.agreement_propose(draft=draft, user=anna)
    with receipts.mail_paused():
        services.agreement_accept(version=pending, user=anna)
    # Anna in a fit check that waits for her partner.
    partner = others[0]
    waiting = _create(
        anna, "Resilienz-Tage für Kliniken", CooperationKind.CLIENT_PROJECT, [partner]
    )
    fit_check = services.fit_check_start(cooperation=waiting, user=anna)
    services.fit_check_answer(fit_check=fit_check, user=anna, data=_answers(rng, 8))
    # Ben explores a shared office and has invited Anna.
    office = _create(
        ben, "Seminarraum in Köln-Ehrenfeld", CooperationKind.SHARED_SPACE, [others[1]]
    )
    services.invitation_create(cooperation=office, inviter=ben, invitee=anna)
    # Others: agreed cooperations of two or three people.
    count = min(len(others) // 50, MAX_OTHER_COOPERATIONS)
    for index in range(count):
        people = rng.sample(others[2:], k=rng.choice([2, 2, 3]))
        title, kind = TITLES[index % len(TITLES)]
        cooperation = _create(people[0], title, kind, people[1:])
        _agree(cooperation, people, "Gemeinsam mehr erreichen, fair geteilt.")
    return main
