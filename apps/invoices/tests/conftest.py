"""Invoice fixtures: anna (DE, VAT) and ben (DE, § 19) in the personas' cooperation,
and ``kinds``: one invoice of every kind, the demo's own set."""

import pytest

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.invoices import demo
from apps.invoices.models import Invoice


@pytest.fixture
def with_settings(anna: User, ben: User) -> None:
    demo.settings_for(anna, "anna")
    demo.settings_for(ben, "ben")


@pytest.fixture
def abroad(db: None) -> tuple[User, User]:
    austria = User.objects.create_user("lena@wirwerk.example", "x", name="Lena Huber")
    switzerland = User.objects.create_user("urs@wirwerk.example", "x", name="Urs Keller")
    demo.settings_for(austria, "austria")
    demo.settings_for(switzerland, "switzerland")
    return austria, switzerland


@pytest.fixture
def kinds(
    cooperation: Cooperation, anna: User, ben: User, with_settings: None, abroad: tuple[User, User]
) -> dict[str, Invoice]:
    cross = demo.cross_border(anna, *abroad)
    invoices = demo.every_kind(cooperation, cross, anna, ben, *abroad)
    names = [
        "vat19",
        "vat7",
        "small_business",
        "reverse_charge",
        "export",
        "self_billing",
        "wrong",
        "correction",
    ]
    return dict(zip(names, invoices, strict=True))
