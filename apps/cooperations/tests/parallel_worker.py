"""A worker process for the SQLite parallel tests (``test_parallel_processes``).

    python -m apps.cooperations.tests.parallel_worker setup
    python -m apps.cooperations.tests.parallel_worker accept VERSION USER BARRIER_DIR
    python -m apps.cooperations.tests.parallel_worker redeem INVITATION USER BARRIER_DIR

``DATABASE_URL`` names the shared SQLite file. A worker first sets Django up, then
says it is ready (a file in BARRIER_DIR) and waits for the ``go`` file, so that every
worker calls the service at the same moment. The last line is ``RESULT {json}``.
"""

import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def result(value: Any) -> None:
    print("RESULT " + json.dumps(value), flush=True)


def wait_for_go(barrier: Path) -> None:
    (barrier / f"ready-{os.getpid()}").touch()
    deadline = time.monotonic() + 120
    while not (barrier / "go").exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go")
        time.sleep(0.005)


def setup() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from apps.accounts.models import User
    from apps.cooperations import services
    from tests.factories import connect, found

    people = [
        User.objects.create_user(f"{name.lower()}@parallel.example", "Parallel-2026!", name=name)
        for name in ("Anna", "Ben", "Carla", "Dora")
    ]
    anna, ben, carla, dora = people
    cooperation = found(anna, ben, carla)
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    services.agreement_accept(version=version, user=anna)
    connect(anna, dora)
    invitation = services.invitation_create(cooperation=cooperation, inviter=anna, invitee=dora)
    pair = found(anna, ben, title="Zu zweit")
    draft = services.agreement_draft(cooperation=pair, user=anna)
    pair_version = services.agreement_propose(draft=draft, user=anna)
    services.agreement_accept(version=pair_version, user=anna)
    result(
        {
            "cooperation": cooperation.pk,
            "version": version.pk,
            "pair": pair.pk,
            "pair_version": pair_version.pk,
            "ben": ben.pk,
            "carla": carla.pk,
            "dora": dora.pk,
            "invitation": invitation.pk,
        }
    )


def act(kind: str, pk: int, user_id: int, barrier: Path) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    from apps.accounts.models import User
    from apps.cooperations import services
    from apps.cooperations.models import AgreementVersion, Invitation

    user = User.objects.get(pk=user_id)
    if kind == "accept":
        version = AgreementVersion.objects.select_related("cooperation").get(pk=pk)
    else:
        invitation = Invitation.objects.select_related("cooperation", "invited_by").get(pk=pk)
    wait_for_go(barrier)
    try:
        if kind == "accept":
            services.agreement_accept(version=version, user=user)
        else:
            services.invitation_accept(invitation=invitation, user=user)
    except (ValidationError, PermissionDenied) as error:
        result({"refused": " ".join(getattr(error, "messages", [str(error)]))})
    except Exception as error:  # the test fails on any of these: they would be a 500
        result({"error": f"{type(error).__name__}: {error}"})
    else:
        result({"ok": True})


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wirwerk.settings")
    import django

    django.setup()
    command = sys.argv[1]
    if command == "setup":
        setup()
    else:
        act(command, int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))


if __name__ == "__main__":
    main()
