"""Sign accepted versions that came into force before signatures existed, once.

    manage.py sign_agreements [--dry-run]

A version is signed here only if it has no signature yet, came into force before
signing was introduced (migration ``cooperations.0004_signatures`` was applied), and
its cooperation's hash chain is whole: the command seals old data as it is, it does
not bless a rewrite. A version that went in force later without a signature had it
removed; it is reported (``verify_agreements`` reports it too) and left unsigned.
The record trigger lets a signature, its key and the rendered free text go from
empty to a value once; a second run finds nothing to do. Versions without stored
HTML of their free text get it as well. Last line: ``signed=… rendered=… refused=…``.
"""

import sys
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q

from apps.cooperations import integrity
from apps.cooperations.models import ACCEPTED_STATUSES, AgreementVersion
from wirwerk.lib.markdown import render_markdown

SIGNING_MIGRATION = ("cooperations", "0004_signatures")


def signing_introduced_at() -> datetime | None:
    app, name = SIGNING_MIGRATION
    row = MigrationRecorder.Migration.objects.filter(app=app, name=name).first()
    return row.applied if row is not None else None


class Command(BaseCommand):
    help = (
        "Signiert angenommene Fassungen, die vor Einführung der Signaturen in Kraft traten "
        "(einmalig), und speichert ihren gerenderten Freitext."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts ändern")

    def handle(self, *args: Any, **options: Any) -> None:
        introduced = signing_introduced_at()
        signed = rendered = refused = 0
        ids = (
            AgreementVersion.objects.filter(status__in=ACCEPTED_STATUSES)
            .filter(Q(signature__isnull=True) | Q(free_text_html__isnull=True))
            .values_list("cooperation_id", flat=True)
            .distinct()
            .order_by("cooperation_id")
        )
        for cooperation_id in list(ids):
            chain = list(
                AgreementVersion.objects.filter(cooperation_id=cooperation_id, number__isnull=False)
                .prefetch_related("commitments", "acceptances")
                .order_by("number")
            )
            whole = not integrity.verify_chain(chain)
            for version in chain:
                if version.status not in ACCEPTED_STATUSES:
                    continue
                if version.free_text_html is None:
                    rendered += self._render(version, dry_run=options["dry_run"])
                if version.signature is not None:
                    continue
                old = (
                    introduced is not None
                    and version.in_force_at is not None
                    and version.in_force_at < introduced
                )
                if not whole or not old:
                    refused += 1
                    reason = (
                        "die Hash-Kette der Kooperation ist nicht intakt"
                        if not whole
                        else "sie trat nach Einführung der Signaturen in Kraft"
                    )
                    self.stdout.write(
                        self.style.ERROR(
                            f"Kooperation {cooperation_id}, Fassung {version.number}: nicht "
                            f"signiert, {reason}."
                        )
                    )
                    continue
                signed += self._sign(version, dry_run=options["dry_run"])
        self.stdout.write(f"signed={signed} rendered={rendered} refused={refused}")
        if refused:
            sys.exit(1)

    def _sign(self, version: AgreementVersion, *, dry_run: bool) -> int:
        integrity.sign_version(version)
        if dry_run:
            return 1
        with transaction.atomic():
            # Only where there is still none: two runs at once sign each version once.
            return AgreementVersion.objects.filter(pk=version.pk, signature__isnull=True).update(
                signature=version.signature, signing_key=version.signing_key
            )

    def _render(self, version: AgreementVersion, *, dry_run: bool) -> int:
        if dry_run:
            return 1
        return AgreementVersion.objects.filter(pk=version.pk, free_text_html__isnull=True).update(
            free_text_html=render_markdown(version.free_text)
        )
