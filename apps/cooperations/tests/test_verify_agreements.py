"""verify_agreements: a clean chain passes; every change behind the ORM's back is reported."""

import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.base.records import guards_lifted
from apps.cooperations import services
from apps.cooperations.models import AgreementVersion, Cooperation, VersionStatus
from tests.factories import agree, join

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str]:
    """The command's exit status and its output, as cron would see them."""
    out = io.StringIO()
    try:
        call_command("verify_agreements", *args, stdout=out, no_color=True)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def summary(output: str) -> dict[str, int]:
    last = output.strip().splitlines()[-1]
    return {key: int(value) for key, value in (pair.split("=") for pair in last.split())}


def sql(statement: str, *params: Any) -> None:
    """Change rows the way an intruder or an admin would: without the app, and past
    the record triggers (which someone who owns the database can lift)."""
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def two_versions(cooperation: Cooperation, anna: User, ben: User) -> list[AgreementVersion]:
    first = agree(cooperation, anna, ben, goals="Gemeinsam ein Programm entwickeln.")
    second = agree(cooperation, anna, ben, goals="Das Programm dreimal durchführen.")
    first.refresh_from_db()
    return [first, second]


def test_a_clean_chain_passes_with_status_zero(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    two_versions(cooperation, anna, ben)
    services.cooperation_create(founder=ben, title="Ohne Vereinbarung", purpose="x", kind="other")

    status, output = run()

    assert status == 0
    assert summary(output) == {"cooperations": 2, "versions": 2, "problems": 0}


def test_an_empty_database_has_nothing_to_report(db: None) -> None:
    assert run() == (
        0,
        "Hash-Kette geprüft: alles in Ordnung.\ncooperations=0 versions=0 problems=0\n",
    )


@pytest.mark.parametrize("which", [0, 1], ids=["superseded", "in-force"])
def test_editing_the_goals_of_an_accepted_version_is_detected(
    cooperation: Cooperation, anna: User, ben: User, which: int
) -> None:
    version = two_versions(cooperation, anna, ben)[which]
    sql(
        "UPDATE cooperations_agreementversion SET goals = %s WHERE id = %s",
        "Anna bekommt alles.",
        version.pk,
    )

    status, output = run()

    assert status != 0
    assert (
        f"Kooperation {cooperation.pk} „Führung im Mittelstand“, Fassung {version.number}: "
        "Inhalt, Zusagen oder Annahmen passen nicht zum Prüfwert" in output
    )
    assert summary(output)["problems"] == 1


@pytest.mark.parametrize("field", ["name", "accepted_at"])
def test_changing_an_acceptance_record_is_detected(
    cooperation: Cooperation, anna: User, ben: User, field: str
) -> None:
    first, _second = two_versions(cooperation, anna, ben)
    acceptance = first.acceptances.get(user=ben)
    value: Any = "Jemand anderes"
    if field == "accepted_at":
        value = connection.ops.adapt_datetimefield_value(acceptance.accepted_at - timedelta(days=3))
    sql(f"UPDATE cooperations_acceptance SET {field} = %s WHERE id = %s", value, acceptance.pk)

    status, output = run()

    assert status == 1
    assert f"Kooperation {cooperation.pk} „Führung im Mittelstand“, Fassung 1:" in output
    assert summary(output)["problems"] == 1


def test_a_deleted_acceptance_or_changed_commitment_is_detected(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    first, second = two_versions(cooperation, anna, ben)
    sql("DELETE FROM cooperations_acceptance WHERE id = %s", first.acceptances.get(user=ben).pk)
    sql(
        "UPDATE cooperations_commitment SET revenue_share = %s WHERE id = %s",
        Decimal("90.00"),
        second.commitments.get(user=anna).pk,
    )

    status, output = run()

    assert status == 1
    assert "Fassung 1: Inhalt, Zusagen oder Annahmen" in output
    assert "Fassung 2: Inhalt, Zusagen oder Annahmen" in output


def test_removing_the_link_of_a_superseded_version_to_its_predecessor_is_detected(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    two_versions(cooperation, anna, ben)
    agree(cooperation, anna, ben, goals="Eine dritte Fassung.")
    second = cooperation.agreement_versions.get(number=2)
    assert second.status == VersionStatus.SUPERSEDED and second.previous_hash
    sql("UPDATE cooperations_agreementversion SET previous_hash = '' WHERE id = %s", second.pk)

    status, output = run()

    assert status == 1
    assert "Fassung 2: Die Verknüpfung mit der vorherigen Fassung ist unterbrochen" in output
    # The link is part of what the hash covers, so the content check fails too.
    assert summary(output) == {"cooperations": 1, "versions": 3, "problems": 2}


def test_demoting_the_version_in_force_is_detected(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    two_versions(cooperation, anna, ben)
    sql(
        "UPDATE cooperations_agreementversion SET status = 'withdrawn' WHERE cooperation_id = %s"
        " AND number = 2",
        cooperation.pk,
    )

    status, output = run()

    assert status == 1
    assert "Die neueste angenommene Fassung ist nicht als „in Kraft“ markiert." in output
    assert "Fassung 2: Die Fassung hat einen Prüfwert, war also in Kraft" in output


def test_deleting_the_only_accepted_version_is_detected_through_the_timeline(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    with guards_lifted():
        AgreementVersion.objects.filter(pk=version.pk).delete()

    status, output = run()

    assert status == 1
    assert "Fassung 1: Laut Verlauf trat die Fassung in Kraft, sie fehlt aber." in output


def test_only_the_named_cooperation_is_checked(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    first, _second = two_versions(cooperation, anna, ben)
    other = services.cooperation_create(founder=anna, title="Zweite", purpose="x", kind="other")
    join(other, anna, ben)
    agree(other, anna, ben)
    sql("UPDATE cooperations_agreementversion SET goals = 'x' WHERE id = %s", first.pk)

    status, output = run("--cooperation", str(other.pk))
    assert (status, summary(output)) == (0, {"cooperations": 1, "versions": 1, "problems": 0})

    status, output = run()
    assert (status, summary(output)["problems"]) == (1, 1)

    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("verify_agreements", "--cooperation", "999999", stdout=io.StringIO())


def test_a_version_accepted_on_the_website_verifies(
    cooperation: Cooperation, anna: User, ben: User, client: Client
) -> None:
    # The accept view loads the version with its acceptances prefetched; the hash must
    # still cover the acceptance that puts the version in force.
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    for person in (anna, ben):
        client.force_login(person)
        url = reverse("cooperations:agreement-accept", args=[cooperation.pk, version.number])
        assert client.post(url).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE

    status, output = run()

    assert (status, summary(output)) == (0, {"cooperations": 1, "versions": 1, "problems": 0})


def test_query_count_does_not_grow_with_the_number_of_cooperations(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    with CaptureQueriesContext(connection) as small:
        run()
    small_count = len(small)

    for index in range(4):
        more = services.cooperation_create(
            founder=anna, title=f"Kooperation {index}", purpose="x", kind="other"
        )
        join(more, anna, ben)
        two_versions(more, anna, ben)
    with CaptureQueriesContext(connection) as large:
        status, output = run()
    large_count = len(large)

    assert status == 0 and summary(output)["cooperations"] == 5
    assert small_count == large_count


def test_batches_cover_every_cooperation(cooperation: Cooperation, anna: User, ben: User) -> None:
    agree(cooperation, anna, ben)
    for index in range(2):
        more = services.cooperation_create(
            founder=anna, title=f"Kooperation {index}", purpose="x", kind="other"
        )
        join(more, anna, ben)
        agree(more, anna, ben)

    status, output = run("--batch-size", "2")

    assert (status, summary(output)) == (0, {"cooperations": 3, "versions": 3, "problems": 0})


@pytest.mark.parametrize("demoted_to", ["draft", "superseded", "proposed"])
def test_demoting_the_version_in_force_to_any_other_status_is_detected(
    cooperation: Cooperation, anna: User, ben: User, demoted_to: str
) -> None:
    # An operator turns the version in force back (into a draft to edit it again, or
    # "superseded" so that the one before seems to count): the chain, its hash and the
    # timeline remember that it came into force.
    two_versions(cooperation, anna, ben)
    sql(
        "UPDATE cooperations_agreementversion SET status = %s WHERE cooperation_id = %s"
        " AND number = 2",
        demoted_to,
        cooperation.pk,
    )

    status, output = run()

    assert status == 1
    assert "Die neueste angenommene Fassung ist nicht als „in Kraft“ markiert." in output
    if demoted_to != "superseded":
        assert "Fassung 2: Die Fassung hat einen Prüfwert, war also in Kraft" in output


def test_demoting_the_version_in_force_and_promoting_the_one_before_is_detected(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    # The subtle rewrite: version 2 "superseded", version 1 back "in force". Each row
    # still matches its hash; the chain's head and the timeline do not.
    two_versions(cooperation, anna, ben)
    for number, status_ in ((2, "superseded"), (1, "in_force")):
        sql(
            "UPDATE cooperations_agreementversion SET status = %s WHERE cooperation_id = %s"
            " AND number = %s",
            status_,
            cooperation.pk,
            number,
        )

    status, output = run()

    assert status == 1
    assert "Die neueste angenommene Fassung ist nicht als „in Kraft“ markiert." in output
