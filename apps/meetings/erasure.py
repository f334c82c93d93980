"""Account deletion: the personal calendar feeds go (see ``apps.base.erasure``);
meetings, decisions and actions are the cooperation's records and stay."""

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.meetings.models import CalendarFeed


@erasure_step("calendar_feeds")
def calendar_feeds(user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
