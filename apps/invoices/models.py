"""Business settings (the seller's master data) and invoices between partners.

An invoice is issued in one step and never changes afterwards: ``save`` refuses
an update, ``delete`` refuses always, and so do the QuerySet's ``update`` and
``delete``. A mistake is undone by a correction invoice (type code 384) that
references the original with negative amounts.
"""

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.base.models import TimeStampedModel
from apps.cooperations.models import Cooperation
from apps.invoices.validation import clean_bic, clean_iban, clean_vat_id

IMMUTABLE_MESSAGE = gettext_noop(
    "Eine ausgestellte Rechnung ist unveränderlich; "
    "korrigieren Sie sie mit einer Korrekturrechnung."
)


class Country(models.TextChoices):
    DE = "DE", _("Deutschland")
    AT = "AT", _("Österreich")
    CH = "CH", _("Schweiz")


class BusinessSettings(TimeStampedModel):
    """What a person's invoices say about them as seller."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="business_settings")
    name = models.CharField(_("Name oder Firma"), max_length=150)
    street = models.CharField(_("Straße und Hausnummer"), max_length=150)
    postcode = models.CharField(_("Postleitzahl"), max_length=10)
    city = models.CharField(_("Ort"), max_length=100)
    country = models.CharField(_("Land"), max_length=2, choices=Country, default=Country.DE)
    tax_number = models.CharField(_("Steuernummer"), max_length=30, blank=True)
    vat_id = models.CharField(_("USt-IdNr."), max_length=20, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    small_business = models.BooleanField(
        _("Kleinunternehmer nach § 19 UStG"),
        default=False,
        help_text=_("Dann weisen Ihre Rechnungen keine Umsatzsteuer aus."),
    )

    class Meta:
        verbose_name = _("Geschäftsangaben")
        verbose_name_plural = _("Geschäftsangaben")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, ValidationError | str] = {}
        for name, check in (("iban", clean_iban), ("bic", clean_bic), ("vat_id", clean_vat_id)):
            try:
                setattr(self, name, check(getattr(self, name)))
            except ValidationError as error:
                errors[name] = error
        if not self.tax_number.strip() and not self.vat_id and "vat_id" not in errors:
            errors["tax_number"] = gettext(
                "Bitte geben Sie Ihre Steuernummer oder Ihre USt-IdNr. an; "
                "eine Rechnung muss eine davon nennen."
            )
        if self.small_business and self.country != Country.DE:
            errors["small_business"] = gettext(
                "Die Kleinunternehmerregelung nach § 19 UStG gilt nur in Deutschland."
            )
        if errors:
            raise ValidationError(errors)

    def party(self) -> dict[str, str]:
        """The snapshot an invoice keeps of this seller or buyer."""
        return {
            "user_id": str(self.user_id),
            "name": self.name,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
            "country": self.country,
            "tax_number": self.tax_number,
            "vat_id": self.vat_id,
            "iban": self.iban,
            "bic": self.bic,
        }


class InvoiceCounter(models.Model):
    """The last number an issuer gave in a year; locked while the next is taken."""

    issuer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="invoice_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class TypeCode(models.TextChoices):
    INVOICE = "380", _("Rechnung")
    SELF_BILLING = "389", _("Gutschrift")
    CORRECTION = "384", _("Korrekturrechnung")


class Scheme(models.TextChoices):
    STANDARD = "standard", _("Umsatzsteuer")
    SMALL_BUSINESS = "small_business", _("Kleinunternehmer (§ 19 UStG)")
    REVERSE_CHARGE = "reverse_charge", _("Umkehr der Steuerschuld")
    EXPORT = "export", _("Leistung ins Drittland")


class Unit(models.TextChoices):
    HOUR = "HUR", _("Stunde")
    DAY = "DAY", _("Tag")
    PIECE = "C62", _("Stück")
    LUMP_SUM = "LS", _("Pauschale")


class ImmutableQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise ValidationError(gettext(IMMUTABLE_MESSAGE))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(gettext(IMMUTABLE_MESSAGE))


class InvoiceQuerySet(ImmutableQuerySet):
    def of_party(self, user: User) -> "InvoiceQuerySet":
        return self.filter(models.Q(issuer=user) | models.Q(recipient=user))


class Invoice(TimeStampedModel):
    """An issued invoice, Gutschrift or correction. ``issuer`` wrote it and numbered it;
    the seller is the issuer unless the document is self-billed (then the recipient)."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.PROTECT, related_name="invoices")
    # A deleted account leaves the invoice to the other party: the document keeps both
    # parties' data as issued (``seller``/``buyer``) and must be kept for ten years.
    issuer = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invoices_issued"
    )
    recipient = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invoices_received"
    )
    number = models.CharField(_("Nummer"), max_length=20)
    type_code = models.CharField(_("Art"), max_length=3, choices=TypeCode)
    self_billed = models.BooleanField(_("Gutschriftsverfahren"), default=False)
    agreement_reference = models.CharField(
        _("Vereinbarung zum Gutschriftsverfahren"), max_length=200, blank=True
    )
    scheme = models.CharField(_("Umsatzsteuer"), max_length=20, choices=Scheme)
    issue_date = models.DateField(_("Rechnungsdatum"))
    due_date = models.DateField(_("fällig am"))
    period_start = models.DateField(_("Leistungszeitraum von"))
    period_end = models.DateField(_("Leistungszeitraum bis"))
    reference = models.CharField(_("Bezug"), max_length=200)
    seller = models.JSONField(_("Verkäufer"))
    buyer = models.JSONField(_("Käufer"))
    net_total = models.DecimalField(_("Netto"), max_digits=12, decimal_places=2)
    tax_total = models.DecimalField(_("Umsatzsteuer"), max_digits=12, decimal_places=2)
    gross_total = models.DecimalField(_("Brutto"), max_digits=12, decimal_places=2)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )

    objects: ClassVar[InvoiceQuerySet] = InvoiceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("Rechnung")
        verbose_name_plural = _("Rechnungen")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="invoice_number_per_issuer")
        ]
        indexes = [models.Index(fields=["issue_date"])]

    def __str__(self) -> str:
        return f"{self.get_type_code_display()} {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(gettext(IMMUTABLE_MESSAGE))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValidationError(gettext(IMMUTABLE_MESSAGE))

    @property
    def seller_user_id(self) -> int | None:
        return self.recipient_id if self.self_billed else self.issuer_id

    @property
    def issuer_name(self) -> str:
        """The issuer's name, from the document when the account is deleted."""
        party = self.buyer if self.self_billed else self.seller
        return str(self.issuer) if self.issuer is not None else str(party["name"])

    @property
    def recipient_name(self) -> str:
        party = self.seller if self.self_billed else self.buyer
        return str(self.recipient) if self.recipient is not None else str(party["name"])

    @property
    def file_stem(self) -> str:
        """The name of its files: issuer and number, safe for any filesystem."""
        issuer = self.buyer if self.self_billed else self.seller
        return f"{slugify(issuer['name'])}-{issuer['user_id']}_{self.number}"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    description = models.CharField(_("Leistung"), max_length=200)
    quantity = models.DecimalField(_("Menge"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("Einheit"), max_length=3, choices=Unit, default=Unit.HOUR)
    unit_price = models.DecimalField(_("Einzelpreis"), max_digits=12, decimal_places=2)
    category = models.CharField(_("USt-Kategorie"), max_length=2)
    rate = models.DecimalField(_("USt-Satz"), max_digits=5, decimal_places=2)
    net_amount = models.DecimalField(_("Betrag netto"), max_digits=12, decimal_places=2)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position")
        ]

    def __str__(self) -> str:
        return self.description

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(gettext(IMMUTABLE_MESSAGE))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValidationError(gettext(IMMUTABLE_MESSAGE))
