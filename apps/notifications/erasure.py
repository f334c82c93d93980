"""Account deletion: the notice settings go (see ``apps.base.erasure``)."""

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.notifications.models import NotificationSettings


@erasure_step("notifications")
def notification_settings(user: User) -> None:
    NotificationSettings.objects.filter(user=user).delete()
