"""``invoices_export`` writes every invoice as Factur-X PDF (and XML) named by issuer
and number; ``invoices_validate`` runs the official EN 16931 rules over them and
fails on a fatal finding."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.invoices.models import Invoice

RULES = Path(__file__).resolve().parents[4] / "shared" / "einvoice"
needs_rules = pytest.mark.skipif(
    not RULES.is_dir(), reason="the CEN EN 16931 artefacts (../shared/einvoice) are not here"
)


def test_export_writes_one_pdf_per_invoice_named_by_issuer_and_number(
    kinds: dict[str, Invoice], tmp_path: Path
) -> None:
    call_command("invoices_export", str(tmp_path), "--xml")
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert len(pdfs) == Invoice.objects.count() == len(set(pdfs))
    anna_first = kinds["vat19"]
    assert f"anna-albrecht-{anna_first.issuer_id}_{anna_first.number}.pdf" in pdfs
    assert all(path.read_bytes().startswith(b"%PDF") for path in tmp_path.glob("*.pdf"))
    assert len(list(tmp_path.glob("*.xml"))) == len(pdfs)


@needs_rules
def test_validate_passes_every_exported_invoice(kinds: dict[str, Invoice], tmp_path: Path) -> None:
    call_command("invoices_export", str(tmp_path))  # PDFs only: the XML comes out of them
    call_command("invoices_validate", str(tmp_path), "--rules", str(RULES))


@needs_rules
def test_validate_fails_on_a_fatal_finding(kinds: dict[str, Invoice], tmp_path: Path) -> None:
    call_command("invoices_export", str(tmp_path), "--xml")
    path = next(tmp_path.glob("*.xml"))
    path.write_bytes(path.read_bytes().replace(b"<ram:CountryID>", b"<ram:CountryID>X", 1))
    with pytest.raises(CommandError, match="Verstöße gegen EN 16931"):
        call_command("invoices_validate", str(tmp_path), "--rules", str(RULES))
