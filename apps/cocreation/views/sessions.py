"""Session pages: opening one (in a circle or a cooperation), the cooperation's
list, the session page with its live fragment, and the buttons of the session."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, refusal_message, run_action
from apps.cocreation import documents, selectors, services
from apps.cocreation.forms import (
    ActionsForm,
    CaseNoteForm,
    ClusterForm,
    IdeaForm,
    ProposalForm,
    RatingForm,
    SessionForm,
)
from apps.cocreation.models import Cluster, Idea, Session
from apps.cocreation.views.live import live_context
from apps.cooperations.gate import permissions
from apps.cooperations.selectors import cooperation_for_member, members_of

PER_PAGE = 20


def session_url(session: Session) -> str:
    return reverse("cocreation:session-detail", args=[session.pk])


def _create(request: AuthedRequest, form: SessionForm, **where: Any) -> HttpResponse | None:
    if request.method == "POST" and form.is_valid():
        session = form_save(
            form, lambda: services.session_create(user=request.user, **form.cleaned_data, **where)
        )
        if session is not None:
            messages.success(request, _("Die Session ist eröffnet. Sie moderieren sie."))
            return redirect(session_url(session))
    return None


@login_required
def session_new_in_circle(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    people = [membership.user for membership in selectors.members_of(circle=circle)]
    form = SessionForm(request.POST or None, people=people)
    done = _create(request, form, circle=circle)
    return done or render(request, "cocreation/session_form.html", {"circle": circle, "form": form})


@login_required
def session_new_in_cooperation(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    people = [membership.user for membership in members_of(cooperation=cooperation)]
    form = SessionForm(request.POST or None, people=people)
    done = _create(request, form, cooperation=cooperation)
    context = {"cooperation": cooperation, "form": form, **permissions(cooperation)}
    return done or render(request, "cocreation/session_form.html", context)


@login_required
def cooperation_sessions(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    sessions = Paginator(selectors.sessions_of_cooperation(cooperation=cooperation), PER_PAGE)
    context = {
        "cooperation": cooperation,
        "page": sessions.get_page(request.GET.get("seite")),
        **permissions(cooperation),
    }
    return render(request, "cocreation/cooperation_sessions.html", context)


@login_required
def circle_sessions(request: AuthedRequest, pk: int) -> HttpResponse:
    circle = selectors.circle_for_member(user=request.user, pk=pk)
    sessions = Paginator(selectors.sessions_of_circle(circle=circle), PER_PAGE)
    context = {"circle": circle, "page": sessions.get_page(request.GET.get("seite"))}
    return render(request, "cocreation/circle_sessions.html", context)


@login_required
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = selectors.session_for_member(user=request.user, pk=pk)
    context = live_context(request, session)
    context.update({"idea_form": IdeaForm(), "note_form": None})
    if session.cooperation_id is not None:
        context.update(permissions(session.cooperation))  # type: ignore[arg-type]
        context["cooperation"] = session.cooperation
    if context["board"].case_note is not None:
        context["note_form"] = CaseNoteForm(initial={"text": context["board"].case_note})
    return render(request, "cocreation/session_detail.html", context)


def _idea(session: Session, request: AuthedRequest) -> Idea:
    idea = Idea.objects.filter(session=session, pk=request.POST.get("idee") or 0).first()
    if idea is None:
        raise ValidationError(_("Diese Idee gibt es nicht mehr."))
    idea.session = session
    return idea


def _cluster(session: Session, request: AuthedRequest) -> Cluster | None:
    value = request.POST.get("gruppe") or ""
    if not value:
        return None
    cluster = Cluster.objects.filter(session=session, pk=value).first()
    if cluster is None:
        raise ValidationError(_("Diese Gruppe gibt es nicht mehr."))
    return cluster


def _form_values(form_class: type, request: AuthedRequest) -> dict[str, Any]:
    form = form_class(request.POST)
    if not form.is_valid():
        raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
    return dict(form.cleaned_data)


Step = Callable[[Session, AuthedRequest], object]

STEPS: dict[str, tuple[Step, str]] = {
    "idee": (
        lambda s, r: services.idea_add(
            session=s, user=r.user, text=_form_values(IdeaForm, r)["text"]
        ),
        gettext_noop("Ihre Idee ist für alle sichtbar."),
    ),
    "zurueckziehen": (
        lambda s, r: services.idea_withdraw(idea=_idea(s, r), user=r.user),
        gettext_noop("Die Idee ist zurückgezogen."),
    ),
    "weiter": (
        lambda s, r: services.phase_advance(
            session=s, user=r.user, expected=r.POST.get("phase", "")
        ),
        gettext_noop("Die nächste Phase hat begonnen."),
    ),
    "gruppe": (
        lambda s, r: services.cluster_create(
            session=s, user=r.user, name=_form_values(ClusterForm, r)["name"]
        ),
        gettext_noop("Die Gruppe ist angelegt."),
    ),
    "zuordnen": (
        lambda s, r: services.idea_assign(idea=_idea(s, r), user=r.user, cluster=_cluster(s, r)),
        gettext_noop("Die Idee ist zugeordnet."),
    ),
    "punkt": (
        lambda s, r: services.dot_add(idea=_idea(s, r), user=r.user),
        gettext_noop("Ihr Punkt ist vergeben."),
    ),
    "punkt-weg": (
        lambda s, r: services.dot_remove(idea=_idea(s, r), user=r.user),
        gettext_noop("Ihr Punkt ist zurückgenommen."),
    ),
    "entscheiden": (
        lambda s, r: services.session_decide(session=s, user=r.user, idea=_idea(s, r)),
        gettext_noop("Entschieden – diese Idee wird umgesetzt."),
    ),
    "bewertung": (
        lambda s, r: services.rating_save(
            session=s, user=r.user, values=_form_values(RatingForm, r)
        ),
        gettext_noop("Danke für Ihre Einschätzung."),
    ),
    "notizen": (
        lambda s, r: services.case_note_save(
            session=s, user=r.user, text=_form_values(CaseNoteForm, r)["text"]
        ),
        gettext_noop("Ihre Notizen sind gespeichert."),
    ),
}


@login_required
@require_POST
def session_do(request: AuthedRequest, pk: int, step: str) -> HttpResponse:
    """The session's buttons: htmx gets the fresh live fragment, others a redirect."""
    if step not in STEPS:
        raise Http404
    session = selectors.session_for_member(user=request.user, pk=pk)
    action, done = STEPS[step]
    if not request.htmx:
        return run_action(
            request, lambda: action(session, request), done=_(done), back=session_url(session)
        )
    notice, failed = _(done), False
    try:
        action(session, request)
    except (ValidationError, PermissionDenied) as error:
        notice, failed = refusal_message(error), True
    session = selectors.session_for_member(user=request.user, pk=pk)
    context = {**live_context(request, session), "notice": notice, "failed": failed}
    return render(request, "cocreation/_live.html", context)


