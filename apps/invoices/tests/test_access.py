"""Outsiders of a cooperation, and members who are not party to an invoice, get 404
on every invoice URL inside the cooperation: existence does not leak."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from apps.accounts.models import User
from apps.invoices.models import Invoice

pytestmark = pytest.mark.django_db

# The person's own pages, outside any cooperation.
OUTSIDE = {"mine", "settings", "export"}


def invoice_patterns() -> list[URLPattern]:
    namespace = get_resolver().namespace_dict["invoices"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


def _walk(client: Client, invoice: Invoice, *, skip: frozenset[str] = frozenset()) -> list[str]:
    walked = []
    for pattern in invoice_patterns():
        if pattern.name in OUTSIDE | skip:
            continue
        names = pattern.pattern.regex.groupindex.keys()
        values = {"pk": invoice.cooperation_id, "invoice_id": invoice.pk}
        url = reverse(f"invoices:{pattern.name}", kwargs={n: values[n] for n in names})
        assert client.post(url).status_code == 404, pattern.name
        assert client.get(url).status_code == 404, pattern.name
        walked.append(str(pattern.name))
    return walked


def test_every_invoice_url_answers_404_to_an_outsider(
    kinds: dict[str, Invoice], carla: User
) -> None:
    client = Client()
    client.force_login(carla)
    walked = _walk(client, kinds["vat19"])
    assert set(walked) == {"cooperation", "new", "detail", "pdf", "xml", "correct"}


def test_a_member_who_is_no_party_gets_404_on_the_invoice(
    kinds: dict[str, Invoice], abroad: tuple[User, User]
) -> None:
    lena = abroad[0]  # member of the cross-border cooperation, not party to anna → Urs
    client = Client()
    client.force_login(lena)
    # The cooperation's list and form are hers; this invoice is not.
    walked = _walk(client, kinds["export"], skip=frozenset({"cooperation", "new"}))
    assert set(walked) == {"detail", "pdf", "xml", "correct"}
    assert not Invoice.objects.filter(corrects=kinds["export"]).exists()


def test_own_pages_need_a_login(client: Client) -> None:
    for name in OUTSIDE:
        response = client.get(reverse(f"invoices:{name}"))
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
