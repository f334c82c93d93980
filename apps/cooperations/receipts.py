"""Receipts: what every member takes away when a version comes into force.

A receipt names the cooperation, the version, the chain head (the hash of that
version), the instance's signature over it and the key's fingerprint. Members get it
by mail, see it on a page and find it in the PDF as one line, the receipt code::

    WWQ1.<cooperation>.<number>.<hash>.<signature>

Pasted into the verify page (or inside an uploaded PDF), it is checked against the
signature and against what is stored now: a version rewritten or deleted behind the
application's back no longer matches a receipt its members kept.
"""

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.cooperations import integrity, signing
from apps.cooperations.models import ACCEPTED_STATUSES, AgreementVersion, Cooperation

logger = logging.getLogger(__name__)

PREFIX = "WWQ1"
_CODE = re.compile(
    rf"{PREFIX}\.(?P<cooperation>\d{{1,18}})\.(?P<number>\d{{1,9}})\."
    r"(?P<hash>[0-9a-f]{64})\.(?P<signature>[A-Za-z0-9+/]{86}==)"
)


def receipt_code(version: AgreementVersion) -> str:
    if not version.content_hash or not version.signature:
        return ""
    return (
        f"{PREFIX}.{version.cooperation_id}.{version.number}."
        f"{version.content_hash}.{version.signature}"
    )


@dataclass(frozen=True)
class Receipt:
    cooperation_id: int
    number: int
    content_hash: str
    signature: str


def find_receipt(text: str) -> Receipt | None:
    """The first receipt code in ``text``; whitespace inside it (a wrapped line from a
    mail or a PDF) is ignored."""
    match = _CODE.search(re.sub(r"\s+", "", text))
    if match is None:
        return None
    return Receipt(
        cooperation_id=int(match["cooperation"]),
        number=int(match["number"]),
        content_hash=match["hash"],
        signature=match["signature"],
    )


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return ""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str


def check_receipt(*, cooperation: Cooperation, receipt: Receipt) -> Verdict:
    """Does the receipt match what is stored now? German answers for members."""
    if receipt.cooperation_id != cooperation.pk:
        return Verdict(False, _("Diese Quittung gehört zu einer anderen Kooperation."))
    message = signing.version_message(
        cooperation_id=receipt.cooperation_id,
        number=receipt.number,
        content_hash=receipt.content_hash,
    )
    if not signing.verify(message, receipt.signature):
        return Verdict(
            False,
            _(
                "Die Signatur der Quittung ist ungültig: Sie stammt nicht vom Schlüssel "
                "dieser Instanz, oder Prüfwert, Fassung oder Signatur wurden verändert."
            ),
        )
    versions = list(
        cooperation.agreement_versions.filter(number__isnull=False)
        .prefetch_related("commitments", "acceptances")
        .order_by("number")
    )
    stored = next((v for v in versions if v.number == receipt.number), None)
    if stored is None:
        return Verdict(
            False,
            _(
                "Achtung: Diese Instanz hat Fassung %(number)s signiert, sie fehlt aber in "
                "den Aufzeichnungen. Sie wurde nachträglich gelöscht."
            )
            % {"number": receipt.number},
        )
    if stored.status not in ACCEPTED_STATUSES or stored.content_hash != receipt.content_hash:
        return Verdict(
            False,
            _(
                "Achtung: Diese Instanz hat Fassung %(number)s mit diesem Prüfwert signiert, "
                "gespeichert ist heute etwas anderes. Die Aufzeichnungen wurden nachträglich "
                "verändert."
            )
            % {"number": receipt.number},
        )
    if integrity.verify_chain(versions) or not integrity.signature_valid(stored):
        return Verdict(
            False,
            _(
                "Der Prüfwert stimmt überein, die Hash-Kette der Vereinbarung ist aber nicht "
                "intakt: Eine Fassung wurde nachträglich verändert."
            ),
        )
    newer = [v.number for v in versions if v.status in ACCEPTED_STATUSES]
    if max(n or 0 for n in newer) > receipt.number:
        return Verdict(
            True,
            _(
                "Die Quittung stimmt mit den Aufzeichnungen überein. Fassung %(number)s galt "
                "und wurde inzwischen von einer neueren Fassung abgelöst."
            )
            % {"number": receipt.number},
        )
    return Verdict(
        True,
        _(
            "Die Quittung stimmt mit den Aufzeichnungen überein: Fassung %(number)s ist so "
            "in Kraft, wie sie signiert wurde."
        )
        % {"number": receipt.number},
    )


_mail_paused: ContextVar[bool] = ContextVar("receipt_mail_paused", default=False)


@contextmanager
def mail_paused() -> Iterator[None]:
    """For demo seeding: versions come into force and are signed, but no receipt mail
    goes to made-up addresses. The receipt page still shows every receipt."""
    token = _mail_paused.set(True)
    try:
        yield
    finally:
        _mail_paused.reset(token)


def mail_is_paused() -> bool:
    return _mail_paused.get()


def send_receipts(version: AgreementVersion, recipients: list[tuple[str, str]]) -> None:
    """One mail per member (name, address) with the receipt of ``version``."""
    cooperation = version.cooperation
    link = settings.SITE_URL + reverse(
        "cooperations:agreement-receipt", args=[cooperation.pk, version.number]
    )
    subject = _("Quittung: Fassung %(number)s von „%(title)s“ ist in Kraft") % {
        "number": version.number,
        "title": cooperation.title,
    }
    for name, email in recipients:
        body = render_to_string(
            "cooperations/email/receipt.txt",
            {
                "name": name,
                "version": version,
                "cooperation": cooperation,
                "code": receipt_code(version),
                "link": link,
            },
        )
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        except (SMTPException, OSError):
            # The version is in force either way; the receipt stays on its page.
            logger.exception("receipt mail to member failed")
