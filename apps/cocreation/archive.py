"""A cooperation's sessions in its archive: question, phases, ideas (anonymous ones
without author), clusters, dots per idea and the decision. Four queries."""

from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from apps.cocreation.models import Cluster, Idea, Session
from apps.cooperations.archive import ArchivePart, archive_section, iso, name_of
from apps.cooperations.models import Cooperation


def idea_data(idea: Idea) -> dict[str, Any]:
    """An idea as exports show it: the author only when the idea is not anonymous."""
    return {
        "id": idea.pk,
        "text": idea.text,
        "author": idea.shown_author or None,
        "anonymous": idea.anonymous,
        "step": idea.step,
        "cluster_id": idea.cluster_id,
        "dots": getattr(idea, "dot_count", None),
        "created_at": iso(idea.created_at),
    }


@archive_section(
    "cocreation_sessions",
    description=_("die Co-Creation-Sessions mit Ideen, Gruppen, Punkten und Entscheidung"),
)
def sessions_section(cooperation: Cooperation) -> ArchivePart:
    sessions = list(
        Session.objects.filter(cooperation=cooperation)
        .select_related("facilitator", "case_giver")
        .order_by("created_at", "pk")
    )
    ideas: dict[int, list[Idea]] = defaultdict(list)
    for idea in (
        Idea.objects.filter(session__in=sessions)
        .select_related("author")
        .annotate(dot_count=Count("dots"))
        .order_by("created_at", "pk")
    ):
        ideas[idea.session_id].append(idea)
    clusters: dict[int, list[Cluster]] = defaultdict(list)
    for cluster in Cluster.objects.filter(session__in=sessions):
        clusters[cluster.session_id].append(cluster)
    return ArchivePart(
        data=[
            {
                "id": session.pk,
                "question": session.question,
                "format": session.format,
                "facilitator": name_of(session.facilitator),
                "case_giver": name_of(session.case_giver),
                "phase": session.phase,
                "anonymous": session.anonymous,
                "dots_per_person": session.dots_per_person,
                "winner_id": session.winner_id,
                "result": session.result_note,
                "created_at": iso(session.created_at),
                "ended_at": iso(session.ended_at),
                "clusters": [{"id": c.pk, "name": c.name} for c in clusters[session.pk]],
                "ideas": [idea_data(idea) for idea in ideas[session.pk]],
            }
            for session in sessions
        ]
    )
