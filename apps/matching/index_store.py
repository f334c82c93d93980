"""The one match index of a process, kept on disk so it survives restarts, and kept
current through the change log in the database (``IndexChange``).

Hosts share no files: every process holds its own copy. A profile change writes a
change-log entry in its own transaction; before answering, a process applies the
entries after the last one its copy has seen (at most every
``MATCHING_SYNC_SECONDS``), so an edit on one host shows on every other within a few
seconds. A process without a usable file (a new host, another engine version, a log
already pruned past its copy) builds the index from the database. The worker writes
the file back so restarts start close to current. Nothing rebuilds per request.
"""

import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from apps.matching.engine import MatchIndex, ProfileData
from apps.matching.engine.index import StaleIndexError
from apps.matching.models import IndexChange
from apps.profiles.models import Profile, Visibility

# Entries read again on every sync: a transaction that took its number earlier but
# committed later is still seen (each entry is applied once, by its number).
REREAD = 1000
# More waiting entries than this: rebuilding is cheaper than applying them one by one.
REBUILD_AFTER = 5000
# The log keeps this many days (``services.index_changes_prune``); a copy that has not
# synced for almost as long may have missed pruned entries and is rebuilt.
RETENTION_DAYS = 7
STALE_AFTER_SECONDS = (RETENTION_DAYS - 1) * 24 * 3600

_lock = threading.RLock()
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


def _log_head() -> int:
    return IndexChange.objects.aggregate(head=Max("pk"))["head"] or 0


def build_from_database() -> MatchIndex:
    """A fresh index of every profile, reflecting the log up to the head read first;
    entries committed meanwhile (also under a lower number) are applied at the next sync."""
    head = _log_head()
    seen = set(
        IndexChange.objects.filter(pk__gt=head - REREAD, pk__lte=head).values_list("pk", flat=True)
    )
    profiles = Profile.objects.select_related("user").iterator(chunk_size=5000)
    index = MatchIndex.build(profile_data(p) for p in profiles)
    index.sequence, index.seen_changes, index.synced_at = head, seen, time.time()
    return index


def save(index: MatchIndex) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    index.save(temporary)
    os.replace(temporary, path)  # atomic: readers see the old or the new file
    _cache["index"], _cache["mtime"] = index, path.stat().st_mtime_ns


def _load_or_build() -> MatchIndex:
    path = _path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        if "index" not in _cache:
            save(build_from_database())
        return _cache["index"]  # type: ignore[return-value]
    if _cache.get("mtime") != mtime:
        current = _cache.get("index")
        try:
            loaded = MatchIndex.load(path)
        except StaleIndexError:
            # written before an engine update: rebuilt once, like a missing index
            save(build_from_database())
        else:
            # another process of this host wrote it; keep ours if ours is newer
            if not isinstance(current, MatchIndex) or loaded.sequence >= current.sequence:
                _cache["index"] = loaded
            _cache["mtime"] = mtime
    return _cache["index"]  # type: ignore[return-value]


def sync(index: MatchIndex) -> MatchIndex:
    """Apply the change-log entries this copy has not seen; the index to use."""
    if time.time() - index.synced_at > STALE_AFTER_SECONDS:
        return _replace(build_from_database())  # the log may be pruned past this copy
    entries = list(
        IndexChange.objects.filter(pk__gt=max(0, index.sequence - REREAD))
        .order_by("pk")
        .values_list("pk", "user_id")[: REBUILD_AFTER + 1]
    )
    new = [(pk, user_id) for pk, user_id in entries if pk not in index.seen_changes]
    index.synced_at = time.time()
    if not new:
        return index
    if len(new) > REBUILD_AFTER or any(user_id is None for _pk, user_id in new):
        return _replace(build_from_database())
    user_ids = {user_id for _pk, user_id in new if user_id is not None}
    profiles = {
        p.user_id: p for p in Profile.objects.select_related("user").filter(user_id__in=user_ids)
    }
    for user_id in user_ids:
        profile = profiles.get(user_id)
        if profile is None:
            index.remove(str(user_id))
        else:
            index.upsert(profile_data(profile))
    index.sequence = max(index.sequence, *(pk for pk, _user_id in new))
    # only the window read again needs remembering
    index.seen_changes = {
        pk for pk in index.seen_changes | {pk for pk, _ in new} if pk > index.sequence - REREAD
    }
    return index


def _replace(index: MatchIndex) -> MatchIndex:
    _cache["index"] = index
    return index


def lock() -> "threading.RLock":
    """The process's index lock (for services that change the index)."""
    return _lock


def current() -> MatchIndex:
    """The process's index without syncing (call with :func:`lock` held)."""
    return _load_or_build()


def get_index() -> MatchIndex:
    """The current index: loaded from disk when newer, built once when missing, and
    brought up to the change log at most every ``MATCHING_SYNC_SECONDS``."""
    with _lock:
        index = _load_or_build()
        now = time.monotonic()
        last = _cache.get("synced_at")
        interval = float(settings.MATCHING_SYNC_SECONDS)
        if last is None or now - float(last) >= interval:  # type: ignore[arg-type]
            index = sync(index)
            _cache["synced_at"] = now
        return index


def announce(*, user_id: int | None) -> None:
    """Write the change-log entry for one profile (None: everything changed)."""
    IndexChange.objects.create(user_id=user_id)


def forget() -> None:
    """Drop the process copy (tests switch databases and index paths)."""
    _cache.clear()
