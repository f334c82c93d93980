"""Organisations in the partner matching (intent ``complement``): the engine ranks.

An organisation is not a profile in the matching index. Its page asks the index for
freelancers whose offer fills its "Programmlücken" (the organisation as an asker that
is not indexed); a freelancer's list asks a small index of organisations, each with its
gaps as the text to be met, which of them needs what the freelancer offers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.matching.engine import MatchIndex, ProfileData, Reason
from apps.matching.explain import explanation
from apps.matching.index_store import profile_data
from apps.matching.selectors import Match, suggestions_for_data
from apps.organisations.models import Organisation, OrganisationMember
from apps.profiles.models import Profile

# Organisations with gaps considered for one freelancer, newest first: the small index
# is built per request, so it stays bounded.
MAX_ORGANISATIONS = 500
SHOWN = 5


def organisation_data(organisation: Organisation) -> ProfileData:
    """The engine's view of an organisation asking for partners: its programme as what it
    offers, its gaps as what it seeks."""
    return ProfileData(
        id=f"organisation-{organisation.pk}",
        name=organisation.name,
        about=organisation.about,
        offers=tuple(line for line in organisation.topics.splitlines() if line.strip()),
        city=organisation.city,
        seeking=organisation.gaps,
        formats=("präsenz", "online", "blended"),
        remote=True,
        intents=("complement",),
    )


def freelancers_for_gaps(*, organisation: Organisation, user: User) -> list[Match]:
    """Freelancers whose offer fills the organisation's gaps (members left out)."""
    if not organisation.gaps.strip():
        return []
    members = OrganisationMember.objects.filter(organisation=organisation).values_list(
        "user_id", flat=True
    )
    return suggestions_for_data(
        user=user,
        data=organisation_data(organisation),
        intent="complement",
        k=SHOWN,
        exclude={str(pk) for pk in members},
    )


@dataclass(frozen=True)
class GapMatch:
    organisation: Organisation
    score: float
    reason: str


def offer_text(profile: Profile) -> str:
    parts = [profile.headline, *profile.competences, *profile.offers]
    return ". ".join(str(part) for part in parts if str(part).strip())


def organisations_for_freelancer(*, user: User) -> list[GapMatch]:
    """Organisations (not the user's own) whose gaps the user's offer fills, best first."""
    profile = Profile.objects.filter(user=user).first()
    text = offer_text(profile) if profile is not None else ""
    if not text:
        return []
    candidates = list(
        Organisation.objects.exclude(gaps="")
        .exclude(members__user=user)
        .order_by("-created_at", "-pk")[:MAX_ORGANISATIONS]
    )
    if not candidates:
        return []
    by_id = {str(o.pk): o for o in candidates}
    rows = tuple((o.pk, o.name, o.gaps, o.city) for o in candidates)
    found = _index("gaps", rows).search(text, k=SHOWN)
    return [
        GapMatch(by_id[s.profile_id], s.score, _reason(s.reasons))
        for s in found
        if s.profile_id in by_id
    ]


# The last index of gaps built in this process, by what it was built from: the list page
# reuses it until an organisation's gaps, place or the set of organisations change.
Rows = tuple[tuple[int, str, str, str], ...]  # (pk, name, text, city)
_built: dict[str, tuple[Rows, MatchIndex]] = {}


def _index(kind: str, rows: Rows) -> MatchIndex:
    """Gaps: each organisation offers its gaps as the text to be met. Rooms: each
    offers its rooms, line by line, at its place (the engine reads them as space)."""
    cached = _built.get(kind)
    if cached is not None and cached[0] == rows:
        return cached[1]
    index = MatchIndex.build(
        ProfileData(
            id=str(pk),
            name=name,
            offers=(text,) if kind == "gaps" else tuple(filter(str.strip, text.splitlines())),
            city=city,
            intents=("complement",) if kind == "gaps" else ("space",),
        )
        for pk, name, text, city in rows
    )
    _built[kind] = (rows, index)
    return index


def organisations_with_rooms(*, user: User) -> list[GapMatch]:
    """For someone who looks for space (intent ``space``): organisations offering rooms
    near them, ranked by the engine's ``space`` intent."""
    profile = Profile.objects.select_related("user").filter(user=user).first()
    if profile is None or "space" not in profile.intents:
        return []
    candidates = list(
        Organisation.objects.exclude(rooms="")
        .exclude(members__user=user)
        .order_by("-created_at", "-pk")[:MAX_ORGANISATIONS]
    )
    if not candidates:
        return []
    by_id = {str(o.pk): o for o in candidates}
    rows = tuple((o.pk, o.name, o.rooms, o.city) for o in candidates)
    found = _index("rooms", rows).suggest_for(profile_data(profile), "space", k=SHOWN)
    return [
        GapMatch(by_id[s.profile_id], s.score, explanation(s))
        for s in found
        if s.profile_id in by_id
    ]


def _reason(reasons: list[Reason]) -> str:
    concepts = [c for r in reasons for c in r.params.get("concepts", [])]
    if not concepts:
        return _("Die Programmlücke ähnelt Ihrem Angebot.")
    return _("Sucht, was Sie anbieten: %(x)s") % {"x": ", ".join(dict.fromkeys(concepts[:3]))}
