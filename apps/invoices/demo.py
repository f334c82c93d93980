"""Demo invoices for ``seed_demo``: business settings for the personas and two
partners abroad, and one invoice of every kind, written through the services.

anna (Köln) charges VAT, ben is a § 19 small business; an Austrian partner gets
an invoice with reverse charge, a Swiss one an export invoice. They work with
anna in a small cooperation of their own ("Führung über Grenzen"), as the
personas' cooperation has nobody abroad.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import User
from apps.base.demo import DemoContext, demo_step
from apps.cooperations import services as cooperations
from apps.cooperations.models import Cooperation, CooperationKind
from apps.invoices import services
from apps.invoices.models import BusinessSettings, Invoice
from apps.network.models import Connection
from apps.profiles.models import Profile

CROSS_BORDER_TITLE = "Führung über Grenzen"

SETTINGS: dict[str, dict[str, object]] = {
    "anna": {
        "street": "Ehrenstraße 12",
        "postcode": "50672",
        "city": "Köln",
        "country": "DE",
        "tax_number": "214/5123/4567",
        "vat_id": "DE812345678",
        "iban": "DE89370400440532013000",
        "bic": "COBADEFFXXX",
    },
    "ben": {
        "street": "Venloer Straße 301",
        "postcode": "50823",
        "city": "Köln",
        "country": "DE",
        "tax_number": "217/5987/1234",
        "iban": "DE02120300000000202051",
        "small_business": True,
    },
    "austria": {
        "street": "Mariahilfer Straße 45",
        "postcode": "1060",
        "city": "Wien",
        "country": "AT",
        "vat_id": "ATU12345678",
        "iban": "AT611904300234573201",
    },
    "switzerland": {
        "street": "Bahnhofstrasse 10",
        "postcode": "8001",
        "city": "Zürich",
        "country": "CH",
        "vat_id": "CHE123456789MWST",
        "iban": "CH9300762011623852957",
    },
}


# Where the demo network's people abroad live (their profile's city).
AUSTRIAN_CITIES = ("Wien", "Graz")
SWISS_CITIES = ("Zürich", "Basel", "Bern")


def _living_in(users: list[User], cities: tuple[str, ...]) -> User | None:
    """The first of ``users`` whose profile is in one of ``cities``."""
    ids = [user.pk for user in users]
    found = set(
        Profile.objects.filter(user_id__in=ids, city__in=cities).values_list("user_id", flat=True)
    )
    return next((user for user in users if user.pk in found), None)


def settings_for(user: User, key: str) -> BusinessSettings:
    return services.business_settings_save(
        user=user, values={"name": user.get_full_name(), **SETTINGS[key]}
    )


def _member(cooperation: Cooperation, founder: User, user: User) -> None:
    low, high = Connection.ordered_ids(founder.pk, user.pk)
    Connection.objects.get_or_create(user_low_id=low, user_high_id=high)
    invitation = cooperations.invitation_create(
        cooperation=cooperation, inviter=founder, invitee=user
    )
    cooperations.invitation_accept(invitation=invitation, user=user)


def cross_border(anna: User, austria: User, switzerland: User) -> Cooperation:
    cooperation = cooperations.cooperation_create(
        founder=anna,
        title=CROSS_BORDER_TITLE,
        purpose="Führungstrainings für Unternehmen in Deutschland, Österreich und der Schweiz.",
        kind=CooperationKind.JOINT_OFFER,
    )
    _member(cooperation, anna, austria)
    _member(cooperation, anna, switzerland)
    return cooperation


def line(description: str, quantity: str, unit: str, price: str, rate: str = "19") -> services.Line:
    return services.Line(description, Decimal(quantity), unit, Decimal(price), Decimal(rate))


def every_kind(
    cooperation: Cooperation,
    cross: Cooperation,
    anna: User,
    ben: User,
    austria: User,
    switzerland: User,
) -> list[Invoice]:
    """One invoice of each kind: 19 %, 7 % with 0 %, § 19, reverse charge AT, export CH,
    a Gutschrift and a correction."""
    today = timezone.localdate()
    start, end = today - timedelta(days=30), today - timedelta(days=1)

    def draft(
        recipient: User, reference: str, lines: list[services.Line], **more: object
    ) -> services.Draft:
        return services.Draft(recipient, reference, start, end, lines, **more)  # type: ignore[arg-type]

    issued = [
        services.invoice_issue(
            cooperation=cooperation,
            issuer=anna,
            draft=draft(
                ben,
                "Co-Moderation Teamtag Stadtwerke",
                [
                    line("Co-Moderation", "6.5", "HUR", "95.00"),
                    line("Konzeptarbeit", "1", "LS", "240.00"),
                ],
            ),
        ),
        services.invoice_issue(
            cooperation=cooperation,
            issuer=anna,
            draft=draft(
                ben,
                "Teilnehmerunterlagen Modul 2",
                [
                    line("Arbeitshefte (gedruckt)", "12", "C62", "18.50", "7"),
                    line("Versand", "1", "LS", "6.90", "19"),
                    line(
                        "Weitergegebene Raummiete (durchlaufender Posten)", "1", "LS", "120.00", "0"
                    ),
                ],
            ),
        ),
        services.invoice_issue(
            cooperation=cooperation,
            issuer=ben,
            draft=draft(
                anna,
                "Outdoor-Teamtag Familienunternehmen",
                [line("Outdoor-Teamtag", "1", "DAY", "850.00")],
            ),
        ),
        services.invoice_issue(
            cooperation=cross,
            issuer=anna,
            draft=draft(
                austria, "Workshop Führung Wien", [line("Workshop", "2", "DAY", "1200.00")]
            ),
        ),
        services.invoice_issue(
            cooperation=cross,
            issuer=anna,
            draft=draft(
                switzerland, "Online-Coaching Zürich", [line("Coaching", "4", "HUR", "140.00")]
            ),
        ),
        services.invoice_issue(
            cooperation=cooperation,
            issuer=anna,
            draft=draft(
                ben,
                "Provision Vermittlung Maschinenbau",
                [line("Vermittlung Outdoor-Training", "1", "LS", "300.00")],
                self_billed=True,
                agreement_reference="Kooperationsvereinbarung, Abschnitt Gutschriften",
            ),
        ),
    ]
    wrong = services.invoice_issue(
        cooperation=cooperation,
        issuer=anna,
        draft=draft(ben, "Versehentlich doppelt", [line("Co-Moderation", "6.5", "HUR", "95.00")]),
    )
    issued += [wrong, services.invoice_correct(invoice=wrong, user=anna)]
    return issued


@demo_step("invoices")
def seed_invoices(context: DemoContext) -> None:
    cooperation = context.cooperation
    if (
        cooperation is None
        or len(context.users) < 5
        or Invoice.objects.filter(cooperation=cooperation).exists()
    ):
        return
    anna, ben = context.users[:2]
    austria = _living_in(context.users[3:], AUSTRIAN_CITIES) or context.users[3]
    others = [user for user in context.users[3:] if user.pk != austria.pk]
    switzerland = _living_in(others, SWISS_CITIES) or others[0]
    for user, key in (
        (anna, "anna"),
        (ben, "ben"),
        (austria, "austria"),
        (switzerland, "switzerland"),
    ):
        settings_for(user, key)
    cross = cross_border(anna, austria, switzerland)
    every_kind(cooperation, cross, anna, ben, austria, switzerland)
