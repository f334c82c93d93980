"""The invoice pages: who sees what (404 for everyone but issuer and recipient),
creating an invoice with lines, the PDF download, the correction, the exports."""

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.invoices.models import Invoice
from tests.factories import join, remove

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _detail(invoice: Invoice, name: str = "invoices:detail") -> str:
    return reverse(name, args=[invoice.cooperation_id, invoice.pk])


def test_issuer_and_recipient_see_an_invoice_and_nobody_else(
    kinds: dict[str, Invoice], anna: User, ben: User, carla: User, abroad: tuple[User, User]
) -> None:
    invoice = kinds["vat19"]  # anna → ben in the personas' cooperation
    assert _client(anna).get(_detail(invoice)).status_code == 200
    assert _client(ben).get(_detail(invoice)).status_code == 200
    assert _client(carla).get(_detail(invoice)).status_code == 404
    # Lena is a member of anna's other cooperation but party to none of these:
    lena = abroad[0]
    other = kinds["export"]  # anna → Urs, in the cooperation Lena belongs to
    for name in ("invoices:detail", "invoices:pdf", "invoices:xml", "invoices:correct"):
        assert _client(lena).get(_detail(other, name)).status_code == 404
    assert _client(ben).get(_detail(other)).status_code == 404


def test_a_cooperations_invoice_list_shows_only_the_users_invoices(
    kinds: dict[str, Invoice], anna: User, abroad: tuple[User, User]
) -> None:
    lena, _urs = abroad
    url = reverse("invoices:cooperation", args=[kinds["export"].cooperation_id])
    page = _client(lena).get(url).content.decode()
    assert kinds["reverse_charge"].number in page
    assert "Online-Coaching Zürich" not in page  # anna → Urs stays between them


