"""Account deletion: the person's business settings go (see ``apps.base.erasure``).
Issued invoices stay: each keeps the seller's and buyer's details as issued, which
the law requires the other party to keep."""

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.invoices.models import BusinessSettings


@erasure_step("invoices")
def business_settings(user: User) -> None:
    BusinessSettings.objects.filter(user=user).delete()
