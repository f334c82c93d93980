"""Sessions: ideas, the facilitator's phases, clusters, dots, the decision and
what becomes of it (actions of a cooperation, or a new cooperation).

Rules: only participants write; only the facilitator moves phases, clusters and
decides; ideas come in while collecting, dots only while voting, at most
``dots_per_person`` per person (several on one idea are fine).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cocreation.models import (
    BERATUNG_STEPS,
    IDEA_PHASES,
    Circle,
    Cluster,
    DimensionRating,
    Dot,
    Idea,
    Phase,
    Session,
    SessionFormat,
)
from apps.cocreation.services.access import (
    bump,
    facilitator_gate,
    participant_gate,
)
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation, CooperationKind
from apps.meetings.models import Action
from apps.meetings.services import action_create

DIMENSIONS = ("personality", "behaviour", "culture", "organisation")


def _record(session: Session, user: User, kind: str, **params: Any) -> None:
    if session.cooperation_id is not None:
        cooperation_services.event_record(
            cooperation=session.cooperation,  # type: ignore[arg-type]
            actor=user,
            kind=kind,
            item=session.question,
            session=session.pk,
            **params,
        )


def session_create(
    *,
    user: User,
    question: str,
    circle: Circle | None = None,
    cooperation: Cooperation | None = None,
    format: str = SessionFormat.IDEAS,
    anonymous: bool = False,
    dots_per_person: int = 3,
    case_giver: User | None = None,
) -> Session:
    """A participant opens a session and facilitates (moderates) it."""
    if (circle is None) == (cooperation is None):
        raise ValueError("A session belongs to a circle or to a cooperation")
    session = Session(
        circle=circle,
        cooperation=cooperation,
        format=format,
        question=question.strip(),
        facilitator=user,
        anonymous=anonymous,
        dots_per_person=dots_per_person,
        phase=Phase.CASE if format == SessionFormat.BERATUNG else Phase.COLLECT,
    )
    participant_gate(session=session, user=user)
    if format == SessionFormat.BERATUNG:
        if case_giver is None:
            raise ValidationError({"case_giver": _("Wer bringt den Fall ein?")})
        try:
            participant_gate(session=session, user=case_giver)
        except PermissionDenied:
            raise ValidationError(
                {"case_giver": _("Den Fall kann nur jemand einbringen, der hier Mitglied ist.")}
            ) from None
        if case_giver.pk == user.pk:
            raise ValidationError(
                {"case_giver": _("Fallgeber/in und Moderation sind verschiedene Personen.")}
            )
        session.case_giver = case_giver
        session.durations = {str(step): minutes for step, minutes in BERATUNG_STEPS.items()}
    session.full_clean()
    with transaction.atomic():
        session.save()
        _record(session, user, "session_started")
    return session


def _locked(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("circle", "cooperation")
        .get(pk=session.pk)
    )


def _may_add_idea(session: Session, user: User) -> None:
    if not session.is_beratung:
        if session.phase != Phase.COLLECT:
            raise ValidationError(_("Ideen werden nur in der Sammelphase aufgenommen."))
        return
    giver = session.case_giver_id == user.pk
    if session.phase in (Phase.CASE, Phase.CLOSING):
        if not giver:
            raise ValidationError(_("In diesem Schritt spricht nur der Fallgeber."))
    elif session.phase in (Phase.QUESTIONS, Phase.HYPOTHESES, Phase.SOLUTIONS):
        if giver:
            raise ValidationError(_("In diesem Schritt sind die Beratenden dran."))
    else:
        raise ValidationError(_("Die Beratung ist abgeschlossen."))


def idea_add(*, session: Session, user: User, text: str) -> Idea:
    """A participant adds an idea (anonymous when the session collects anonymously)."""
    participant_gate(session=session, user=user)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Bitte schreiben Sie Ihre Idee auf.")})
    with transaction.atomic():
        session = _locked(session)
        _may_add_idea(session, user)
        idea = Idea(
            session=session, author=user, anonymous=session.anonymous, text=text, step=session.phase
        )
        idea.full_clean()
        idea.save()
        bump(session)
    return idea


def idea_withdraw(*, idea: Idea, user: User) -> None:
    """The author takes an idea back while ideas are still being collected."""
    session = idea.session
    participant_gate(session=session, user=user)
    if idea.author_id != user.pk:
        raise PermissionDenied(_("Nur wer die Idee eingebracht hat, kann sie zurückziehen."))
    with transaction.atomic():
        session = _locked(session)
        if session.phase not in (Phase.COLLECT, Phase.QUESTIONS, Phase.HYPOTHESES, Phase.SOLUTIONS):
            raise ValidationError(_("Jetzt kann die Idee nicht mehr zurückgezogen werden."))
        idea.delete()
        bump(session)


def phase_advance(*, session: Session, user: User, expected: str = "") -> Session:
    """The facilitator moves to the next phase; ``expected`` (the phase the button
    was shown in) keeps a double click from skipping one. Deciding ends the session."""
    with transaction.atomic():
        session = _locked(session)
        facilitator_gate(session=session, user=user)
        if expected and expected != session.phase:
            raise ValidationError(_("Die Phase hat sich inzwischen geändert."))
        order = [*BERATUNG_STEPS, Phase.DONE] if session.is_beratung else IDEA_PHASES[:-1]
        position = order.index(Phase(session.phase)) if session.phase in order else len(order)
        if position + 1 >= len(order):
            if session.is_beratung:
                raise ValidationError(_("Die Beratung ist abgeschlossen."))
            raise ValidationError(_("Wählen Sie jetzt die Idee, die umgesetzt wird."))
        session.phase = order[position + 1]
        session.phase_started_at = timezone.now()
        if session.phase == Phase.DONE:
            session.ended_at = session.phase_started_at
        session.save(update_fields=["phase", "phase_started_at", "ended_at", "updated_at"])
        bump(session)
        if session.phase == Phase.DONE:
            _record(session, user, "session_ended")
    return session


def cluster_create(*, session: Session, user: User, name: str) -> Cluster:
    with transaction.atomic():
        session = _locked(session)
        facilitator_gate(session=session, user=user)
        if session.phase != Phase.CLUSTER:
            raise ValidationError(_("Gruppen entstehen in der Phase „Gruppieren“."))
        cluster = Cluster(session=session, name=name.strip(), position=session.clusters.count())
        cluster.full_clean()
        cluster.save()
        bump(session)
    return cluster


def idea_assign(*, idea: Idea, user: User, cluster: Cluster | None) -> Idea:
    """The facilitator puts an idea into a cluster (or takes it out)."""
    with transaction.atomic():
        session = _locked(idea.session)
        facilitator_gate(session=session, user=user)
        if session.phase != Phase.CLUSTER:
            raise ValidationError(_("Gruppen entstehen in der Phase „Gruppieren“."))
        if cluster is not None and cluster.session_id != session.pk:
            raise ValidationError(_("Diese Gruppe gehört zu einer anderen Session."))
        idea.cluster = cluster
        idea.save(update_fields=["cluster"])
        bump(session)
    return idea


def dot_add(*, idea: Idea, user: User) -> Dot:
    """One dot on an idea, while voting, within the person's dots."""
    with transaction.atomic():
        session = _locked(idea.session)
        participant_gate(session=session, user=user)
        if session.phase != Phase.VOTE:
            raise ValidationError(_("Punkte werden erst in der Abstimmungsphase vergeben."))
        used = Dot.objects.filter(session=session, voter=user).count()
        if used >= session.dots_per_person:
            raise ValidationError(
                _("Sie haben alle %(n)s Punkte vergeben.") % {"n": session.dots_per_person}
            )
        dot = Dot.objects.create(session=session, idea=idea, voter=user)
        bump(session)
    return dot


