"""Gatherings (Treffen) and the answers to them."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cocreation.models import Circle, Gathering, Rsvp, RsvpAnswer
from apps.cocreation.services.access import circle_gate


def gathering_create(
    *,
    circle: Circle,
    user: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_url: str = "",
    note: str = "",
) -> Gathering:
    """Any member plans a gathering in the future, with a place or a video link."""
    circle_gate(circle=circle, user=user)
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Der Beginn liegt in der Vergangenheit.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Das Ende muss nach dem Beginn liegen.")})
    if not place.strip() and not video_url.strip():
        raise ValidationError(_("Bitte geben Sie einen Ort oder einen Videolink an."))
    gathering = Gathering(
        circle=circle,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_url=video_url.strip(),
        note=note.strip(),
        created_by=user,
    )
    gathering.full_clean()
    gathering.save()
    return gathering


def rsvp_set(*, gathering: Gathering, user: User, answer: str) -> Rsvp:
    """A member says yes, no or maybe; a later answer replaces the earlier one."""
    circle_gate(circle=gathering.circle, user=user)
    if answer not in RsvpAnswer.values:
        raise ValidationError(_("Bitte wählen Sie eine Antwort."))
    with transaction.atomic():
        rsvp, _created = Rsvp.objects.update_or_create(
            gathering=gathering,
            user=user,
            defaults={"answer": answer, "answered_at": timezone.now()},
        )
    return rsvp
