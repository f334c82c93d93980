"""Erase the client data of lost or stale referrals; run daily (cron or the dispatcher)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.referrals.services import referrals_erase_stale_client_data


class Command(BaseCommand):
    help = (
        "Löscht die Kontaktdaten der Kundinnen und Kunden von nicht zustande gekommenen "
        "oder liegen gebliebenen Empfehlungen nach der Aufbewahrungsfrist."
    )

    def handle(self, *args: object, **options: object) -> None:
        erased = referrals_erase_stale_client_data()
        months = settings.REFERRALS_CLIENT_DATA_RETENTION_MONTHS
        self.stdout.write(
            f"Kundendaten gelöscht: {erased} Empfehlung(en) (Frist: {months} Monate)."
        )
