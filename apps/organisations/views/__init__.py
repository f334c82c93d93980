from apps.organisations.views.cooperations import (
    cooperation_organisation_add,
    cooperation_organisation_remove,
    cooperation_organisations,
    size_fair_key_propose,
)
from apps.organisations.views.members import member_add, member_leave, member_remove, member_role
from apps.organisations.views.organisations import (
    organisation_create,
    organisation_detail,
    organisation_edit,
    organisation_list,
)
from apps.organisations.views.trainings import (
    training_attendance,
    training_cancel,
    training_detail,
    training_list,
    training_new,
    training_signup,
)

__all__ = [
    "cooperation_organisation_add",
    "cooperation_organisation_remove",
    "cooperation_organisations",
    "member_add",
    "member_leave",
    "member_remove",
    "member_role",
    "organisation_create",
    "organisation_detail",
    "organisation_edit",
    "organisation_list",
    "size_fair_key_propose",
    "training_attendance",
    "training_cancel",
    "training_detail",
    "training_list",
    "training_new",
    "training_signup",
]
