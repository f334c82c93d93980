"""Pages of the invoices: the person's invoices (issued and received) with the exports
for the tax advisor, business settings, and inside a cooperation the list, a new
invoice, the detail with PDF and XML, and the correction. Only issuer and recipient
see an invoice; everyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.base.http import AuthedRequest, form_save, refuse, run_action
from apps.cooperations.gate import can_write
from apps.cooperations.selectors import cooperation_for_member, members_of
from apps.invoices import cii, exports, selectors, services
from apps.invoices.forms import BusinessSettingsForm, InvoiceForm, LineFormSet, PeriodForm, lines_of
from apps.invoices.models import TypeCode
from apps.invoices.pdf import invoice_pdf

PER_PAGE = 25
DIRECTIONS = {"ausgestellt": "issuer", "erhalten": "recipient"}


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    invoices = selectors.invoices_of(user=request.user)
    direction = request.GET.get("richtung", "")
    if direction in DIRECTIONS:
        invoices = invoices.filter(**{DIRECTIONS[direction]: request.user})
    page = Paginator(invoices, PER_PAGE).get_page(request.GET.get("seite"))
    context = {
        "page": page,
        "direction": direction,
        "settings": selectors.settings_of(user=request.user),
        "export_form": PeriodForm(initial=PeriodForm.defaults()),
    }
    return render(request, "invoices/mine.html", context)


@login_required
def business_settings(request: AuthedRequest) -> HttpResponse:
    current = selectors.settings_of(user=request.user)
    form = BusinessSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.business_settings_save(user=request.user, values=form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, _("Ihre Geschäftsangaben sind gespeichert."))
            return redirect("invoices:mine")
    return render(request, "invoices/settings.html", {"form": form})


@login_required
def export(request: AuthedRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        context = {
            "page": Paginator(selectors.invoices_of(user=request.user), PER_PAGE).get_page(1),
            "settings": selectors.settings_of(user=request.user),
            "export_form": form,
        }
        return render(request, "invoices/mine.html", context, status=400)
    data = form.cleaned_data
    since, until = data["since"], data["until"]
    invoices = selectors.invoices_in_period(user=request.user, since=since, until=until)
    stem = f"rechnungen_{since:%Y%m%d}-{until:%Y%m%d}"
    if data["format"] == "datev":
        body = exports.datev_csv(
            invoices,
            user=request.user,
            since=since,
            until=until,
            adviser=data["adviser"],
            client=data["client"],
            now=timezone.localtime(),
        )
        response = HttpResponse(body, content_type="text/csv; charset=windows-1252")
        name = f"EXTF_Buchungsstapel_{stem}.csv"
    else:
        text = exports.invoices_csv(invoices, user=request.user, german=data["german"])
        response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        name = f"{stem}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def cooperation_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    invoices = selectors.invoices_in(cooperation=cooperation, user=request.user)
    context = {
        "cooperation": cooperation,
        "can_write": can_write(cooperation),
        "page": Paginator(invoices, PER_PAGE).get_page(request.GET.get("seite")),
        "settings": selectors.settings_of(user=request.user),
    }
    return render(request, "invoices/cooperation.html", context)


@login_required
def invoice_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    back = reverse("invoices:cooperation", args=[cooperation.pk])
    if not can_write(cooperation):
        return refuse(request, _("Rechnungen stellen nur aktuelle Mitglieder aus."), back=back)
    members = [
        m.user
        for m in members_of(cooperation=cooperation)
        if m.is_current and m.user_id != request.user.pk
    ]
    form = InvoiceForm(request.POST or None, members=members)
    lines = LineFormSet(request.POST or None, prefix="positionen")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        invoice = form_save(
            form,
            lambda: services.invoice_issue(
                cooperation=cooperation, issuer=request.user, draft=form.draft(lines_of(lines))
            ),
        )
        if invoice is not None:
            messages.success(
                request, _("Die Rechnung %(number)s ist ausgestellt.") % {"number": invoice.number}
            )
            return redirect("invoices:detail", cooperation.pk, invoice.pk)
    context = {
        "cooperation": cooperation,
        "form": form,
        "lines": lines,
        "settings": selectors.settings_of(user=request.user),
        "has_members": bool(members),
    }
    return render(request, "invoices/invoice_form.html", context)


@login_required
def invoice_detail(request: AuthedRequest, pk: int, invoice_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    invoice = selectors.invoice_for_party(user=request.user, pk=invoice_id, cooperation=cooperation)
    lines = list(invoice.lines.all())
    context = {
        "cooperation": cooperation,
        "invoice": invoice,
        "lines": lines,
        "totals": cii.breakdown(invoice, lines),
        "notes": cii.notes(invoice)[1:],
        "correction": selectors.correction_of(invoice=invoice),
        "can_correct": can_write(cooperation)
        and invoice.issuer_id == request.user.pk
        and invoice.type_code != TypeCode.CORRECTION,
    }
    return render(request, "invoices/invoice_detail.html", context)


@login_required
def invoice_file(request: AuthedRequest, pk: int, invoice_id: int, kind: str) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    invoice = selectors.invoice_for_party(user=request.user, pk=invoice_id, cooperation=cooperation)
    xml = cii.invoice_xml(invoice)
    if kind == "xml":
        response = HttpResponse(xml, content_type="application/xml")
    else:
        response = HttpResponse(invoice_pdf(invoice, xml), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.file_stem}.{kind}"'
    return response


@login_required
def invoice_correct(request: AuthedRequest, pk: int, invoice_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    invoice = selectors.invoice_for_party(user=request.user, pk=invoice_id, cooperation=cooperation)
    detail = reverse("invoices:detail", args=[cooperation.pk, invoice.pk])
    if invoice.issuer_id != request.user.pk:
        return refuse(
            request, _("Korrigieren kann nur, wer die Rechnung ausgestellt hat."), back=detail
        )
    if request.method != "POST":
        return render(
            request,
            "invoices/invoice_correct.html",
            {"cooperation": cooperation, "invoice": invoice},
        )
    return run_action(
        request,
        lambda: services.invoice_correct(invoice=invoice, user=request.user),
        done=_("Die Rechnung ist storniert; die Korrekturrechnung steht in der Liste."),
        back=detail,
    )
