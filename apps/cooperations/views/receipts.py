"""Receipts of versions in force and the page where a member checks one."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.base.http import AuthedRequest
from apps.cooperations import receipts, selectors
from apps.cooperations.models import ACCEPTED_STATUSES
from apps.cooperations.views.common import page

MAX_PDF_BYTES = 10 * 1024 * 1024


class ReceiptCheckForm(forms.Form):
    code = forms.CharField(
        label=_("Quittungscode"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(
            attrs={"rows": 4, "spellcheck": "false", "aria-describedby": "id_code_helptext"}
        ),
        help_text=_(
            "Den Code aus Ihrer Quittungs-Mail oder von der Quittungsseite, beginnend mit „WWQ1.“."
        ),
    )
    pdf = forms.FileField(
        label=_("oder PDF der Vereinbarung"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        code, pdf = data.get("code") or "", data.get("pdf")
        if not str(code).strip() and pdf is None:
            raise forms.ValidationError(
                _("Bitte fügen Sie einen Quittungscode ein oder laden Sie ein PDF hoch.")
            )
        text = str(code)
        if pdf is not None:
            if pdf.size > MAX_PDF_BYTES:
                raise forms.ValidationError(_("Das PDF ist größer als 10 MB."))
            text += "\n" + receipts.pdf_text(pdf.read())
        receipt = receipts.find_receipt(text)
        if receipt is None:
            raise forms.ValidationError(
                _(
                    "Darin ist kein Quittungscode zu finden. Ein Quittungscode beginnt mit "
                    "„WWQ1.“; PDFs von Fassungen, die vor Einführung der Signaturen in Kraft "
                    "traten, enthalten keinen."
                )
            )
        data["receipt"] = receipt
        return data


@login_required
def agreement_receipt(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    version = selectors.version_in(cooperation=cooperation, number=number)
    if version.status not in ACCEPTED_STATUSES:
        raise Http404
    context = page(cooperation, version=version, code=receipts.receipt_code(version))
    return render(request, "cooperations/receipt.html", context)


@login_required
def agreement_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    posted = request.method == "POST"
    form = ReceiptCheckForm(request.POST if posted else None, request.FILES if posted else None)
    verdict = None
    if request.method == "POST" and form.is_valid():
        verdict = receipts.check_receipt(
            cooperation=cooperation, receipt=form.cleaned_data["receipt"]
        )
    context = page(cooperation, form=form, verdict=verdict)
    return render(request, "cooperations/verify.html", context)
