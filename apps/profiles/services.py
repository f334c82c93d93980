from typing import Any

from django.db import transaction

from apps.base.text_limits import check_text_limits
from apps.matching.services import index_schedule_update
from apps.profiles.models import EDITABLE_FIELDS, TEXT_LIMITS, Profile


@transaction.atomic
def profile_update(*, user: Any, data: dict[str, Any]) -> Profile:
    """Save the profile and refresh the user's place in the match index after commit."""
    check_text_limits(data, TEXT_LIMITS)
    profile, _ = Profile.objects.get_or_create(user=user)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    profile.full_clean()
    profile.save()
    index_schedule_update(user_id=user.pk)
    return profile
