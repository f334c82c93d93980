"""The one match index of a process, kept on disk so it survives restarts.

The worker updates the index incrementally (one profile per task) and writes it
back atomically; web processes notice the newer file by its modification time
and load it. Nothing here rebuilds the index per request.
"""

import os
import threading
from pathlib import Path

from django.conf import settings

from apps.matching.engine import MatchIndex, ProfileData
from apps.matching.engine.index import StaleIndexError
from apps.profiles.models import Profile, Visibility

_lock = threading.Lock()
_cache: dict[str, object] = {}


def profile_data(profile: Profile) -> ProfileData:
    """The engine's view of a profile; the id is the user id as text."""
    return ProfileData(
        id=str(profile.user_id),
        name=profile.user.name if hasattr(profile, "user") else "",
        headline=profile.headline,
        about=profile.about,
        competences=tuple(profile.competences),
        offers=tuple(profile.offers),
        target_groups=tuple(profile.target_groups),
        industries=tuple(profile.industries),
        city=profile.city,
        postal_code=profile.postal_code,
        remote=profile.remote,
        formats=tuple(profile.formats),
        languages=tuple(profile.languages),
        hours_per_month=profile.hours_per_month,
        seeking=profile.seeking,
        intents=tuple(profile.intents),
        visible=profile.visibility != Visibility.HIDDEN,
    )


def _path() -> Path:
    return Path(settings.MATCHING_INDEX_PATH)


def build_from_database() -> MatchIndex:
    profiles = Profile.objects.select_related("user").iterator(chunk_size=5000)
    return MatchIndex.build(profile_data(p) for p in profiles)


def save(index: MatchIndex) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    index.save(temporary)
    os.replace(temporary, path)  # atomic: readers see the old or the new file
    _cache["index"], _cache["mtime"] = index, path.stat().st_mtime_ns


def get_index() -> MatchIndex:
    """The current index: loaded from disk when newer, built once when missing."""
    path = _path()
    with _lock:
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            if "index" not in _cache:
                save(build_from_database())
            return _cache["index"]  # type: ignore[return-value]
        if _cache.get("mtime") != mtime:
            try:
                _cache["index"], _cache["mtime"] = MatchIndex.load(path), mtime
            except StaleIndexError:
                # written before an engine update: rebuilt once, like a missing index
                save(build_from_database())
        return _cache["index"]  # type: ignore[return-value]


def forget() -> None:
    """Drop the process copy (tests switch databases and index paths)."""
    _cache.clear()
