"""The organisations' part of a cooperation's archive: which organisations took part,
their size and who represented them. Discovered by ``apps.cooperations.archive``."""

from django.utils.translation import gettext_lazy as _

from apps.cooperations.archive import ArchivePart, archive_section, iso
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import as_seen
from apps.organisations.models import CooperationOrganisation


@archive_section(
    "organisations",
    as_of=True,
    description=_("die beteiligten Organisationen mit Größe und Vertretung"),
)
def organisations_section(cooperation: Cooperation) -> ArchivePart:
    links = as_seen(CooperationOrganisation.objects.filter(cooperation=cooperation), cooperation)
    return ArchivePart(
        data=[
            {
                "organisation": link.organisation.name,
                "kind": link.organisation.kind,
                "staff_count": link.organisation.staff_count,
                "representative_id": link.representative_id,
                "representative": str(link.representative),
                "since": iso(link.created_at),
            }
            for link in links.select_related("organisation", "representative").order_by(
                "created_at", "pk"
            )
        ]
    )
