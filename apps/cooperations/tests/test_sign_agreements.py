"""sign_agreements: versions that came into force before signatures existed are signed
once, afterwards verify_agreements passes; nothing else can be signed after the fact."""

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

from apps.accounts.models import User
from apps.base.records import guards_lifted
from apps.cooperations import integrity
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.cooperations.tests.test_verify_agreements import run, summary
from tests.factories import agree

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 3, 1, 9, 0, tzinfo=UTC)


def sign(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("sign_agreements", *args, stdout=out, no_color=True)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def as_before_signatures(cooperation: Cooperation, *, in_force_at: datetime = LONG_AGO) -> None:
    """Versions as an instance before signatures has them: no signature, no key, no
    stored HTML (what migration 0004 found in existing rows)."""
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cooperations_agreementversion SET signature = NULL, signing_key = NULL, "
            "free_text_html = NULL, in_force_at = %s WHERE cooperation_id = %s",
            [in_force_at, cooperation.pk],
        )


def test_old_unsigned_versions_are_signed_once_and_then_verify(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben, goals="Erste Ziele.")
    agree(cooperation, anna, ben, goals="Zweite Ziele.")
    as_before_signatures(cooperation)
    status, output = run()
    assert status == 1 and "keine Signatur" in output

    status, output = sign()

    assert status == 0
    assert summary(output) == {"signed": 2, "rendered": 2, "refused": 0}
    for version in AgreementVersion.objects.filter(cooperation=cooperation):
        assert integrity.signature_valid(version)
        assert version.free_text_html is not None
    status, output = run()
    assert status == 0, output
    # Exactly once: a second run has nothing left to do.
    assert summary(sign()[1]) == {"signed": 0, "rendered": 0, "refused": 0}


def test_a_backfilled_signature_then_stays(cooperation: Cooperation, anna: User, ben: User) -> None:
    version = agree(cooperation, anna, ben)
    as_before_signatures(cooperation)
    sign()
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cooperations_agreementversion SET signature = NULL WHERE id = %s",
            [version.pk],
        )


def test_a_signature_removed_from_a_newer_version_is_not_made_again(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    # Versions that came into force after signing began had a signature; a missing one
    # was removed, and signing it now would bless whatever was changed with it.
    agree(cooperation, anna, ben)
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cooperations_agreementversion SET signature = NULL WHERE cooperation_id = %s",
            [cooperation.pk],
        )

    status, output = sign()

    assert status == 1
    assert "nach Einführung der Signaturen" in output
    assert summary(output)["signed"] == 0
    assert run()[0] == 1


def test_an_old_chain_that_does_not_verify_is_not_signed(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben, goals="Erste Ziele.")
    as_before_signatures(cooperation)
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cooperations_agreementversion SET goals = 'Anna bekommt alles.' WHERE id = %s",
            [version.pk],
        )

    status, output = sign()

    assert status == 1
    assert "Hash-Kette der Kooperation ist nicht intakt" in output
    assert AgreementVersion.objects.get(pk=version.pk).signature is None
