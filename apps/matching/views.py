from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from apps.base.http import AuthedRequest
from apps.matching import selectors
from apps.matching.forms import SearchForm
from apps.matching.space_offers import space_offers_for
from apps.profiles.models import Intent, Profile


@login_required
def suggestions(request: AuthedRequest) -> HttpResponse:
    profile = Profile.objects.filter(user=request.user).first()
    wanted = request.GET.get("anliegen", "")
    if wanted not in Intent.values:
        own = profile.intents if profile else []
        wanted = own[0] if own else Intent.COMPLEMENT
    matches = selectors.suggestions_for(user=request.user, intent=wanted) if profile else []
    offers = (
        space_offers_for(user=request.user, city=profile.city, postal_code=profile.postal_code)
        if profile and wanted == Intent.SPACE
        else []
    )
    context = {
        "intents": Intent.choices,
        "intent": wanted,
        "matches": matches,
        "profile": profile,
        "space_offers": offers,
    }
    template = "matching/suggestions.html#results" if request.htmx else "matching/suggestions.html"
    return render(request, template, context)


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    matches = None
    if form.is_valid() and form.query_text():
        matches = selectors.search(
            user=request.user, text=form.query_text(), filters=form.filters()
        )
    context = {"form": form, "matches": matches}
    template = "matching/search.html#results" if request.htmx else "matching/search.html"
    return render(request, template, context)
