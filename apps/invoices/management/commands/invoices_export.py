"""Write every invoice as its Factur-X PDF (and optionally the CII XML beside it)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from apps.invoices import cii
from apps.invoices.models import Invoice
from apps.invoices.pdf import invoice_pdf
from apps.invoices.selectors import with_details


class Command(BaseCommand):
    help = "Schreibt jede Rechnung als Factur-X-PDF (Aussteller_Nummer.pdf) in OUT_DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out_dir", help="Zielverzeichnis (wird angelegt)")
        parser.add_argument("--xml", action="store_true", help="auch die CII-XML daneben schreiben")

    def handle(self, *args: object, **options: object) -> None:
        out = Path(str(options["out_dir"]))
        out.mkdir(parents=True, exist_ok=True)
        count = 0
        for invoice in with_details(Invoice.objects.order_by("pk")).iterator(chunk_size=100):
            xml = cii.invoice_xml(invoice)
            (out / f"{invoice.file_stem}.pdf").write_bytes(invoice_pdf(invoice, xml))
            if options["xml"]:
                (out / f"{invoice.file_stem}.xml").write_bytes(xml)
            count += 1
        self.stdout.write(f"{count} Rechnungen nach {out} geschrieben.")
