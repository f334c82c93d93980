"""Tamper evidence that survives a rewrite: signatures with a key outside the database,
receipts every member keeps, and the page where a member checks one."""

import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from apps.accounts.models import User
from apps.base.records import guards_lifted
from apps.cooperations import documents, integrity, receipts, signing
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.cooperations.tests.test_verify_agreements import run, summary
from tests.factories import agree

pytestmark = pytest.mark.django_db


def sql(statement: str, *params: Any) -> None:
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def rewrite_with_recomputed_hashes(cooperation: Cooperation, *, goals: str) -> None:
    """What an operator with database access can do: change version 1 and recompute
    every hash after it, so that the chain looks whole again."""
    versions = list(cooperation.agreement_versions.accepted().order_by("number"))
    sql("UPDATE cooperations_agreementversion SET goals = %s WHERE id = %s", goals, versions[0].pk)
    previous = ""
    for version in versions:
        stored = AgreementVersion.objects.get(pk=version.pk)
        content_hash = integrity.version_hash(stored, previous_hash=previous)
        sql(
            "UPDATE cooperations_agreementversion SET previous_hash = %s, content_hash = %s "
            "WHERE id = %s",
            previous,
            content_hash,
            version.pk,
        )
        previous = content_hash


def member_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def verify_page(client: Client, cooperation: Cooperation, **data: Any) -> str:
    url = reverse("cooperations:agreement-verify", args=[cooperation.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_key_lives_in_a_private_file_outside_the_database(
    cooperation: Cooperation, anna: User, ben: User, settings: Any
) -> None:
    path = Path(settings.WIRWERK_SIGNING_KEY)
    assert not path.exists()

    version = agree(cooperation, anna, ben)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in path.read_bytes()
    assert version.signing_key == signing.fingerprint()
    # Nothing in the database can sign: no column holds the private key.
    row = AgreementVersion.objects.filter(pk=version.pk).values().get()
    assert not any("PRIVATE KEY" in str(value) for value in row.values())
    assert integrity.signature_valid(AgreementVersion.objects.get(pk=version.pk))


def test_signatures_made_before_survive_a_restart_with_the_same_key_file(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    signing._cache.clear()  # a new process reads the key from its file

    assert integrity.signature_valid(AgreementVersion.objects.get(pk=version.pk))


def test_a_rewrite_of_version_one_with_recomputed_hashes_fails_the_signature(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben, goals="Gemeinsam ein Programm entwickeln.")
    agree(cooperation, anna, ben, goals="Das Programm dreimal durchführen.")
    rewrite_with_recomputed_hashes(cooperation, goals="Anna bekommt alles.")

    status, output = run()

    # The chain alone no longer notices: every hash was recomputed.
    assert "passen nicht zum Prüfwert" not in output
    assert "Fassung 1: Die Signatur passt nicht zu Prüfwert und Fassung" in output
    assert "Fassung 2: Die Signatur passt nicht" in output
    assert status == 1 and summary(output)["problems"] == 2


def test_a_removed_signature_and_a_foreign_key_are_reported(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    first = agree(cooperation, anna, ben)
    second = agree(cooperation, anna, ben, goals="Weiter.")
    sql("UPDATE cooperations_agreementversion SET signature = NULL WHERE id = %s", first.pk)
    sql(
        "UPDATE cooperations_agreementversion SET signing_key = %s WHERE id = %s",
        "0" * 64,
        second.pk,
    )

    status, output = run()

    assert status == 1
    assert "Fassung 1: Die Fassung hat keine Signatur" in output
    assert "Fassung 2: Die Fassung ist mit einem anderen Schlüssel signiert" in output


def test_the_signature_columns_of_an_accepted_version_are_guarded(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    from django.db import DatabaseError, transaction

    version = agree(cooperation, anna, ben)
    with pytest.raises(DatabaseError), transaction.atomic():
        AgreementVersion.objects.filter(pk=version.pk).update(signature="x")


def test_every_member_gets_the_receipt_by_mail_through_smtp(
    cooperation: Cooperation,
    anna: User,
    ben: User,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        version = agree(cooperation, anna, ben)

    assert sorted(m["To"] for m in smtp_server.messages) == sorted([anna.email, ben.email])
    message = smtp_server.messages[0]
    assert "Quittung: Fassung 1" in str(message["Subject"]) or "Quittung" in str(message["Subject"])
    body = message.get_payload(decode=True).decode()
    assert f"Prüfwert (Kopf der Hash-Kette): {version.content_hash}" in body
    assert f"Signatur (Ed25519): {version.signature}" in body
    assert f"Fingerabdruck des Schlüssels: {version.signing_key}" in body
    assert receipts.receipt_code(version) in body
    # The mail's code checks out on the verify page.
    found = receipts.find_receipt(body)
    assert found is not None
    assert receipts.check_receipt(cooperation=cooperation, receipt=found).ok


def test_demo_seeding_signs_but_mails_no_receipts(
    cooperation: Cooperation,
    anna: User,
    ben: User,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True), receipts.mail_paused():
        version = agree(cooperation, anna, ben)

    assert smtp_server.messages == []
    assert integrity.signature_valid(version)


def test_the_receipt_page_shows_what_a_member_keeps(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    url = reverse("cooperations:agreement-receipt", args=[cooperation.pk, 1])

    html = member_client(ben).get(url).content.decode()

    for value in (version.content_hash, version.signature, version.signing_key):
        assert value and value in html
    assert receipts.receipt_code(version) in html


def test_a_deleted_newest_version_is_detected_by_a_members_receipt(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    second = agree(cooperation, anna, ben, goals="Anna zahlt mehr.")
    code = receipts.receipt_code(second)
    # The operator deletes version 2 and puts version 1 back in force: the chain of
    # what is left is whole, and the timeline could be cleaned as well.
    sql("DELETE FROM cooperations_acceptance WHERE version_id = %s", second.pk)
    sql("DELETE FROM cooperations_commitment WHERE version_id = %s", second.pk)
    sql("DELETE FROM cooperations_agreementversion WHERE id = %s", second.pk)
    sql(
        "UPDATE cooperations_agreementversion SET status = 'in_force' WHERE cooperation_id = %s",
        cooperation.pk,
    )
    sql("DELETE FROM cooperations_event WHERE cooperation_id = %s", cooperation.pk)
    assert run()[0] == 0  # nothing in the database itself gives it away

    html = verify_page(member_client(ben), cooperation, code=code)

    assert "Diese Instanz hat Fassung 2 signiert, sie fehlt aber in den Aufzeichnungen" in html


def test_a_matching_receipt_and_the_agreement_pdf_are_confirmed(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    pdf = documents.agreement_pdf(version)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert version.signature and version.signature[:20] in text.replace("\n", "")

    upload = io.BytesIO(pdf)
    upload.name = "vereinbarung.pdf"
    html = verify_page(member_client(ben), cooperation, pdf=upload)

    assert "Die Quittung stimmt mit den Aufzeichnungen überein" in html


def test_a_receipt_of_a_rewritten_version_does_not_match(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    code = receipts.receipt_code(version)
    rewrite_with_recomputed_hashes(cooperation, goals="Anna bekommt alles.")

    html = verify_page(member_client(ben), cooperation, code=code)

    assert "gespeichert ist heute etwas anderes" in html


def test_a_forged_or_garbled_receipt_is_refused_in_german(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    code = receipts.receipt_code(version)
    client = member_client(ben)
    forged = code.replace(version.content_hash, "f" * 64)

    assert "Die Signatur der Quittung ist ungültig" in verify_page(client, cooperation, code=forged)
    assert "kein Quittungscode zu finden" in verify_page(client, cooperation, code="hallo")
    assert "Bitte fügen Sie einen Quittungscode ein" in verify_page(client, cooperation)
    assert "kein Quittungscode zu finden" in verify_page(
        client, cooperation, pdf=_named(io.BytesIO(b"kein pdf"), "x.pdf")
    )


def test_outsiders_get_no_receipt_and_no_verify_page(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    agree(cooperation, anna, ben)
    client = member_client(carla)
    assert (
        client.get(reverse("cooperations:agreement-verify", args=[cooperation.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("cooperations:agreement-receipt", args=[cooperation.pk, 1])).status_code
        == 404
    )


def _named(handle: io.BytesIO, name: str) -> io.BytesIO:
    handle.name = name
    return handle


def test_the_archive_carries_the_signature(cooperation: Cooperation, anna: User, ben: User) -> None:
    import zipfile

    version = agree(cooperation, anna, ben)
    with zipfile.ZipFile(io.BytesIO(documents.archive_zip(cooperation))) as archive:
        texts = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".json")]
    assert version.signature
    assert any(version.signature in json.dumps(json.loads(text)) for text in texts)