@login_required
@require_POST
def session_to_actions(request: AuthedRequest, pk: int) -> HttpResponse:
    session = selectors.session_for_member(user=request.user, pk=pk)
    targets = selectors.cooperations_to_act_in(user=request.user)
    form = ActionsForm(request.POST, cooperations=targets)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Kooperation, Aufgaben und ein Datum."))
        return redirect(session_url(session))
    data = form.cleaned_data
    return run_action(
        request,
        lambda: services.result_to_actions(
            session=session,
            user=request.user,
            cooperation=data["cooperation"],
            titles=data["titles"].splitlines(),
            due_on=data["due_on"],
        ),
        done=_("Die Aufgaben sind in der Kooperation angelegt."),
        back=session_url(session),
    )


@login_required
@require_POST
def session_to_cooperation(request: AuthedRequest, pk: int) -> HttpResponse:
    session = selectors.session_for_member(user=request.user, pk=pk)
    form = ProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie der Kooperation einen Titel."))
        return redirect(session_url(session))
    try:
        proposal = services.result_to_cooperation(
            session=session, user=request.user, title=form.cleaned_data["title"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
        return redirect(session_url(session))
    messages.success(
        request,
        _("Die Kooperation ist angelegt; %(n)s Person(en) sind eingeladen.")
        % {"n": len(proposal.invited)},
    )
    if proposal.not_connected:
        names = ", ".join(str(person) for person in proposal.not_connected)
        messages.warning(
            request,
            _("Nicht eingeladen, weil Sie nicht verbunden sind: %(names)s") % {"names": names},
        )
    return redirect("cooperations:detail", proposal.cooperation.pk)


@login_required
def session_export(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    """The session's result as Markdown (``md``) or PDF (``pdf``)."""
    session = selectors.session_for_member(user=request.user, pk=pk)
    if kind == "md":
        body: bytes | str = documents.session_markdown(session)
        response = HttpResponse(body, content_type="text/markdown; charset=utf-8")
    else:
        response = HttpResponse(documents.session_pdf(session), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.file_name(session, kind)}"'
    return response
