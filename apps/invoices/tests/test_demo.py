"""The demo shows every kind of invoice between the personas and two partners abroad."""

import random

import pytest

from apps.accounts.models import User
from apps.base.demo import DemoContext
from apps.cooperations.models import Cooperation
from apps.invoices.demo import CROSS_BORDER_TITLE, seed_invoices
from apps.invoices.models import Invoice

pytestmark = pytest.mark.django_db


def test_the_demo_issues_every_kind_of_invoice(
    cooperation: Cooperation, anna: User, ben: User, carla: User, add_people
) -> None:  # type: ignore[no-untyped-def]
    add_people(2)
    others = list(User.objects.exclude(pk__in=[anna.pk, ben.pk, carla.pk]).order_by("pk"))
    context = DemoContext([anna, ben, carla, *others], random.Random(1), cooperation)
    seed_invoices(context)
    assert set(Invoice.objects.values_list("scheme", flat=True)) == {
        "standard",
        "small_business",
        "reverse_charge",
        "export",
    }
    assert set(Invoice.objects.values_list("type_code", flat=True)) == {"380", "389", "384"}
    assert ben.business_settings.small_business
    assert Cooperation.objects.filter(title=CROSS_BORDER_TITLE).exists()
    seed_invoices(context)  # a second run adds nothing
    assert Invoice.objects.count() == 8