def test_anna_issues_an_invoice_with_two_lines_and_downloads_its_pdf(
    cooperation: Cooperation, anna: User, ben: User, with_settings: None
) -> None:
    client = _client(anna)
    today = timezone.localdate()
    data = {
        "recipient": ben.pk,
        "reference": "Teamtag Stadtwerke",
        "period_start": (today - timedelta(days=3)).isoformat(),
        "period_end": today.isoformat(),
        "payment_days": "14",
        "positionen-TOTAL_FORMS": "3",
        "positionen-INITIAL_FORMS": "0",
        "positionen-MIN_NUM_FORMS": "1",
        "positionen-MAX_NUM_FORMS": "30",
        "positionen-0-description": "Moderation",
        "positionen-0-quantity": "7,5",
        "positionen-0-unit": "HUR",
        "positionen-0-unit_price": "95,00",
        "positionen-0-rate": "19",
        "positionen-1-description": "Arbeitshefte",
        "positionen-1-quantity": "12",
        "positionen-1-unit": "C62",
        "positionen-1-unit_price": "18,50",
        "positionen-1-rate": "7",
        "positionen-2-unit": "HUR",
        "positionen-2-rate": "19",
    }
    response = client.post(reverse("invoices:new", args=[cooperation.pk]), data)
    invoice = Invoice.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(invoice)
    # 712,50 × 19 % = 135,38; 222,00 × 7 % = 15,54
    assert (invoice.net_total, invoice.tax_total, invoice.gross_total) == (
        Decimal("934.50"),
        Decimal("150.92"),
        Decimal("1085.42"),
    )
    pdf = client.get(_detail(invoice, "invoices:pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "factur-x.xml" in PdfReader(io.BytesIO(pdf.content)).attachments


def test_the_form_says_what_is_missing_in_german(
    cooperation: Cooperation, anna: User, ben: User, with_settings: None
) -> None:
    data = {
        "recipient": ben.pk,
        "reference": "",
        "period_start": "2026-03-10",
        "period_end": "2026-03-01",
        "payment_days": "14",
        "self_billed": "on",
        "positionen-TOTAL_FORMS": "1",
        "positionen-INITIAL_FORMS": "0",
        "positionen-0-description": "Moderation",
        "positionen-0-quantity": "abc",
        "positionen-0-unit": "HUR",
        "positionen-0-unit_price": "95",
        "positionen-0-rate": "19",
    }
    response = _client(anna).post(reverse("invoices:new", args=[cooperation.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Eine Gutschrift setzt eine Vereinbarung voraus" in page
    assert "Zahl" in page  # "Bitte eine Zahl eingeben."
    assert not Invoice.objects.exists()


def test_cancelling_asks_first_and_then_issues_a_correction(
    kinds: dict[str, Invoice], anna: User
) -> None:
    invoice = kinds["vat19"]
    client = _client(anna)
    confirm = client.get(_detail(invoice, "invoices:correct"))
    assert "Korrekturrechnung ausstellen" in confirm.content.decode()
    assert not Invoice.objects.filter(corrects=invoice).exists()
    client.post(_detail(invoice, "invoices:correct"))
    correction = Invoice.objects.get(corrects=invoice)
    assert correction.type_code == "384" and correction.gross_total == -invoice.gross_total


def test_business_settings_page_saves_and_explains_a_bad_iban(anna: User) -> None:
    client = _client(anna)
    data = {
        "name": "Anna Albrecht Training",
        "street": "Ehrenstraße 12",
        "postcode": "50672",
        "city": "Köln",
        "country": "DE",
        "tax_number": "214/5123/4567",
        "vat_id": "",
        "iban": "DE00 3704 0044 0532 0130 00",
        "bic": "",
    }
    response = client.post(reverse("invoices:settings"), data)
    assert "Prüfziffer der IBAN" in response.content.decode()
    data["iban"] = "DE89 3704 0044 0532 0130 00"
    assert client.post(reverse("invoices:settings"), data).status_code == 302
    assert anna.business_settings.iban == "DE89370400440532013000"


def test_csv_export_lists_issued_and_received_invoices_of_the_period(
    kinds: dict[str, Invoice], anna: User
) -> None:
    today = timezone.localdate()
    since = date(today.year, 1, 1).isoformat()
    query = {
        "since": since,
        "until": today.isoformat(),
        "format": "csv",
        "german": "on",
        "adviser": "1001",
        "client": "1",
    }
    response = _client(anna).get(reverse("invoices:export"), query)
    text = response.content.decode("utf-8-sig")
    rows = text.strip().split("\r\n")
    assert rows[0].startswith("Richtung;Art;Nummer")
    assert len(rows) == 1 + Invoice.objects.of_party(anna).count()
    assert any(
        row.startswith("Ausgang;Rechnung;") and ";857,50;162,93;1020,43;" in row for row in rows
    )
    assert any(row.startswith("Eingang;Rechnung;") for row in rows)  # ben's § 19 invoice
    assert any(
        row.startswith("Eingang;Gutschrift;") for row in rows
    )  # anna's Gutschrift is her expense


def test_datev_export_has_the_extf_header_and_one_booking_per_vat_group(
    kinds: dict[str, Invoice], anna: User
) -> None:
    today = timezone.localdate()
    query = {
        "since": date(today.year, 1, 1).isoformat(),
        "until": date(today.year, 12, 31).isoformat(),
        "format": "datev",
        "adviser": "1001",
        "client": "1",
    }
    response = _client(anna).get(reverse("invoices:export"), query)
    lines = response.content.decode("cp1252").split("\r\n")
    assert lines[0].startswith('"EXTF";700;21;"Buchungsstapel";13;')
    assert lines[1].startswith("Umsatz (ohne Soll/Haben-Kz);Soll/Haben-Kennzeichen")
    vat7 = kinds["vat7"]
    bookings = [
        line.split(";") for line in lines[2:] if f'"{vat7.number}"' in line and "Teilnehmer" in line
    ]
    assert sorted(b[7] for b in bookings) == ["8200", "8300", "8400"]
    assert sum(Decimal(b[0].replace(",", ".")) for b in bookings) == vat7.gross_total
    assert {b[9] for b in bookings} == {vat7.issue_date.strftime("%d%m")}
    correction = [
        line.split(";") for line in lines[2:] if f'"{kinds["correction"].number}"' in line
    ]
    assert correction and correction[0][1] == '"H"'


def test_export_refuses_a_reversed_period(anna: User) -> None:
    response = _client(anna).get(
        reverse("invoices:export"),
        {
            "since": "2026-03-01",
            "until": "2026-02-01",
            "format": "csv",
            "adviser": "1001",
            "client": "1",
        },
    )
    assert response.status_code == 400
    assert "Das Ende liegt vor dem Beginn." in response.content.decode()


def test_a_members_archive_holds_the_invoices_they_are_party_to_only(
    kinds: dict[str, Invoice], anna: User, ben: User, carla: User
) -> None:
    from apps.cooperations.documents import archive_zip
    from apps.cooperations.selectors import cooperation_for_member

    invoice = kinds["vat19"]  # anna to ben
    join(invoice.cooperation, anna, carla)
    for reader, sees in ((anna, True), (ben, True), (carla, False)):
        cooperation = cooperation_for_member(user=reader, pk=invoice.cooperation_id)
        archive = zipfile.ZipFile(io.BytesIO(archive_zip(cooperation)))
        assert (f"rechnungen/{invoice.file_stem}.xml" in archive.namelist()) is sees
        assert (invoice.number in archive.read("kooperation.json").decode()) is sees


def test_the_data_export_holds_settings_and_invoices(kinds: dict[str, Invoice], ben: User) -> None:
    from apps.base.data_export import user_data_export

    section = user_data_export(ben)["invoices"]
    assert section["business_settings"]["iban"] == "DE02120300000000202051"
    assert {i["number"] for i in section["invoices"]} >= {kinds["small_business"].number}


def test_former_members_keep_reading_but_issue_nothing(
    kinds: dict[str, Invoice], anna: User, ben: User
) -> None:
    invoice = kinds["vat19"]
    remove(invoice.cooperation, anna, ben)
    client = _client(ben)
    assert client.get(_detail(invoice)).status_code == 200
    response = client.get(reverse("invoices:new", args=[invoice.cooperation_id]))
    assert response.status_code == 302
    assert "invoices:new" not in response["Location"]
    # and a removed member can no longer be invoiced
    page = _client(anna).get(reverse("invoices:new", args=[invoice.cooperation_id]))
    assert f'value="{ben.pk}"' not in page.content.decode()


def test_the_recipient_cannot_cancel_and_is_told_why(kinds: dict[str, Invoice], ben: User) -> None:
    invoice = kinds["vat19"]
    client = _client(ben)
    response = client.get(_detail(invoice, "invoices:correct"), follow=True)
    assert "Korrigieren kann nur, wer die Rechnung ausgestellt hat." in response.content.decode()
    client.post(_detail(invoice, "invoices:correct"))
    assert not Invoice.objects.filter(corrects=invoice).exists()
