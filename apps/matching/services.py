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
