"""Benchmark of issuing invoices and rendering them as Factur-X.

    python -m bench.invoices [--threads 4] [--each 25] [--pdfs 10] [--database-url URL]

In a scratch SQLite database (or the empty database of ``--database-url``, migrated
first): two partners in one cooperation; ``threads`` threads issue ``each``
invoices at the same moment through the service, half of them as one issuer, so
the counter rows are contended. Checks that the numbers are gapless and unique,
then times the CII XML and the Factur-X PDF (WeasyPrint PDF/A-3 + embedding) of
``pdfs`` invoices. The last line holds key=value figures.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from datetime import date
from decimal import Decimal

from bench.scratch import setup_django

SCRATCH_PREFIX = "wirwerk-bench-invoices-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--each", type=int, default=25)
    parser.add_argument("--pdfs", type=int, default=10)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    setup_django(args.database_url, prefix=SCRATCH_PREFIX)

    from django.db import connection

    from apps.accounts.models import User
    from apps.cooperations import services as cooperations
    from apps.invoices import cii, demo
    from apps.invoices.models import Invoice
    from apps.invoices.pdf import invoice_pdf
    from apps.invoices.services import Draft, Line, invoice_issue

    anna = User.objects.create_user("bench-anna@example.org", "!", name="Anna Bench")
    ben = User.objects.create_user("bench-ben@example.org", "!", name="Ben Bench")
    demo.settings_for(anna, "anna")
    demo.settings_for(ben, "ben")
    cooperation = cooperations.cooperation_create(
        founder=anna, title="Bench", purpose="Rechnungen messen.", kind="other"
    )
    demo._member(cooperation, anna, ben)

    lines = [
        Line("Moderation", Decimal("6.5"), "HUR", Decimal("95.00")),
        Line("Arbeitshefte", Decimal("12"), "C62", Decimal("18.50"), Decimal("7")),
    ]
    barrier = threading.Barrier(args.threads)
    errors: list[BaseException] = []

    def work(issuer: User, recipient: User) -> None:
        try:
            barrier.wait()
            for n in range(args.each):
                draft = Draft(recipient, f"Auftrag {n}", date(2026, 1, 1), date(2026, 1, 31), lines)
                invoice_issue(cooperation=cooperation, issuer=issuer, draft=draft)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(anna, ben) if n % 2 == 0 else (ben, anna))
        for n in range(args.threads)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    issue_seconds = time.perf_counter() - started
    total = args.threads * args.each
    gapless = True
    for user in (anna, ben):
        sequences = sorted(
            int(number.split("-")[1])
            for number in Invoice.objects.filter(issuer=user).values_list("number", flat=True)
        )
        gapless &= sequences == list(range(1, len(sequences) + 1))
    count = Invoice.objects.count()
    print(f"issued {count}/{total} invoices from {args.threads} threads in {issue_seconds:.2f} s")
    print(f"errors {len(errors)}, numbers gapless and unique per issuer: {gapless}")

    invoices = list(Invoice.objects.prefetch_related("lines").order_by("pk")[: args.pdfs])
    xml_times, pdf_times = [], []
    for invoice in invoices:
        t0 = time.perf_counter()
        xml = cii.invoice_xml(invoice)
        t1 = time.perf_counter()
        invoice_pdf(invoice, xml)
        t2 = time.perf_counter()
        xml_times.append(t1 - t0)
        pdf_times.append(t2 - t1)
    xml_ms = statistics.median(xml_times) * 1000
    pdf_ms = statistics.median(pdf_times) * 1000
    print(f"median CII XML {xml_ms:.1f} ms, Factur-X PDF {pdf_ms:.0f} ms per invoice")
    print(
        f"invoices={count} expected={total} errors={len(errors)} gapless={int(gapless)} "
        f"issue_per_s={count / issue_seconds:.1f} xml_ms={xml_ms:.1f} pdf_ms={pdf_ms:.0f}"
    )


if __name__ == "__main__":
    main()
