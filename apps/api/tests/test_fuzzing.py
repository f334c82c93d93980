"""schemathesis against the app's own schema, on the demo network with anna's
read-write token: no server error, every answer as the schema says (status code,
content type, body). Each operation gets cases with anna's real ids (so the happy
paths run deep) and cases with generated ids, positive and negative data.

Bounded for CI: ``FUZZ_EXAMPLES`` cases per operation and mode (about a minute).
"""

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.api.tests.conftest import Demo

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))


def run_cases(
    strategy: Any, headers: dict[str, str], count: Callable[[int], None], *, negative: bool
) -> None:
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        count(response.status_code)

    try:
        check()
    except Unsatisfiable:
        # Negative data for an operation whose every input is fixed (GET /me with
        # the token, known ids): there is nothing left to make invalid.
        if not negative:
            raise


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request; inside
    the test's transaction it must stay open (Django's test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    demo: Demo, token_for: Any, settings: Any, connection_kept: None
) -> None:
    settings.API_RATE_LIMIT = "100000/m/key"  # the fuzzer is one client in a hurry
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {token_for(demo.anna)}"}
    statuses: Counter[int] = Counter()

    def count(status: int) -> None:
        statuses[status] += 1

    started = time.perf_counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        known = {name: demo.ids[name] for name in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            negative = mode == GenerationMode.NEGATIVE
            strategy = operation.as_strategy(generation_mode=mode, headers=headers)
            run_cases(strategy, headers, count, negative=negative)
            if known:
                strategy = operation.as_strategy(
                    generation_mode=mode, headers=headers, path_parameters=known
                )
                run_cases(strategy, headers, count, negative=negative)
    cases = sum(statuses.values())
    seconds = time.perf_counter() - started
    print(
        f"schemathesis_operations={len(operations)} schemathesis_cases={cases} "
        f"seconds={seconds:.0f} {dict(sorted(statuses.items()))}"
    )
    assert len(operations) >= 40 and cases >= len(operations) * 2
    # The known ids lead past the access checks: the happy paths ran too.
    assert statuses[200] + statuses[201] >= len(operations)
