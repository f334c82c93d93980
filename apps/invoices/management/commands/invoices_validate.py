"""Check CII invoices (XML files, or the XML inside Factur-X PDFs) against the official
EN 16931 rules; the exit code is 1 when any fatal rule fails."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.invoices.en16931 import Finding, Validator, fatal


def _xml_of(path: Path) -> bytes:
    if path.suffix == ".pdf":
        import facturx

        _name, xml = facturx.get_xml_from_pdf(path.read_bytes(), check_xsd=False)
        return bytes(xml or b"")
    return path.read_bytes()


class Command(BaseCommand):
    help = "Prüft Rechnungen (XML oder Factur-X-PDF) in DIR gegen die EN-16931-Regeln."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="Verzeichnis mit .xml- oder .pdf-Dateien")
        parser.add_argument(
            "--rules",
            required=True,
            help="die CEN-Artefakte (Ordner mit xslt/) oder die Datei EN16931-CII-validation.xslt",
        )

    def handle(self, *args: object, **options: object) -> None:
        directory, rules = Path(str(options["directory"])), Path(str(options["rules"]))
        if not rules.exists():
            raise CommandError(f"Regeln nicht gefunden: {rules}")
        files = sorted(directory.glob("*.xml"))
        stems = {path.stem for path in files}
        files += sorted(p for p in directory.glob("*.pdf") if p.stem not in stems)
        if not files:
            raise CommandError(f"Keine Rechnungen in {directory}")
        validator = Validator(rules)
        findings: list[Finding] = []
        for path in files:
            findings += validator.check(_xml_of(path), file=path.name)
        errors = fatal(findings)
        for finding in findings:
            self.stdout.write(f"{finding.file}: [{finding.flag}] {finding.rule} {finding.text}")
        self.stdout.write(
            f"{len(files)} Rechnungen geprüft: {len(errors)} schwere Fehler, "
            f"{len(findings) - len(errors)} Hinweise."
        )
        if errors:
            raise CommandError(f"{len(errors)} Verstöße gegen EN 16931")
