import pickle
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from apps.accounts.models import User
from apps.matching import index_store
from apps.matching.engine import MatchIndex
from apps.matching.models import IndexChange
from apps.matching.selectors import people_for_text
from apps.matching.services import index_changes_prune
from apps.profiles.models import Profile
from apps.profiles.services import profile_update

pytestmark = pytest.mark.django_db


def test_an_index_written_by_an_older_engine_is_rebuilt_from_the_profiles(anna: User) -> None:
    path = settings.MATCHING_INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump({"_version": "0:00000000"}, fh)
    index_store.forget()

    index = index_store.get_index()

    assert len(index) == Profile.objects.count()
    assert str(anna.pk) in index
    assert len(MatchIndex.load(path)) == len(index)  # the file now holds the current version


# The change log: hosts share no files, edits travel through the database ---------------

BEES = "Imkerei-Workshops für Teams: Bienenvölker pflegen, Honig schleudern"


def _finds_bees(user: User) -> list[int]:
    return [pk for pk, _score, _reason in people_for_text(user=user, text=BEES, k=3)]


def test_an_edit_reaches_the_index_through_the_change_log_without_the_worker(
    anna: User, carla: User
) -> None:
    index_store.get_index()  # this process's copy, before the edit
    # The worker's task would run after commit; here it never runs.
    profile_update(user=carla, data={"offers": [BEES]})

    assert IndexChange.objects.filter(user_id=carla.pk).exists()
    assert _finds_bees(anna)[:1] == [carla.pk]


def test_a_copy_loaded_from_an_old_file_catches_up_from_the_log(anna: User, carla: User) -> None:
    index_store.save(index_store.build_from_database())  # the file another host holds
    profile_update(user=carla, data={"offers": [BEES]})
    index_store.forget()  # a process starting from that file

    assert _finds_bees(anna)[:1] == [carla.pk]


def test_an_entry_committed_late_under_a_lower_number_is_still_applied(
    anna: User, carla: User
) -> None:
    index = index_store.get_index()
    late = IndexChange.objects.create(user_id=carla.pk)
    IndexChange.objects.create(user_id=anna.pk)
    index_store.sync(index)
    # as if ``late`` had not been committed yet when the copy read the log
    index.seen_changes.discard(late.pk)
    Profile.objects.filter(user=carla).update(offers=[BEES])

    assert _finds_bees(anna)[:1] == [carla.pk]
    assert late.pk in index_store.get_index().seen_changes


def test_an_import_makes_every_copy_rebuild(anna: User, carla: User) -> None:
    index_store.get_index()
    Profile.objects.filter(user=carla).update(offers=[BEES])  # as an import writes
    index_store.announce(user_id=None)

    assert _finds_bees(anna)[:1] == [carla.pk]


def test_a_copy_older_than_the_pruned_log_rebuilds(anna: User, carla: User) -> None:
    index_store.save(index_store.build_from_database())  # a host's file, then it sleeps
    Profile.objects.filter(user=carla).update(offers=[BEES])
    index_store.announce(user_id=carla.pk)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert index_changes_prune() == 1  # carla's entry is gone from the log
        index_store.forget()  # the host starts again from its old file

        assert _finds_bees(anna)[:1] == [carla.pk]


def test_a_copy_that_synced_recently_is_not_rebuilt(anna: User, carla: User) -> None:
    index = index_store.get_index()
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        assert index_store.get_index() is index


def test_a_process_applies_the_log_at_most_every_sync_interval(
    anna: User, carla: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MATCHING_SYNC_SECONDS = 3600
    index_store.get_index()
    profile_update(user=carla, data={"offers": [BEES]})
    assert _finds_bees(anna)[:1] != [carla.pk]  # within the interval: the old copy

    settings.MATCHING_SYNC_SECONDS = 0
    assert _finds_bees(anna)[:1] == [carla.pk]


def test_a_deleted_account_leaves_every_index(anna: User, carla: User) -> None:
    from apps.accounts.services import account_delete
    from apps.core.demo.personas import DEMO_PASSWORD

    profile_update(user=carla, data={"offers": [BEES]})
    assert _finds_bees(anna)[:1] == [carla.pk]

    account_delete(user=carla, password=DEMO_PASSWORD)

    assert carla.pk not in _finds_bees(anna)
    assert IndexChange.objects.filter(user_id=carla.pk).count() == 2
