"""Evaluate the matching engine on a judged collection (see the profile format).

Loads the profiles into a fresh in-memory index (no database rows are touched) and
ranks with the same engine and code path as the web suggestions.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.matching.engine.evaluation import evaluate, format_report, json_summary


class Command(BaseCommand):
    help = (
        "Bewertet das Matching: nDCG@10 (linear und exponentiell), recall@10 und MRR je "
        "Anliegen, Hälfte und gesamt, neben einer TF-IDF-Vergleichsrangfolge."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("profiles", help="Profile als JSON Lines")
        parser.add_argument("judgments", help="Bewertete Anfragen als JSON Lines")
        parser.add_argument("--json", action="store_true", help="letzte Zeile als ein JSON-Objekt")
        parser.add_argument(
            "--ablate",
            type=float,
            default=None,
            metavar="ANTEIL",
            help=(
                "zusätzlich ohne diesen Anteil (0 bis 1) der sammlungsspezifischsten "
                "Formulierungen des Vokabulars bewerten, z. B. 0.2"
            ),
        )
        parser.add_argument(
            "--min-ndcg",
            type=float,
            default=None,
            help="Fehler, wenn nDCG@10 gesamt darunter liegt",
        )

    def handle(self, *args: object, **options: object) -> None:
        ablate = options["ablate"]
        if ablate is not None and not (isinstance(ablate, float) and 0 < ablate <= 1):
            raise CommandError("--ablate erwartet einen Anteil größer 0 und höchstens 1")
        try:
            result = evaluate(
                str(options["profiles"]),
                str(options["judgments"]),
                ablate=ablate if isinstance(ablate, float) else None,
            )
        except FileNotFoundError as error:
            raise CommandError(f"Datei nicht gefunden: {error.filename}") from error
        self.stdout.write(format_report(result))
        if options["json"]:
            self.stdout.write(json_summary(result))
        minimum = options["min_ndcg"]
        if isinstance(minimum, float) and result["overall"]["ndcg@10"] < minimum:
            raise CommandError(
                f"nDCG@10 {result['overall']['ndcg@10']:.3f} liegt unter {minimum:.3f}"
            )
