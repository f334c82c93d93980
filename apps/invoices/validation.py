"""Checks of the seller data with clear German messages (IBAN and BIC by schwifty)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import (
    InvalidBankCode,
    InvalidChecksumDigits,
    InvalidCountryCode,
    InvalidLength,
    InvalidStructure,
    SchwiftyException,
)

VAT_ID = re.compile(r"^(DE[0-9]{9}|ATU[0-9]{8}|CHE[0-9]{9}(MWST|TVA|IVA)?|[A-Z]{2}[0-9A-Z]{2,12})$")


def compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value).upper()


def clean_iban(value: str) -> str:
    """The IBAN in electronic form, or a ``ValidationError`` that says what is wrong."""
    try:
        return str(IBAN(value).compact)
    except InvalidChecksumDigits:
        message = _("Die Prüfziffer der IBAN stimmt nicht – bitte prüfen Sie die Ziffern.")
    except InvalidLength:
        message = _("Die IBAN hat nicht die richtige Länge für ihr Land.")
    except InvalidCountryCode:
        message = _("Die IBAN beginnt nicht mit einem gültigen Ländercode (z. B. DE, AT, CH).")
    except (InvalidStructure, InvalidBankCode):
        message = _("Die IBAN ist nicht richtig aufgebaut.")
    except (SchwiftyException, ValueError):
        message = _("Das ist keine gültige IBAN.")
    raise ValidationError(message, code="iban")


def clean_bic(value: str) -> str:
    if not value:
        return ""
    try:
        return str(BIC(value).compact)
    except (SchwiftyException, ValueError):
        raise ValidationError(
            _("Das ist keine gültige BIC (8 oder 11 Zeichen, z. B. COBADEFFXXX)."), code="bic"
        ) from None


def clean_vat_id(value: str) -> str:
    value = compact(value)
    if value and not VAT_ID.match(value):
        raise ValidationError(
            _("Die USt-IdNr. beginnt mit dem Ländercode, z. B. DE123456789 oder ATU12345678."),
            code="vat_id",
        )
    return value
