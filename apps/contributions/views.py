"""Pages of the contributions ledger. Every view starts with
``cooperation_for_member``: outsiders get 404 before anything else runs. Former
members and members of an ended cooperation read everything and write nothing.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.base import idempotency
from apps.base.http import AuthedRequest, form_save, refuse
from apps.contributions import charts, rules, selectors, services
from apps.contributions.forms import CorrectionForm, EntryForm, LedgerFilterForm, RemoveForm
from apps.contributions.models import Contribution
from apps.cooperations.gate import can_write
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import cooperation_for_member, members_of, seen_until
from apps.driver.rules import driver_setting

ENTRIES_PER_PAGE = 25


def _ledger_url(cooperation: Cooperation) -> str:
    return reverse("contributions:ledger", args=[cooperation.pk])


def _read_only_message() -> str:
    return _("Beiträge tragen nur aktuelle Mitglieder einer laufenden Kooperation ein.")


def _window_days(request: AuthedRequest) -> int:
    choices = selectors.window_choices()
    raw = request.GET.get("tage", "")
    return int(raw) if raw.isdigit() and int(raw) in choices else selectors.default_window_days()


def _balance_context(cooperation: Cooperation, days: int) -> dict[str, Any]:
    # A former member sees the balance as it stood on the day they left.
    left = seen_until(cooperation)
    since, until = selectors.window(days, today=timezone.localdate(left) if left else None)
    figures = selectors.balance_for(cooperation.pk, since=since, until=until)
    threshold = driver_setting("imbalance_percent")
    per_day = selectors.hours_per_day(cooperation_id=cooperation.pk, since=since, until=until)
    return {
        "days": days,
        "window_choices": selectors.window_choices(),
        "since": since,
        "until": until,
        "figures": figures,
        "bar_chart": charts.bar_chart(figures, days=days),
        "line_chart": charts.line_chart(figures, per_day, since=since, until=until),
        "has_agreement": selectors.has_agreement(cooperation=cooperation),
        "threshold": threshold,
        "behind_ids": {f.user_id for f in rules.behind(figures, percent=threshold)},
        "delivered_any": any(f.delivered_hours for f in figures),
        "paid_in_any": any(f.paid_in or f.referrals or f.resources for f in figures),
    }


@login_required
def ledger(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    members = members_of(cooperation=cooperation)
    filters = LedgerFilterForm(request.GET, members=[(m.user_id, str(m.user)) for m in members])
    chosen = filters.filters()
    entries = selectors.ledger(cooperation=cooperation, **chosen)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("seite"))
    days = _window_days(request)
    writer = can_write(cooperation)
    query = {
        k: v for k, v in (("mitglied", chosen.get("member_id")), ("art", chosen.get("kind"))) if v
    }
    context = {
        "cooperation": cooperation,
        "can_write": writer,
        # The user's own entries on this page, which the user may correct.
        "correctable_ids": {
            entry.pk for entry in page if writer and entry.member_id == request.user.pk
        },
        "filters": filters,
        "filtered": bool(query),
        "page": page,
        "query": urlencode({**query, "tage": days}),
        "form": EntryForm(),
    }
    if request.htmx and request.htmx.target == "eintraege":
        return render(request, "contributions/ledger.html#entries", context)
    context.update(_balance_context(cooperation, days))
    return render(request, "contributions/ledger.html", context)


@login_required
def entry_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    if not can_write(cooperation):
        return refuse(request, _read_only_message(), back=_ledger_url(cooperation))
    form = EntryForm(request.POST or None)
    if request.method == "POST":
        ledger = _ledger_url(cooperation)
        once = idempotency.claim(request, scope=f"contribution-new:{pk}", fallback=ledger)
        if once.repeat_of:
            return redirect(once.repeat_of)
        logged = None
        if form.is_valid():
            logged = form_save(
                form,
                lambda: services.contribution_log(
                    cooperation=cooperation, user=request.user, entry=form.entry()
                ),
            )
        if logged is None:
            once.release()
        else:
            once.done(ledger)
            messages.success(request, _("Ihr Beitrag ist eingetragen."))
            return redirect(ledger)
    context = {
        "cooperation": cooperation,
        "form": form,
        "once_token": idempotency.token_of(request),
    }
    return render(request, "contributions/entry_form.html", context)


@login_required
def entry_detail(request: AuthedRequest, pk: int, entry_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    entry = selectors.contribution_in(cooperation=cooperation, pk=entry_id)
    chain = selectors.history(contribution=entry)
    current = chain[-1]
    context = {
        "cooperation": cooperation,
        "entry": entry,
        "chain": list(reversed(chain)),
        "current": current,
        "can_correct": can_write(cooperation) and current.member_id == request.user.pk,
    }
    return render(request, "contributions/entry_detail.html", context)


def _own_latest(
    request: AuthedRequest, cooperation: Cooperation, entry: Contribution
) -> str | None:
    """Why the user cannot correct this entry (a message), or None when they can."""
    if not can_write(cooperation):
        return _read_only_message()
    if entry.member_id != request.user.pk:
        return _("Sie können nur Ihre eigenen Einträge korrigieren.")
    if selectors.history(contribution=entry)[-1].pk != entry.pk:
        return _(
            "Dieser Eintrag wurde inzwischen korrigiert. Bitte korrigieren Sie die neueste Fassung."
        )
    return None


@login_required
def entry_correct(request: AuthedRequest, pk: int, entry_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    entry = selectors.contribution_in(cooperation=cooperation, pk=entry_id)
    detail = reverse("contributions:detail", args=[cooperation.pk, entry.pk])
    if refusal := _own_latest(request, cooperation, entry):
        return refuse(request, refusal, back=detail)
    form = CorrectionForm(request.POST or None, initial=EntryForm.initial_from(entry))
    if request.method == "POST" and form.is_valid():
        correction = form_save(
            form,
            lambda: services.contribution_correct(
                contribution=entry,
                user=request.user,
                entry=form.entry(),
                reason=form.cleaned_data["reason"],
            ),
        )
        if correction is not None:
            messages.success(
                request, _("Die Korrektur ist eingetragen; die Geschichte bleibt sichtbar.")
            )
            return redirect("contributions:detail", cooperation.pk, correction.pk)
    context = {"cooperation": cooperation, "entry": entry, "form": form}
    return render(request, "contributions/entry_form.html", context)


@login_required
def entry_remove(request: AuthedRequest, pk: int, entry_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    entry = selectors.contribution_in(cooperation=cooperation, pk=entry_id)
    detail = reverse("contributions:detail", args=[cooperation.pk, entry.pk])
    if refusal := _own_latest(request, cooperation, entry):
        return refuse(request, refusal, back=detail)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        removal = form_save(
            form,
            lambda: services.contribution_remove(
                contribution=entry, user=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if removal is not None:
            messages.success(request, _("Der Eintrag ist entfernt; er zählt nicht mehr mit."))
            return redirect("contributions:detail", cooperation.pk, removal.pk)
    context = {"cooperation": cooperation, "entry": entry, "form": form}
    return render(request, "contributions/entry_remove.html", context)
