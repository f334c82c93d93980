from django.db import transaction

from apps.matching import index_store
from apps.profiles.models import Profile


def index_update_profile(*, user_id: int) -> None:
    """Bring one profile into the index (or take it out), without a full rebuild."""
    index = index_store.get_index()
    profile = Profile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None:
        index.remove(str(user_id))
    else:
        index.upsert(index_store.profile_data(profile))
    index_store.save(index)


def index_rebuild() -> None:
    index_store.save(index_store.build_from_database())


def index_schedule_update(*, user_id: int) -> None:
    """Queue the index update for after the surrounding transaction commits."""
    from apps.matching.tasks import index_profile

    transaction.on_commit(lambda: index_profile.enqueue(user_id))


ASK_MATCHES = 20


@transaction.atomic
def ask_match_people(*, ask_id: int) -> None:
    """Find the people whose profile answers an open ask and keep them with the ask."""
    from apps.matching.engine import Filters
    from apps.matching.explain import explanation
    from apps.network.models import Ask, AskFormat, AskMatch, AskStatus
    from apps.network.selectors import blocked_user_ids

    ask = Ask.objects.select_related("author").filter(pk=ask_id).first()
    if ask is None:
        return
    AskMatch.objects.filter(ask=ask).delete()
    if ask.status != AskStatus.OPEN:
        return
    text = " ".join([ask.title, ask.description, *ask.competences])
    exclude = {str(pk) for pk in blocked_user_ids(user=ask.author)} | {str(ask.author_id)}
    on_site = ask.city and ask.format == AskFormat.PRAESENZ
    filters = Filters(city=ask.city, radius_km=75.0) if on_site else None
    found = index_store.get_index().search(text, k=ASK_MATCHES, exclude=exclude, filters=filters)
    AskMatch.objects.bulk_create(
        AskMatch(ask=ask, user_id=int(s.profile_id), score=s.score, reason=explanation(s)[:300])
        for s in found
    )


def ask_schedule_matching(*, ask_id: int) -> None:
    from apps.matching.tasks import match_ask

    transaction.on_commit(lambda: match_ask.enqueue(ask_id))
