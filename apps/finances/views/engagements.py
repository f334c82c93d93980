"""Engagement pages: list, create, edit, detail, lines, keys and consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, run_action
from apps.cooperations.gate import permissions
from apps.cooperations.selectors import cooperation_for_member, members_of
from apps.finances import selectors, services
from apps.finances.forms import EngagementForm, KeyForm, LineForm
from apps.finances.models import KeyPurpose
from apps.finances.views.common import current_members, engagement_url, page_context, read_only

PER_PAGE = 25


@login_required
def engagement_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    engagements = selectors.engagements_of(cooperation=cooperation)
    page = Paginator(engagements, PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "finances/engagement_list.html", page_context(cooperation, page=page))


@login_required
def engagement_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    if refused := read_only(request, cooperation):
        return refused
    form = EngagementForm(
        request.POST or None,
        members=current_members(cooperation),
        initial={"lead": request.user.pk, "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        engagement = form_save(
            form,
            lambda: services.engagement_create(
                cooperation=cooperation, user=request.user, data=form.data_object()
            ),
        )
        if engagement is not None:
            messages.success(request, _("Der Auftrag ist angelegt."))
            return redirect(engagement_url(engagement))
    return render(request, "finances/engagement_form.html", page_context(cooperation, form=form))


@login_required
def engagement_edit(request: AuthedRequest, pk: int, engagement_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    engagement = selectors.engagement_in(cooperation=cooperation, pk=engagement_id)
    if refused := read_only(request, cooperation):
        return refused
    initial = {
        name: getattr(engagement, name)
        for name in ("title", "client", "starts_on", "ends_on", "status", "is_pilot", "note")
    }
    form = EngagementForm(
        request.POST or None,
        members=current_members(cooperation),
        initial={**initial, "lead": engagement.lead_id},
    )
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.engagement_update(
                engagement=engagement, user=request.user, data=form.data_object()
            ),
        )
        if saved is not None:
            messages.success(request, _("Der Auftrag ist gespeichert."))
            return redirect(engagement_url(engagement))
    context = page_context(cooperation, form=form, engagement=engagement)
    return render(request, "finances/engagement_form.html", context)


@login_required
def engagement_detail(request: AuthedRequest, pk: int, engagement_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    engagement = selectors.engagement_in(cooperation=cooperation, pk=engagement_id)
    figures = selectors.engagement_money(engagement=engagement)
    names = {m.user_id: str(m.user) for m in members_of(cooperation=cooperation)}
    shares = figures.shares()
    lines = selectors.lines_of(engagement=engagement)
    current = current_members(cooperation)
    writer = permissions(cooperation)["can_write"]
    proposals = []
    for proposal in selectors.proposals_of(engagement=engagement):
        consented = {consent.user_id for consent in proposal.consents.all()}
        proposals.append(
            {
                "proposal": proposal,
                "waiting": [name for user_id, name in current if user_id not in consented],
                "can_consent": writer
                and proposal.effective_at is None
                and request.user.pk not in consented,
            }
        )
    context = page_context(
        cooperation,
        engagement=engagement,
        figures=figures,
        shares=[(names.get(user_id, "–"), amount) for user_id, amount in shares.items()],
        lines=Paginator(lines, 50).get_page(request.GET.get("seite")),
        proposals=proposals,
        line_form=LineForm(
            members=current,
            initial={"member": engagement.lead_id, "booked_on": timezone.localdate()},
        ),
        keys=[(purpose.label, figures.keys[purpose]) for purpose in KeyPurpose],
    )
    return render(request, "finances/engagement_detail.html", context)


@login_required
def line_add(request: AuthedRequest, pk: int, engagement_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    engagement = selectors.engagement_in(cooperation=cooperation, pk=engagement_id)
    if refused := read_only(request, cooperation):
        return refused
    form = LineForm(request.POST or None, members=current_members(cooperation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        line = form_save(
            form,
            lambda: services.line_add(
                engagement=engagement,
                user=request.user,
                kind=data["kind"],
                member_id=data["member"],
                amount=data["amount"],
                booked_on=data["booked_on"],
                description=data["description"],
            ),
        )
        if line is not None:
            messages.success(request, _("Der Posten ist eingetragen."))
            fresh = selectors.engagement_in(cooperation=cooperation, pk=engagement.pk)
            if fresh.is_pilot and selectors.engagement_money(engagement=fresh).over_budget:
                messages.warning(
                    request,
                    _(
                        "Die Kosten des Experiments übersteigen jetzt das vereinbarte "
                        "Risikobudget. Alle Mitglieder werden erinnert."
                    ),
                )
            return redirect(engagement_url(engagement))
    context = page_context(cooperation, engagement=engagement, form=form)
    return render(request, "finances/line_form.html", context)


@login_required
@require_POST
def line_reverse(request: AuthedRequest, pk: int, engagement_id: int, line_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    engagement = selectors.engagement_in(cooperation=cooperation, pk=engagement_id)
    line = selectors.line_in(engagement=engagement, pk=line_id)
    return run_action(
        request,
        lambda: services.line_reverse(
            line=line, user=request.user, reason=request.POST.get("reason", "")
        ),
        done=_("Der Posten ist storniert."),
        back=engagement_url(engagement),
    )


@login_required
def key_propose(request: AuthedRequest, pk: int, engagement_id: int, purpose: str) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    engagement = selectors.engagement_in(cooperation=cooperation, pk=engagement_id)
    if purpose not in KeyPurpose.values:
        return redirect(engagement_url(engagement))
    if refused := read_only(request, cooperation):
        return refused
    form = KeyForm(request.POST or None, members=current_members(cooperation))
    if request.method == "POST" and form.is_valid():
        proposal = form_save(
            form,
            lambda: services.key_propose(
                engagement=engagement,
                user=request.user,
                purpose=purpose,
                kind=form.cleaned_data["kind"],
                shares=form.shares(),
                risk_budget=form.cleaned_data["risk_budget"],
            ),
        )
        if proposal is not None:
            messages.success(
                request, _("Der Vorschlag ist gespeichert. Er gilt, sobald alle zugestimmt haben.")
            )
            return redirect(engagement_url(engagement))
    context = page_context(
        cooperation, engagement=engagement, form=form, purpose=KeyPurpose(purpose).label
    )
    return render(request, "finances/key_form.html", context)


@login_required
@require_POST
def key_consent(
    request: AuthedRequest, pk: int, engagement_id: int, proposal_id: int
) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    engagement = selectors.engagement_in(cooperation=cooperation, pk=engagement_id)
    proposal = selectors.proposal_in(engagement=engagement, pk=proposal_id)
    proposal.engagement = engagement
    return run_action(
        request,
        lambda: services.key_consent(proposal=proposal, user=request.user),
        done=_("Ihre Zustimmung ist gespeichert."),
        back=engagement_url(engagement),
    )
