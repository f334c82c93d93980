from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.matching import index_store
from apps.matching.models import IndexChange
from apps.profiles.models import Profile


def index_update_profile(*, user_id: int) -> None:
    """Bring one profile into this process's index (or take it out), apply whatever
    else the change log holds, and write the index file for the next start."""
    with index_store.lock():
        index = index_store.sync(index_store.current())
        profile = Profile.objects.select_related("user").filter(user_id=user_id).first()
        if profile is None:
            index.remove(str(user_id))
        else:
            index.upsert(index_store.profile_data(profile))
        index_store.save(index)


def index_rebuild() -> None:
    with index_store.lock():
        index_store.save(index_store.build_from_database())


def index_schedule_update(*, user_id: int) -> None:
    """Announce the change in the change log (in the caller's transaction: every host
    applies it) and queue the worker's update of the index file after commit."""
    from apps.matching.tasks import index_profile

    index_store.announce(user_id=user_id)
    transaction.on_commit(lambda: index_profile.enqueue(user_id))


def index_schedule_rebuild() -> None:
    """Everything changed (an import): announced to every host, and this process
    rebuilds right after commit."""
    index_store.announce(user_id=None)
    transaction.on_commit(index_rebuild)


def index_changes_prune(*, days: int = index_store.RETENTION_DAYS) -> int:
    """Forget change-log entries older than ``days`` (a copy older than the log
    rebuilds); the number removed."""
    before = timezone.now() - timedelta(days=days)
    removed, _ = IndexChange.objects.filter(created_at__lt=before).delete()
    return removed
