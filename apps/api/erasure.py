"""Account deletion: the person's access tokens go (see ``apps.base.erasure``)."""

from apps.accounts.models import User
from apps.api.models import AccessToken
from apps.base.erasure import erasure_step


@erasure_step("api_tokens")
def api_tokens(user: User) -> None:
    AccessToken.objects.filter(user=user).delete()
