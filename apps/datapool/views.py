"""Pages of the pool itself: list, founding, the agreement, members, the log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, run_action
from apps.datapool import selectors
from apps.datapool.forms import InviteForm, PoolForm
from apps.datapool.models import Pool, PoolMember
from apps.datapool.services import pool_accept, pool_create, pool_invite, pool_leave
from apps.organisations.models import Organisation, Role
from apps.organisations.selectors import organisations_of


def _own_admin_organisations(request: AuthedRequest) -> QuerySet[Organisation]:
    return organisations_of(user=request.user).filter(
        members__user=request.user, members__role=Role.ADMIN
    )


def _own_member(request: AuthedRequest, pool: Pool) -> PoolMember:
    """The user's member entry named in the POST (one of ``pool.mine``)."""
    wanted = request.POST.get("organisation", "")
    for member in selectors.my_members(pool):
        if str(member.organisation_id) == wanted:
            return member
    raise Http404


@login_required
def pool_list(request: AuthedRequest) -> HttpResponse:
    pools = selectors.pools_of(user=request.user)
    return render(
        request,
        "datapool/pool_list.html",
        {
            "pools": pools,
            "has_organisation": organisations_of(user=request.user).exists(),
            "can_found": _own_admin_organisations(request).exists(),
        },
    )


@login_required
def pool_new(request: AuthedRequest) -> HttpResponse:
    own = _own_admin_organisations(request)
    if not own.exists():
        raise Http404
    form = PoolForm(request.POST or None, own=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pool = form_save(
            form,
            lambda: pool_create(
                user=request.user,
                organisation=data["organisation"],
                name=data["name"],
                purpose=data["purpose"],
                legal_basis=data["legal_basis"],
                partners=list(data["partners"]),
            ),
        )
        if pool is not None:
            return redirect("datapool:detail", pool.pk)
    return render(request, "datapool/pool_form.html", {"form": form})


@login_required
def pool_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_member(user=request.user, pk=pk)
    members = selectors.members_of(pool=pool)
    mine = selectors.my_members(pool)
    mine_ids = {m.organisation_id for m in mine}
    admin_of = set(
        Organisation.objects.filter(
            pk__in=mine_ids, members__user=request.user, members__role=Role.ADMIN
        ).values_list("pk", flat=True)
    )
    in_pool = PoolMember.objects.filter(pool=pool, left_at__isnull=True).values("organisation")
    return render(
        request,
        "datapool/pool_detail.html",
        {
            "pool": pool,
            "members": members,
            "to_accept": [
                m for m in mine if m.accepted_at is None and m.organisation_id in admin_of
            ],
            "may_leave": [m for m in mine if m.organisation_id in admin_of],
            "is_admin": bool(admin_of),
            "invite_form": InviteForm(choices=Organisation.objects.exclude(pk__in=in_pool)),
            "runs": selectors.runs_of(pool=pool)[:10],
            "audit": selectors.audit_of(pool=pool)[:10],
        },
    )


@login_required
def pool_agreement(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        member = _own_member(request, pool)
        return run_action(
            request,
            lambda: pool_accept(user=request.user, pool=pool, organisation=member.organisation),
            done=_("Die Vereinbarung ist angenommen."),
            back=reverse("datapool:detail", args=[pool.pk]),
        )
    return render(
        request,
        "datapool/agreement.html",
        {"pool": pool, "members": selectors.members_of(pool=pool)},
    )


@login_required
@require_POST
def pool_invite_view(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_member(user=request.user, pk=pk)
    in_pool = PoolMember.objects.filter(pool=pool, left_at__isnull=True).values("organisation")
    form = InviteForm(request.POST, choices=Organisation.objects.exclude(pk__in=in_pool))
    back = reverse("datapool:detail", args=[pool.pk])
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Organisation, die noch nicht dabei ist."))
        return redirect(back)
    organisation = form.cleaned_data["organisation"]
    return run_action(
        request,
        lambda: pool_invite(user=request.user, pool=pool, organisation=organisation),
        done=_("„%(name)s“ ist eingeladen.") % {"name": organisation.name},
        back=back,
    )


@login_required
def pool_leave_view(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        member = _own_member(request, pool)
        return run_action(
            request,
            lambda: pool_leave(user=request.user, pool=pool, organisation=member.organisation),
            done=_("Ihre Organisation hat den Datenpool verlassen."),
            back=reverse("datapool:list"),
        )
    return render(request, "datapool/leave.html", {"pool": pool})


@login_required
def pool_audit(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_participant(user=request.user, pk=pk)
    page = Paginator(selectors.audit_of(pool=pool), 50).get_page(request.GET.get("seite"))
    return render(request, "datapool/audit.html", {"pool": pool, "page": page})
