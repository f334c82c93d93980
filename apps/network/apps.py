from typing import Any

from django.apps import AppConfig


def _blocked_either_way(user: Any) -> set[int]:
    from apps.network.selectors import blocked_user_ids

    return blocked_user_ids(user=user)


class NetworkConfig(AppConfig):
    name = "apps.network"
    label = "network"

    def ready(self) -> None:
        from apps.matching.exclusions import exclusion_source

        # Blocked people are never suggested to each other, in any ranking.
        exclusion_source(_blocked_either_way)
