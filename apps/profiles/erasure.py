"""Account deletion: the profile goes (see ``apps.base.erasure``)."""

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.matching.services import index_schedule_update
from apps.profiles.models import Profile


@erasure_step("profile")
def profile(user: User) -> None:
    Profile.objects.filter(user=user).delete()
    index_schedule_update(user_id=user.pk)  # every host drops the person from its index
