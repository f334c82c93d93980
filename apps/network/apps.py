from typing import Any

from django.apps import AppConfig
from django.db.models import Q


def _blocked_either_way(user: Any) -> set[int]:
    from apps.network.selectors import blocked_user_ids

    return blocked_user_ids(user=user)


def _known(viewer: Any, owner_id: int) -> bool:
    from apps.network.models import Connection, ContactRequest

    user_ids = {viewer.pk, owner_id}
    connected = Connection.objects.filter(user_low_id__in=user_ids, user_high_id__in=user_ids)
    asked = ContactRequest.objects.filter(
        Q(sender=viewer, recipient_id=owner_id) | Q(sender_id=owner_id, recipient=viewer)
    )
    return connected.exists() or asked.exists()


class NetworkConfig(AppConfig):
    name = "apps.network"
    label = "network"

    def ready(self) -> None:
        from apps.matching.exclusions import exclusion_source
        from apps.profiles.access import acquaintance_source

        # Blocked people are never suggested to each other, in any ranking.
        exclusion_source(_blocked_either_way)
        # People who are connected or asked each other may open each other's profiles
        # shown "only in partner suggestions".
        acquaintance_source(_known)
