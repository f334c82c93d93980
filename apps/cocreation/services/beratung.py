"""Kollegiale Beratung: the moderator moves the steps (the timer restarts with each);
the case giver keeps private notes."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cocreation.models import CaseNote, Session
from apps.cocreation.services.access import participant_gate
from apps.cocreation.services.sessions import phase_advance


def step_advance(*, session: Session, user: User, expected: str = "") -> Session:
    """The moderator (the session's facilitator) starts the next step."""
    return phase_advance(session=session, user=user, expected=expected)


def case_note_save(*, session: Session, user: User, text: str) -> CaseNote:
    """Only the case giver writes (and reads) these notes."""
    participant_gate(session=session, user=user)
    if session.case_giver_id != user.pk:
        raise PermissionDenied(_("Diese Notizen führt nur der Fallgeber."))
    note, _created = CaseNote.objects.update_or_create(
        session=session, author=user, defaults={"text": text.strip()}
    )
    return note
