"""What the write services of meetings share: nudge subjects and small checks.

Who may write is not decided here: every service asks the cooperation's one gate,
``apps.cooperations.gate.write_gate``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, Membership

NO_MEETING_RULE = "no_meeting_planned"


def action_subject(action_id: int) -> str:
    """The nudge subject of an action (rules and ``nudges_resolve`` share it)."""
    return f"action:{action_id}"


def meetings_subject(cooperation_id: int) -> str:
    """The nudge subject "no meeting planned" of a cooperation."""
    return f"meetings:{cooperation_id}"


def owner_in(cooperation: Cooperation, user: User | None) -> User:
    """The owner of an action, who must be a current member."""
    if (
        user is None
        or not Membership.objects.current().filter(cooperation=cooperation, user=user).exists()
    ):
        raise ValidationError(
            {"owner": _("Zuständig kann nur ein aktuelles Mitglied der Kooperation sein.")}
        )
    return user


def assign_stripped(instance: object, **fields: object) -> None:
    """Set the fields on the instance, text without surrounding blanks."""
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
