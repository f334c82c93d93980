"""Parallel writers on PostgreSQL (threads, each with its own connection): the last
acceptance sent four times at once by the same member (a double click, several tabs),
the last two acceptances by different members at once, and one invitation redeemed
four times at once. Each counts once, puts the version in force once and answers the
repeats with a German sentence instead of an error page."""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import (
    Acceptance,
    AgreementVersion,
    Cooperation,
    Event,
    EventKind,
    Invitation,
    Membership,
    VersionStatus,
)
from tests.factories import connect, join

THREADS = 4
ONLY_POSTGRES = (
    "SQLite's shared in-memory test database answers 'table is locked' to any parallel "
    "writer; SQLite has its own variant with processes (test_parallel_processes)"
)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's shared in-memory test database answers 'table is locked' to any "
    "parallel writer; run with DATABASE_URL=postgres://… (row locks are PostgreSQL's)",
)
@pytest.mark.django_db(transaction=True)
def test_four_parallel_last_acceptances_count_once(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    services.agreement_accept(version=version, user=anna)
    start = threading.Barrier(THREADS)
    refused: list[str] = []
    failures: list[BaseException] = []

    def accept() -> None:
        try:
            mine = AgreementVersion.objects.get(pk=version.pk)
            start.wait()
            services.agreement_accept(version=mine, user=ben)
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except BaseException as error:  # collected: a thread's crash must fail the test
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Acceptance.objects.filter(version=version, user=ben).count() == 1
    assert len(refused) == THREADS - 1
    assert set(refused) <= {
        "Sie haben diese Fassung bereits angenommen.",
        "Diese Fassung steht nicht zur Annahme.",
    }
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE
    in_force = Event.objects.filter(cooperation=cooperation, kind=EventKind.VERSION_IN_FORCE)
    assert in_force.count() == 1


@pytest.mark.django_db
def test_accepting_twice_in_a_row_is_refused_in_german(
    cooperation: Cooperation, anna: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    services.agreement_accept(version=version, user=anna)
    with pytest.raises(ValidationError, match="bereits angenommen"):
        services.agreement_accept(version=version, user=anna)
    assert Acceptance.objects.filter(version=version, user=anna).count() == 1


def _at_once(*calls: Callable[[], object]) -> tuple[list[str], list[BaseException]]:
    """Run the calls in threads released together; German refusals and crashes."""
    start = threading.Barrier(len(calls))
    refused: list[str] = []
    failures: list[BaseException] = []

    def run(call: Callable[[], object]) -> None:
        try:
            start.wait()
            call()
        except (ValidationError, PermissionDenied) as error:
            refused.append(" ".join(error.messages) if hasattr(error, "messages") else str(error))
        except BaseException as error:  # collected: a thread's crash must fail the test
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused, failures


@pytest.mark.skipif(connection.vendor == "sqlite", reason=ONLY_POSTGRES)
@pytest.mark.django_db(transaction=True)
def test_the_last_two_members_accepting_at_once_put_the_version_in_force_once(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    # Three members; anna accepted; ben and carla accept at the same moment. Without
    # the row lock each could see only two acceptances and nobody put it in force.
    join(cooperation, anna, carla)
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    services.agreement_accept(version=version, user=anna)

    def accept(user: User) -> Callable[[], object]:
        return lambda: services.agreement_accept(
            version=AgreementVersion.objects.get(pk=version.pk), user=user
        )

    refused, failures = _at_once(accept(ben), accept(carla))

    assert failures == [] and refused == []
    assert Acceptance.objects.filter(version=version).count() == 3
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE and version.signature
    in_force = Event.objects.filter(cooperation=cooperation, kind=EventKind.VERSION_IN_FORCE)
    assert in_force.count() == 1


@pytest.mark.skipif(connection.vendor == "sqlite", reason=ONLY_POSTGRES)
@pytest.mark.django_db(transaction=True)
def test_one_invitation_redeemed_four_times_at_once_makes_one_membership(
    cooperation: Cooperation, anna: User, carla: User
) -> None:
    connect(anna, carla)
    invitation = services.invitation_create(cooperation=cooperation, inviter=anna, invitee=carla)

    def redeem() -> object:
        mine = Invitation.objects.select_related("cooperation", "invited_by").get(pk=invitation.pk)
        return services.invitation_accept(invitation=mine, user=carla)

    refused, failures = _at_once(*[redeem] * THREADS)

    assert failures == []
    assert len(refused) == THREADS - 1
    assert set(refused) <= {
        "Diese Einladung ist abgelaufen oder wurde schon verwendet.",
        "Sie sind bereits Mitglied dieser Kooperation.",
    }
    assert Membership.objects.filter(cooperation=cooperation, user=carla).count() == 1