def dot_remove(*, idea: Idea, user: User) -> None:
    with transaction.atomic():
        session = _locked(idea.session)
        participant_gate(session=session, user=user)
        if session.phase != Phase.VOTE:
            raise ValidationError(_("Punkte werden erst in der Abstimmungsphase vergeben."))
        dot = Dot.objects.filter(idea=idea, voter=user).order_by("-pk").first()
        if dot is None:
            raise ValidationError(_("Auf dieser Idee liegt kein Punkt von Ihnen."))
        dot.delete()
        bump(session)


def session_decide(*, session: Session, user: User, idea: Idea) -> Session:
    """The facilitator picks the winner after the vote; the session is done."""
    with transaction.atomic():
        session = _locked(session)
        facilitator_gate(session=session, user=user)
        if session.phase != Phase.DECIDE:
            raise ValidationError(_("Entschieden wird nach der Punktabfrage."))
        if idea.session_id != session.pk:
            raise ValidationError(_("Diese Idee gehört zu einer anderen Session."))
        session.winner = idea
        session.phase = Phase.DONE
        session.phase_started_at = session.ended_at = timezone.now()
        session.save(
            update_fields=["winner", "phase", "phase_started_at", "ended_at", "updated_at"]
        )
        bump(session)
        _record(session, user, "session_decided", winner=idea.text)
    return session


