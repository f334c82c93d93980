"""The hash chain covers every field of the agreement's content, from one list."""

from datetime import date

import pytest

from apps.accounts.models import User
from apps.cooperations import integrity, services
from apps.cooperations.models import AgreementVersion, Cooperation
from tests.factories import agree

# who did what when, and the hashes themselves. Anything else is content.
BOOKKEEPING = {
    "id",
    "cooperation",
    "number",
    "status",
    "revision",
    "edited_by",
    "proposed_at",
    "proposed_by",
    "in_force_at",
    "previous_hash",
    "content_hash",
    "signature",  # over content_hash, made with the key outside the database
    "signing_key",
    "free_text_html",  # free_text rendered once it is in force; free_text is hashed
    "created_at",
    "updated_at",
}


def test_every_content_field_of_a_version_is_hashed_and_edited_in_the_draft() -> None:
    # A new field on AgreementVersion fails here until it is either content (and then
    # sealed by the chain) or declared bookkeeping above, on purpose.
    concrete = {field.name for field in AgreementVersion._meta.concrete_fields}
    assert concrete - BOOKKEEPING == set(AgreementVersion.CONTENT_FIELDS)
    assert integrity.CONTENT_FIELDS is AgreementVersion.CONTENT_FIELDS
    assert services.AGREEMENT_TEXT_FIELDS is AgreementVersion.CONTENT_FIELDS


@pytest.mark.django_db
@pytest.mark.parametrize("name", AgreementVersion.CONTENT_FIELDS)
def test_changing_any_content_field_changes_the_hash(
    name: str, cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    before = integrity.version_hash(version, previous_hash="")
    changed = {
        "starts_on": date(2031, 1, 1),
        "ends_on": date(2032, 1, 1),
        "review_every_days": 30,
    }.get(name, "anders")
    setattr(version, name, changed)

    assert integrity.version_hash(version, previous_hash="") != before
