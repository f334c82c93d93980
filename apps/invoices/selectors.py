"""Reads of invoices. Only issuer and recipient see an invoice (404 for everyone else)."""

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.invoices.models import BusinessSettings, Invoice


def with_details(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """What the XML, the PDF and the lists read, in a constant number of queries."""
    return invoices.select_related(
        "issuer", "recipient", "corrects", "cooperation"
    ).prefetch_related("lines")


def invoices_of(*, user: User) -> QuerySet[Invoice]:
    """Every invoice the user issued or received, newest first."""
    return (
        Invoice.objects.of_party(user)
        .select_related("issuer", "recipient", "cooperation", "corrects", "correction")
        .order_by("-issue_date", "-pk")
    )


def invoices_in(*, cooperation: Cooperation, user: User) -> QuerySet[Invoice]:
    """The user's invoices inside one cooperation (others' stay private)."""
    return invoices_of(user=user).filter(cooperation=cooperation)


def invoice_for_party(*, user: User, pk: int, cooperation: Cooperation | None = None) -> Invoice:
    """The invoice if the user issued or received it (in ``cooperation``); else 404."""
    invoices = Invoice.objects.of_party(user).filter(pk=pk)
    if cooperation is not None:
        invoices = invoices.filter(cooperation=cooperation)
    invoice = with_details(invoices).first()
    if invoice is None:
        raise Http404
    return invoice


def settings_of(*, user: User) -> BusinessSettings | None:
    return BusinessSettings.objects.filter(user=user).first()


def invoices_in_period(*, user: User, since: date, until: date) -> QuerySet[Invoice]:
    """Issued and received invoices dated in [since, until], for the tax advisor."""
    return (
        Invoice.objects.of_party(user)
        .filter(Q(issue_date__gte=since) & Q(issue_date__lte=until))
        .select_related("issuer", "recipient", "cooperation", "corrects")
        .prefetch_related("lines")
        .order_by("issue_date", "pk")
    )


def correction_of(*, invoice: Invoice) -> Invoice | None:
    return Invoice.objects.filter(corrects=invoice).first()
