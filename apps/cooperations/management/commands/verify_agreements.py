"""Check the hash chain and the signatures of every cooperation's accepted versions.

Accepted versions are never edited; a mismatch means a row was changed behind the
application's back. Run it from cron (exit status 1 on any problem); the last line
is ``cooperations=… versions=… problems=…`` for monitoring.
"""

import sys
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.cooperations.integrity import (
    SIGNATURE_INVALID,
    SIGNATURE_MISSING,
    SIGNATURE_OTHER_KEY,
    ChainProblem,
    signature_problem,
    verify_chain,
)
from apps.cooperations.models import (
    ACCEPTED_STATUSES,
    AgreementVersion,
    Cooperation,
    Event,
    EventKind,
)

# verify_chain speaks English to developers; operators read German.
MESSAGES = {
    "link to the previous version broken": (
        "Die Verknüpfung mit der vorherigen Fassung ist unterbrochen: Der gespeicherte "
        "Prüfwert der Vorgängerin stimmt nicht mit deren Prüfwert überein."
    ),
    "content does not match its hash": (
        "Inhalt, Zusagen oder Annahmen passen nicht zum Prüfwert: Die Fassung wurde "
        "nachträglich verändert."
    ),
    "the newest accepted version is not in force": (
        "Die neueste angenommene Fassung ist nicht als „in Kraft“ markiert."
    ),
    SIGNATURE_MISSING: (
        "Die Fassung hat keine Signatur: Sie trat vor Einführung der Signaturen in Kraft, "
        "oder die Signatur wurde entfernt."
    ),
    SIGNATURE_OTHER_KEY: (
        "Die Fassung ist mit einem anderen Schlüssel signiert als dem dieser Instanz "
        "(Schlüsseldatei ausgetauscht oder Signatur übernommen)."
    ),
    SIGNATURE_INVALID: (
        "Die Signatur passt nicht zu Prüfwert und Fassung: Die Fassung wurde nachträglich "
        "verändert und ihr Prüfwert neu berechnet."
    ),
}


class Command(BaseCommand):
    help = (
        "Prüft die Hash-Kette der angenommenen Vereinbarungen aller Kooperationen und meldet "
        "nachträgliche Änderungen. Endet mit Status 1, wenn etwas nicht stimmt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--cooperation", type=int, default=None, help="nur diese Kooperation (ID) prüfen"
        )
        parser.add_argument(
            "--batch-size", type=int, default=200, help="Kooperationen je Abfrage (200)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cooperations = Cooperation.objects.order_by("pk").only("pk", "title")
        if options["cooperation"] is not None:
            cooperations = cooperations.filter(pk=options["cooperation"])
            if not cooperations.exists():
                raise CommandError(f"Kooperation {options['cooperation']} gibt es nicht.")
        checked = versions = problems = 0
        for batch in _batches(cooperations, max(1, options["batch_size"])):
            chains = _versions_by_cooperation([c.pk for c in batch])
            went_in_force = _in_force_events([c.pk for c in batch])
            for cooperation in batch:
                chain = chains.get(cooperation.pk, [])
                found = (
                    [_german(problem) for problem in verify_chain(chain)]
                    + _signatures(chain)
                    + _beyond_the_chain(chain, went_in_force.get(cooperation.pk, set()))
                )
                checked += 1
                versions += sum(1 for v in chain if v.status in ACCEPTED_STATUSES)
                problems += len(found)
                for number, message in found:
                    self._report(cooperation, number, message)
        if problems:
            self.stdout.write(
                self.style.ERROR(f"{problems} Problem(e) in der Hash-Kette gefunden.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Hash-Kette geprüft: alles in Ordnung."))
        self.stdout.write(f"cooperations={checked} versions={versions} problems={problems}")
        if problems:
            sys.exit(1)

    def _report(self, cooperation: Cooperation, number: int | None, message: str) -> None:
        where = f"Kooperation {cooperation.pk} „{cooperation.title}“"
        if number is not None:
            where += f", Fassung {number}"
        self.stdout.write(self.style.ERROR(f"{where}: {message}"))


def _batches(cooperations: Any, size: int) -> Iterator[list[Cooperation]]:
    """Keyset pagination: steady memory and no OFFSET that slows down on big tables."""
    last_pk = 0
    while batch := list(cooperations.filter(pk__gt=last_pk)[:size]):
        yield batch
        last_pk = batch[-1].pk


def _versions_by_cooperation(ids: list[int]) -> dict[int, list[AgreementVersion]]:
    chains: dict[int, list[AgreementVersion]] = defaultdict(list)
    versions = (
        AgreementVersion.objects.filter(cooperation_id__in=ids, number__isnull=False)
        .prefetch_related("commitments", "acceptances")
        .order_by("cooperation_id", "number")
    )
    for version in versions:
        chains[version.cooperation_id].append(version)
    return chains


def _in_force_events(ids: list[int]) -> dict[int, set[int]]:
    numbers: dict[int, set[int]] = defaultdict(set)
    events = Event.objects.filter(cooperation_id__in=ids, kind=EventKind.VERSION_IN_FORCE)
    for cooperation_id, params in events.values_list("cooperation_id", "params"):
        if isinstance(params, dict) and isinstance(params.get("number"), int):
            numbers[cooperation_id].add(params["number"])
    return numbers


def _german(problem: ChainProblem) -> tuple[int | None, str]:
    return problem.number, MESSAGES.get(problem.problem, problem.problem)


def _signatures(chain: list[AgreementVersion]) -> list[tuple[int | None, str]]:
    """A version rewritten with recomputed hashes keeps a chain that looks whole; the
    signature, made with a key outside the database, no longer fits it."""
    found: list[tuple[int | None, str]] = []
    for version in chain:
        if version.status in ACCEPTED_STATUSES:
            problem = signature_problem(version)
            if problem is not None:
                found.append((version.number, MESSAGES[problem]))
    return found


def _beyond_the_chain(
    chain: list[AgreementVersion], went_in_force: set[int]
) -> list[tuple[int | None, str]]:
    """What the chain alone cannot see: an accepted version demoted or deleted.

    A version that went out of the chain takes its hash with it, so the chain of the
    rest may still look whole; its hash and the timeline remember it.
    """
    found: list[tuple[int | None, str]] = []
    accepted = {v.number for v in chain if v.status in ACCEPTED_STATUSES}
    for version in chain:
        if version.status not in ACCEPTED_STATUSES and version.content_hash:
            found.append(
                (
                    version.number,
                    "Die Fassung hat einen Prüfwert, war also in Kraft, ist aber als "
                    f"„{version.get_status_display()}“ markiert.",
                )
            )
    present = {v.number: v for v in chain}
    for number in sorted(went_in_force - accepted):
        if number not in present:
            found.append((number, "Laut Verlauf trat die Fassung in Kraft, sie fehlt aber."))
        elif not present[number].content_hash:
            found.append(
                (
                    number,
                    "Laut Verlauf trat die Fassung in Kraft, sie ist aber nicht mehr als "
                    "angenommen markiert.",
                )
            )
    return found
