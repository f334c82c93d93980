from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.base.http import AuthedRequest
from apps.matching.engine import suggest_labels
from apps.profiles.forms import TERM_FIELDS, ProfileForm
from apps.profiles.models import Profile
from apps.profiles.selectors import profile_for_viewer, unknown_place
from apps.profiles.services import profile_update


@login_required
def edit(request: AuthedRequest) -> HttpResponse:
    profile = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = profile_update(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Ihr Profil ist gespeichert."))
        if unknown_place(city=profile.city, postal_code=profile.postal_code):
            messages.warning(
                request,
                _(
                    "Den Ort „%(city)s“ kennen wir nicht – "
                    "Entfernungen können wir so nicht berechnen."
                )
                % {"city": profile.city},
            )
        return redirect("profiles:edit")
    context = {"form": form, "profile": profile, "term_fields": TERM_FIELDS}
    return render(request, "profiles/edit.html", context)


@login_required
def detail(request: AuthedRequest, user_id: int) -> HttpResponse:
    profile = profile_for_viewer(
        viewer=request.user, user_id=user_id, suggested=request.GET.get("v", "")
    )
    return render(request, "profiles/detail.html", {"profile": profile})


@login_required
def terms(request: AuthedRequest) -> HttpResponse:
    """Vocabulary suggestions for the list field being typed (htmx)."""
    field = request.GET.get("field", "")
    typed = request.GET.get(field, "") if field in ProfileForm.base_fields else ""
    current = typed.replace(",", "\n").splitlines()[-1] if typed.strip() else ""
    labels = suggest_labels(current, limit=8) if len(current.strip()) >= 2 else []
    return render(request, "profiles/_terms.html", {"labels": labels, "field": field})
