"""The last acceptance, sent four times at once by the same member (a double click,
several tabs), is counted once, puts the version in force once and answers the
repeats with a German sentence instead of an error page."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import (
    Acceptance,
    AgreementVersion,
    Cooperation,
    Event,
    EventKind,
    VersionStatus,
)

THREADS = 4


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
