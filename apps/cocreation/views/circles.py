"""Circle pages: the list, founding, joining (with the norms), the circle's page,
deciding join requests, leaving, gatherings with RSVP and .ics, the board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, run_action
from apps.cocreation import charts, ical, selectors, services
from apps.cocreation.forms import CircleForm, GatheringForm, JoinForm, PostForm, ReplyForm
from apps.cocreation.models import JoinRequest, RsvpAnswer

PER_PAGE = 10


def circle_url(pk: int) -> str:
    return reverse("cocreation:circle-detail", args=[pk])


@login_required
def circle_list(request: AuthedRequest) -> HttpResponse:
    mine = list(selectors.circles_of(user=request.user))
    others = Paginator(selectors.circles_open_to(user=request.user), PER_PAGE)
    return render(
        request,
        "cocreation/circle_list.html",
        {"mine": mine, "page": others.get_page(request.GET.get("seite"))},
    )


@login_required
def circle_create(request: AuthedRequest) -> HttpResponse:
    form = CircleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        circle = form_save(
            form, lambda: services.circle_create(founder=request.user, **form.cleaned_data)
        )
        if circle is not None:
            messages.success(request, _("Ihr Kreis ist gegründet."))
            return redirect(circle_url(circle.pk))
    return render(request, "cocreation/circle_form.html", {"form": form})


@login_required
def circle_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    posts = Paginator(selectors.posts_of(circle=circle), PER_PAGE)
    series = selectors.dimension_series(circle=circle)
    context = {
        "circle": circle,
        "members": selectors.members_of(circle=circle),
        "requests": selectors.open_join_requests(circle=circle),
        "gatherings": selectors.gatherings_upcoming(circle=circle, user=request.user),
        "answers": RsvpAnswer.choices,
        "page": posts.get_page(request.GET.get("seite")),
        "sessions": selectors.sessions_of_circle(circle=circle)[:10],
        "chart": charts.dimension_chart(series) if series else None,
        "post_form": PostForm(),
    }
    return render(request, "cocreation/circle_detail.html", context)


@login_required
def circle_join(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_to_join(pk=pk)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = form_save(
            form,
            lambda: services.join_request_create(
                circle=circle, user=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Ihre Anfrage ist beim Kreis. Ein Mitglied entscheidet."))
            return redirect("cocreation:circle-list")
    return render(request, "cocreation/circle_join.html", {"circle": circle, "form": form})


@login_required
@require_POST
def join_decide(request: AuthedRequest, pk: int, request_pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    join_request = JoinRequest.objects.filter(circle=circle, pk=request_pk).first()
    accept = request.POST.get("entscheidung") == "annehmen"
    back = circle_url(circle.pk)
    if join_request is None:
        return redirect(back)
    return run_action(
        request,
        lambda: services.join_request_decide(
            join_request=join_request, user=request.user, accept=accept
        ),
        done=_("Aufgenommen.") if accept else _("Abgelehnt."),
        back=back,
    )


@login_required
def circle_leave(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        services.circle_leave(circle=circle, user=request.user)
        messages.success(request, _("Sie haben den Kreis „%(name)s“ verlassen.") % {"name": circle})
        return redirect("cocreation:circle-list")
    return render(request, "cocreation/circle_leave.html", {"circle": circle})


@login_required
def gathering_create(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    form = GatheringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gathering = form_save(
            form,
            lambda: services.gathering_create(
                circle=circle, user=request.user, **form.service_args()
            ),
        )
        if gathering is not None:
            messages.success(request, _("Das Treffen ist geplant."))
            return redirect(circle_url(circle.pk))
    return render(request, "cocreation/gathering_form.html", {"circle": circle, "form": form})


@login_required
@require_POST
def rsvp(request: AuthedRequest, pk: int, gathering_pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    gathering = circle.gatherings.filter(pk=gathering_pk).first()
    if gathering is None:
        return redirect(circle_url(circle.pk))
    return run_action(
        request,
        lambda: services.rsvp_set(
            gathering=gathering, user=request.user, answer=request.POST.get("antwort", "")
        ),
        done=_("Ihre Antwort ist gespeichert."),
        back=circle_url(circle.pk),
    )


@login_required
def circle_ics(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    body = ical.circle_calendar(circle)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kreis-{circle.pk}.ics"'
    return response


@login_required
@require_POST
def post_create(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    form = PostForm(request.POST)
    if form.is_valid():
        post = form_save(
            form,
            lambda: services.post_create(circle=circle, user=request.user, **form.cleaned_data),
        )
        if post is not None:
            messages.success(request, _("Ihr Beitrag steht am Brett."))
            return redirect("cocreation:post-detail", circle.pk, post.pk)
    messages.error(request, _("Bitte geben Sie Betreff und Text an."))
    return redirect(circle_url(circle.pk))


@login_required
def post_detail(request: AuthedRequest, pk: int, post_pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    post = selectors.post_in(circle=circle, pk=post_pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reply = form_save(
            form,
            lambda: services.reply_create(post=post, user=request.user, **form.cleaned_data),
        )
        if reply is not None:
            messages.success(request, _("Ihre Antwort ist gespeichert."))
            return redirect("cocreation:post-detail", circle.pk, post.pk)
    return render(
        request, "cocreation/post_detail.html", {"circle": circle, "post": post, "form": form}
    )
