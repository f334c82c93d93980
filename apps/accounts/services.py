"""Account services: deleting an account (the person's right to erasure)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.base.erasure import erase_personal_data

# What the partners see where the person's name stood (stored, not translated).
FORMER_MEMBER = "ehemaliges Mitglied"


def anonymous_email(user: User) -> str:
    return f"geloescht-{user.pk}@wirwerk.invalid"


def account_delete(*, user: User, password: str) -> None:
    """Erase the person's data; keep shared records under "ehemaliges Mitglied".

    The account row stays (ledger entries, agreement versions, decisions and
    referrals point at it, and the agreements' hash chain covers its id), but it
    holds nothing personal any more and can never log in again. The names people
    signed agreements with stay in those acceptances: a signed agreement is the
    partners' record as well (kept for their legal claims).
    """
    if not user.is_active or not user.check_password(password):
        raise ValidationError(_("Das Passwort stimmt nicht."), code="password")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        erase_personal_data(locked)
        _erase_login(locked)
        locked.email = anonymous_email(locked)
        locked.name = FORMER_MEMBER
        locked.is_active = False
        locked.is_staff = False
        locked.is_superuser = False
        locked.set_unusable_password()
        locked.save()
        locked.groups.clear()
        locked.user_permissions.clear()


def _erase_login(user: User) -> None:
    """E-mail addresses and second factors. Other sessions die with ``is_active``:
    the authentication backend refuses inactive accounts on every request."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
