import pickle

import pytest
from django.conf import settings

from apps.accounts.models import User
from apps.matching import index_store
from apps.matching.engine import MatchIndex
from apps.profiles.models import Profile

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