def _decided(session: Session, user: User) -> Idea:
    # The caller's copy may predate the decision: read it afresh.
    session.refresh_from_db(fields=["winner", "phase", "result_cooperation", "result_note"])
    facilitator_gate(session=session, user=user)
    if session.winner is None:
        raise ValidationError(_("Es ist noch keine Idee ausgewählt."))
    return session.winner


def result_to_actions(
    *, session: Session, user: User, cooperation: Cooperation, titles: Iterable[str], due_on: date
) -> list[Action]:
    """The winner becomes actions of a cooperation the facilitator belongs to (the
    facilitator owns them first; the cooperation hands them on)."""
    _decided(session, user)
    titles = [title.strip() for title in titles if title.strip()]
    if not titles:
        raise ValidationError({"titles": _("Bitte nennen Sie mindestens eine Aufgabe.")})
    note = _("Aus der Co-Creation-Session „%(question)s“") % {"question": session.question}
    with transaction.atomic():
        actions = [
            action_create(
                cooperation=cooperation,
                user=user,
                title=title,
                owner=user,
                due_on=due_on,
                note=note,
            )
            for title in titles
        ]
        session.result_cooperation = cooperation
        session.result_note = _("%(n)s Aufgabe(n) in „%(title)s“") % {
            "n": len(actions),
            "title": cooperation.title,
        }
        session.save(update_fields=["result_cooperation", "result_note", "updated_at"])
        bump(session)
    return actions


@dataclass
class Proposal:
    cooperation: Cooperation
    invited: list[User] = field(default_factory=list)
    not_connected: list[User] = field(default_factory=list)


def backers(session: Session) -> list[User]:
    """Who backed the winner: everyone with a dot on it, and its author unless the
    idea is anonymous (an invitation must not reveal who wrote it)."""
    winner = session.winner
    if winner is None:
        return []
    ids = set(Dot.objects.filter(idea=winner).values_list("voter_id", flat=True))
    if not winner.anonymous and winner.author_id:
        ids.add(winner.author_id)
    return list(User.objects.filter(pk__in=ids).order_by("name", "pk"))


def result_to_cooperation(*, session: Session, user: User, title: str) -> Proposal:
    """A new cooperation around the winner; the facilitator founds it and invites
    its backers (those connected with the facilitator; the others are named)."""
    winner = _decided(session, user)
    with transaction.atomic():
        cooperation = cooperation_services.cooperation_create(
            founder=user,
            title=title or winner.text[:120],
            purpose=f"{session.question}\n\n{winner.text}",
            kind=CooperationKind.JOINT_OFFER,
        )
        proposal = Proposal(cooperation=cooperation)
        for person in backers(session):
            if person.pk == user.pk:
                continue
            try:
                cooperation_services.invitation_create(
                    cooperation=cooperation, inviter=user, invitee=person
                )
            except ValidationError:
                proposal.not_connected.append(person)
            else:
                proposal.invited.append(person)
        session.result_cooperation = cooperation
        session.result_note = _("Neue Kooperation „%(title)s“") % {"title": cooperation.title}
        session.save(update_fields=["result_cooperation", "result_note", "updated_at"])
        bump(session)
    return proposal


def rating_save(*, session: Session, user: User, values: dict[str, int]) -> DimensionRating:
    """The closing round: each participant rates the four dimensions once (1–5)."""
    participant_gate(session=session, user=user)
    if not session.is_done:
        raise ValidationError(_("Die Runde zu den vier Dimensionen folgt am Ende der Session."))
    rating = DimensionRating.objects.filter(session=session, user=user).first() or (
        DimensionRating(session=session, user=user)
    )
    for name in DIMENSIONS:
        setattr(rating, name, values.get(name))
    rating.full_clean()
    with transaction.atomic():
        rating.save()
        bump(session)  # everyone sees how many have answered
    return rating
