"""Account deletion: the profile goes (see ``apps.base.erasure``)."""

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.profiles.models import Profile


@erasure_step("profile")
def profile(user: User) -> None:
    Profile.objects.filter(user=user).delete()
