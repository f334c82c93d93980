"""Translatable rendering of the engine's reasons (the engine itself has no Django)."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from apps.matching.engine import Reason, Suggestion


def _join(items: list[str]) -> str:
    items = [str(item) for item in items][:3]
    if len(items) > 1:
        return _("%(first)s und %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}
    return "".join(items)


def _intent_label(code: str) -> str:
    from apps.profiles.models import Intent

    return str(Intent(code).label) if code in Intent.values else code


RENDERERS: dict[str, Callable[[dict], str]] = {
    "complements": lambda p: _("Ergänzt Ihr Angebot um %(x)s") % {"x": _join(p["concepts"])},
    "needs_you": lambda p: _("Sucht, was Sie anbieten: %(x)s") % {"x": _join(p["concepts"])},
    "same_competence": lambda p: _("gleiche Kompetenz: %(x)s") % {"x": _join(p["concepts"])},
    "same_target_group": lambda p: _("gleiche Zielgruppe: %(x)s") % {"x": _join(p["concepts"])},
    "same_industry": lambda p: _("gleiche Branche: %(x)s") % {"x": _join(p["concepts"])},
    "same_city": lambda p: _("beide in %(city)s") % {"city": p["city"]},
    "distance": lambda p: _("%(km)s km entfernt") % {"km": round(p["km"])},
    "online": lambda p: _("Zusammenarbeit online möglich"),
    "serves_your_region": lambda p: _("arbeitet auch in Ihrer Region"),
    "in_your_region": lambda p: _("liegt in Ihrem Einsatzgebiet"),
    "offers_space": lambda p: _("bietet Räume oder Büro an"),
    "offers_desk": lambda p: _("bietet einen Arbeitsplatz an"),
    "seeks_space": lambda p: _("sucht ebenfalls Räume"),
    "similar_hours": lambda p: (
        _("ähnlicher Zeiteinsatz (%(hours)s Std./Monat)") % {"hours": p["hours"]}
    ),
    "intent_not_shared": lambda p: (
        _("hat „%(intent)s“ nicht als Anliegen angegeben") % {"intent": _intent_label(p["intent"])}
    ),
    "matches_search": lambda p: _("passt zu Ihrer Suche: %(x)s") % {"x": _join(p["concepts"])},
}


def render_reason(reason: Reason) -> str:
    render = RENDERERS.get(reason.code)
    return render(reason.params) if render else ""


def explanation(suggestion: Suggestion) -> str:
    """The short reason line shown under a suggestion, in the active language."""
    return " · ".join(text for text in map(render_reason, suggestion.reasons) if text)


__all__ = ["explanation", "render_reason"]
