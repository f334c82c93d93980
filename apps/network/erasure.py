"""Account deletion: connections, contact requests, asks and blocks of the person go
(see ``apps.base.erasure``); the other people simply no longer see them."""

from django.db.models import Q

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.network.models import Ask, AskMatch, Block, Connection, ContactRequest


@erasure_step("network")
def network(user: User) -> None:
    ContactRequest.objects.filter(Q(sender=user) | Q(recipient=user)).delete()
    Connection.objects.filter(Q(user_low=user) | Q(user_high=user)).delete()
    AskMatch.objects.filter(user=user).delete()
    Ask.objects.filter(author=user).delete()
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
