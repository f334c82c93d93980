"""Writes of organisations: membership, cooperations, size-fair keys, trainings."""

from apps.organisations.services.cooperations import (
    cooperation_organisation_add,
    cooperation_organisation_remove,
    size_fair_key_propose,
)
from apps.organisations.services.members import (
    member_add,
    member_leave,
    member_remove,
    member_role_change,
    organisation_create,
    organisation_update,
)
from apps.organisations.services.trainings import (
    training_attendance,
    training_create,
    training_signup,
    training_signup_cancel,
)

__all__ = [
    "cooperation_organisation_add",
    "cooperation_organisation_remove",
    "member_add",
    "member_leave",
    "member_remove",
    "member_role_change",
    "organisation_create",
    "organisation_update",
    "size_fair_key_propose",
    "training_attendance",
    "training_create",
    "training_signup",
    "training_signup_cancel",
]
