from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _co_member(viewer: Any, owner_id: int) -> bool:
    from apps.cooperations.models import Membership

    shared = Membership.objects.filter(user=viewer).values("cooperation_id")
    return Membership.objects.filter(user_id=owner_id, cooperation_id__in=shared).exists()


class CooperationsConfig(AppConfig):
    name = "apps.cooperations"
    verbose_name = _("Kooperationen")

    def ready(self) -> None:
        from apps.profiles.access import acquaintance_source

        # Members of a cooperation (also former ones) may open each other's profiles.
        acquaintance_source(_co_member)
