"""Pages of the resources. Every page of a resource starts with
``resource_for_member``: whoever may not book it gets 404 before anything else runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import User
from apps.base.http import AuthedRequest, form_save, run_action
from apps.cooperations.models import Cooperation, CooperationStatus, MemberRole, Membership
from apps.cooperations.selectors import as_seen, cooperation_for_member
from apps.network.selectors import connected_user_ids
from apps.organisations.models import Organisation, Role
from apps.resources import selectors, services
from apps.resources.forms import BlockForm, BookingForm, HoursForm, Owner, ResourceForm
from apps.resources.models import Resource

PER_PAGE = 20


def _open_cooperations(user: User) -> list[Cooperation]:
    return list(Cooperation.objects.active().of_member(user).distinct().order_by("title", "pk"))


def _owners(user: User) -> dict[str, Owner]:
    owners: dict[str, Owner] = {"me": user}
    coordinated = (
        Membership.objects.current()
        .filter(user=user, role=MemberRole.COORDINATOR)
        .exclude(cooperation__status=CooperationStatus.ENDED)
    )
    for c in Cooperation.objects.filter(pk__in=coordinated.values("cooperation_id")):
        owners[f"coop-{c.pk}"] = c
    admin_of = Organisation.objects.filter(members__user=user, members__role=Role.ADMIN)
    for organisation in admin_of.distinct():
        owners[f"org-{organisation.pk}"] = organisation
    return owners


def _people(user: User) -> QuerySet[User]:
    partners = Membership.objects.current().filter(
        cooperation__in=Membership.objects.current().filter(user=user).values("cooperation_id")
    )
    return (
        User.objects.filter(
            Q(pk__in=connected_user_ids(user=user)) | Q(pk__in=partners.values("user_id"))
        )
        .exclude(pk=user.pk)
        .filter(is_active=True)
        .order_by("name", "pk")
    )


@login_required
def resource_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.resources_for(user=request.user), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "resources/list.html", {"page": page})


@login_required
def resource_new(request: AuthedRequest) -> HttpResponse:
    form = ResourceForm(
        request.POST or None, owners=_owners(request.user), people=_people(request.user)
    )
    if request.method == "POST" and form.is_valid():
        resource = form_save(
            form, lambda: services.resource_create(user=request.user, data=form.data_object())
        )
        if resource is not None:
            return redirect("resources:detail", pk=resource.pk)
    return render(request, "resources/resource_form.html", {"form": form})


def _detail(
    request: AuthedRequest, resource: Resource, form: BookingForm, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    week = selectors.week_of(
        resource=resource, monday=selectors.parse_week(request.GET.get("woche", ""), today=today)
    )
    context = {
        "resource": resource,
        "week": week,
        "form": form,
        "today": today,
        "pending": list(selectors.pending_for(resource=resource)) if resource.can_manage else [],  # type: ignore[attr-defined]
    }
    return render(request, "resources/detail.html", context, status=status)


@login_required
def resource_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for_member(user=request.user, pk=pk)
    form = BookingForm(cooperations=_open_cooperations(request.user))
    return _detail(request, resource, form)


@login_required
@require_POST
def booking_new(request: AuthedRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for_member(user=request.user, pk=pk)
    form = BookingForm(request.POST, cooperations=_open_cooperations(request.user))
    if form.is_valid():
        starts_at, ends_at = form.slot()
        bookings = form_save(
            form,
            lambda: services.booking_create(
                resource=resource,
                user=request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=form.cleaned_data["purpose"],
                cooperation=form.chosen_cooperation(),
                weeks=form.cleaned_data["weeks"],
            ),
        )
        if bookings:
            messages.success(
                request,
                _("Gebucht.")
                if bookings[0].status == "confirmed"
                else _("Angefragt – die Buchung wartet auf Freigabe."),
            )
            monday = selectors.monday_of(timezone.localtime(starts_at).date())
            year, number, _day = monday.isocalendar()
            return redirect(reverse("resources:detail", args=[pk]) + f"?woche={year}-W{number:02d}")
    return _detail(request, resource, form, status=422)


@login_required
def booking_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        return run_action(
            request,
            lambda: services.booking_cancel(booking=booking, user=request.user),
            done=_("Die Buchung ist storniert."),
            back=reverse("resources:mine"),
        )
    return render(request, "resources/cancel.html", {"booking": booking})


@login_required
@require_POST
def booking_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for_member(user=request.user, pk=pk)
    approve = request.POST.get("decision") == "approve"
    return run_action(
        request,
        lambda: services.booking_decide(booking=booking, user=request.user, approve=approve),
        done=_("Die Buchung ist freigegeben.") if approve else _("Die Buchung ist abgelehnt."),
        back=reverse("resources:detail", args=[booking.resource_id]),
    )


@login_required
def my_bookings(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.my_bookings(user=request.user), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "resources/mine.html", {"page": page})


@login_required
def resource_manage(request: AuthedRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for_member(user=request.user, pk=pk)
    if not resource.can_manage:  # type: ignore[attr-defined]
        return redirect("resources:detail", pk=pk)
    current = {h.weekday: (h.opens, h.closes) for h in resource.opening_hours.all()}
    which = request.POST.get("form")
    hours = HoursForm(request.POST if which == "hours" else None, current=current)
    block = BlockForm(request.POST if which == "block" else None)
    if which == "hours" and hours.is_valid():
        saved = form_save(
            hours,
            lambda: services.opening_hours_set(
                resource=resource, user=request.user, hours=hours.hours()
            ),
        )
        if saved:
            return redirect("resources:detail", pk=pk)
    if which == "block" and block.is_valid():
        starts_at, ends_at = block.range()
        saved = form_save(
            block,
            lambda: services.blocked_time_add(
                resource=resource,
                user=request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                reason=block.cleaned_data["reason"],
            ),
        )
        if saved:
            return redirect("resources:detail", pk=pk)
    context = {
        "resource": resource,
        "hours": hours,
        "block": block,
        "blocked": resource.blocked_times.filter(ends_at__gte=timezone.now()),
    }
    return render(request, "resources/manage.html", context)


@login_required
def cooperation_bookings(request: AuthedRequest, pk: int) -> HttpResponse:
    """What the cooperation booked, with the costs it shares, and what it owns."""
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    bookings = as_seen(selectors.bookings_for_cooperation(cooperation=cooperation), cooperation)
    page = Paginator(bookings, PER_PAGE).get_page(request.GET.get("seite"))
    context = {
        "cooperation": cooperation,
        "page": page,
        "owned": Resource.objects.filter(owner_cooperation=cooperation).order_by("name"),
        "now": timezone.now(),
    }
    return render(request, "resources/cooperation.html", context)
