"""One party of an overlap count from a CSV file, for automation; it speaks the same
protocol as the browser, so either side may use either.

    manage.py datapool_psi start  --pool 3 --partner 7 --user it@vhs-kassel.de \\
        --csv kunden.csv --key-file run.key         # prints the run number
    manage.py datapool_psi answer --run 12 --user it@vhs-goettingen.de --csv kunden.csv
    manage.py datapool_psi finish --run 12 --user it@vhs-kassel.de --key-file run.key

The CSV never leaves this process: every cell that looks like an e-mail address is
normalised, hashed with the run's salt and blinded with a fresh secret scalar. The
initiator's scalar is written to ``--key-file`` (mode 600) for ``finish`` and should
be deleted afterwards. Runs in this Django installation (direct database access).
"""

import csv
import os
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.datapool import psi
from apps.datapool.models import OverlapRun, Pool
from apps.datapool.overlap import run_answer, run_finish, run_start
from apps.organisations.models import Organisation, OrganisationMember, Role


def addresses_from_csv(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return psi.distinct_addresses(cell for row in csv.reader(handle, dialect) for cell in row)


class Command(BaseCommand):
    help = "Eine Seite eines privaten Kundenabgleichs aus einer CSV-Datei."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("step", choices=["start", "answer", "finish"])
        parser.add_argument("--user", required=True, help="E-Mail der Verwaltung")
        parser.add_argument("--pool", type=int)
        parser.add_argument("--partner", type=int, help="Organisation, die gefragt wird")
        parser.add_argument("--organisation", type=int, help="eigene Organisation (bei mehreren)")
        parser.add_argument("--run", type=int)
        parser.add_argument("--csv", type=Path)
        parser.add_argument("--key-file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError("Unbekannte E-Mail-Adresse.")
        try:
            getattr(self, f"_{options['step']}")(user, options)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from error

    def _need(self, options: dict[str, Any], *names: str) -> None:
        missing = [f"--{n.replace('_', '-')}" for n in names if options.get(n) is None]
        if missing:
            raise CommandError(f"Es fehlt: {', '.join(missing)}")

    def _start(self, user: User, options: dict[str, Any]) -> None:
        self._need(options, "pool", "partner", "csv", "key_file")
        pool = Pool.objects.filter(pk=options["pool"]).first()
        partner = Organisation.objects.filter(pk=options["partner"]).first()
        if pool is None or partner is None:
            raise CommandError("Unbekannter Datenpool oder unbekannte Organisation.")
        mine = OrganisationMember.objects.filter(
            user=user, role=Role.ADMIN, organisation__pool_memberships__pool=pool
        ).exclude(organisation=partner)
        if options["organisation"]:
            mine = mine.filter(organisation_id=options["organisation"])
        member = mine.select_related("organisation").first()
        if member is None:
            raise CommandError("Sie verwalten keine Organisation in diesem Datenpool.")
        addresses = addresses_from_csv(options["csv"])
        salt, secret = psi.new_salt(), psi.new_secret()
        key_file: Path = options["key_file"]
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secret.hex() + "\n")
        run = run_start(
            user=user,
            pool=pool,
            initiator=member.organisation,
            responder=partner,
            salt=salt,
            a_blinded=psi.initiator_start(addresses, salt=salt, secret=secret),
        )
        self.stdout.write(f"run={run.pk} addresses={len(addresses)}")

    def _run(self, options: dict[str, Any]) -> OverlapRun:
        run = (
            OverlapRun.objects.select_related("pool", "initiator", "responder")
            .filter(pk=options["run"])
            .first()
        )
        if run is None:
            raise CommandError("Unbekannter Abgleich.")
        return run

    def _answer(self, user: User, options: dict[str, Any]) -> None:
        self._need(options, "run", "csv")
        run = self._run(options)
        addresses = addresses_from_csv(options["csv"])
        ab, b_blinded = psi.responder_answer(
            addresses, bytes(run.a_blinded), salt=bytes(run.salt), secret=psi.new_secret()
        )
        run_answer(user=user, run=run, ab=ab, b_blinded=b_blinded)
        self.stdout.write(f"run={run.pk} addresses={len(addresses)} answered")

    def _finish(self, user: User, options: dict[str, Any]) -> None:
        self._need(options, "run", "key_file")
        run = self._run(options)
        secret = bytes.fromhex(options["key_file"].read_text().strip())
        run = run_finish(
            user=user, run=run, ba=psi.initiator_finish(bytes(run.b_blinded), secret=secret)
        )
        self.stdout.write(f"run={run.pk} overlap={run.overlap}")
