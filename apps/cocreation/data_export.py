"""The co-creation part of a person's data export: circle memberships (with the
norms accepted), join requests, RSVPs, board posts and replies, named ideas, dots,
ratings and the case giver's own notes.

Anonymous ideas are not here: they were given to the session without a name, and no
output ties them to a person – not even this one (a forwarded export would)."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.cocreation.models import (
    BoardPost,
    BoardReply,
    CaseNote,
    CircleMembership,
    DimensionRating,
    Dot,
    Idea,
    JoinRequest,
    Rsvp,
)


@data_export_section("cocreation")
def cocreation(user: User) -> dict[str, Any]:
    return {
        "circles": [
            {
                "circle": m.circle.name,
                "norms_version": m.norms_version,
                "norms_accepted_at": iso(m.norms_accepted_at),
                "joined_at": iso(m.joined_at),
                "left_at": iso(m.left_at),
            }
            for m in CircleMembership.objects.filter(user=user).select_related("circle")
        ],
        "join_requests": [
            {"circle": r.circle.name, "message": r.message, "status": r.status}
            for r in JoinRequest.objects.filter(user=user).select_related("circle")
        ],
        "rsvps": [
            {"gathering": r.gathering.title, "answer": r.answer, "at": iso(r.answered_at)}
            for r in Rsvp.objects.filter(user=user).select_related("gathering")
        ],
        "posts": [
            {"title": p.title, "body": p.body, "at": iso(p.created_at)}
            for p in BoardPost.objects.filter(author=user)
        ],
        "replies": [
            {"body": r.body, "at": iso(r.created_at)}
            for r in BoardReply.objects.filter(author=user)
        ],
        "ideas": [
            {
                "session": i.session.question,
                "text": i.text,
                "at": iso(i.created_at),
            }
            for i in Idea.objects.filter(author=user, anonymous=False).select_related("session")
        ],
        "dots": [
            {"idea": d.idea.text, "at": iso(d.created_at)}
            for d in Dot.objects.filter(voter=user).select_related("idea")
        ],
        "ratings": [
            {
                "session": r.session.question,
                "personality": r.personality,
                "behaviour": r.behaviour,
                "culture": r.culture,
                "organisation": r.organisation,
            }
            for r in DimensionRating.objects.filter(user=user).select_related("session")
        ],
        "case_notes": [
            {"session": n.session.question, "text": n.text}
            for n in CaseNote.objects.filter(author=user).select_related("session")
        ],
    }
