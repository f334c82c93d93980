"""Suggestions and their plain-language reasons."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reason:
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class Suggestion:
    profile_id: str
    score: float
    reasons: list[Reason] = field(default_factory=list)

    def explanation_de(self) -> str:
        return " · ".join(render_reason_de(r) for r in self.reasons)


_INTENT_DE = {
    "complement": "Ergänzung",
    "capacity": "Kapazität teilen",
    "peer": "kollegialen Austausch",
    "space": "Räume teilen",
    "founding": "Gründung",
}


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " und " + items[-1] if len(items) > 1 else "".join(items)


def render_reason_de(reason: Reason) -> str:
    p = reason.params
    templates = {
        "complements": lambda: f"Ergänzt Ihr Angebot um {_join(p['concepts'])}",
        "needs_you": lambda: f"Sucht, was Sie anbieten: {_join(p['concepts'])}",
        "same_competence": lambda: f"gleiche Kompetenz: {_join(p['concepts'])}",
        "same_target_group": lambda: f"gleiche Zielgruppe: {_join(p['concepts'])}",
        "same_industry": lambda: f"gleiche Branche: {_join(p['concepts'])}",
        "same_city": lambda: f"beide in {p['city']}",
        "distance": lambda: f"{round(p['km'])} km entfernt",
        "online": lambda: "Zusammenarbeit online möglich",
        "serves_your_region": lambda: "arbeitet auch in Ihrer Region",
        "in_your_region": lambda: "liegt in Ihrem Einsatzgebiet",
        "offers_space": lambda: "bietet Räume oder Büro an",
        "offers_desk": lambda: "bietet einen Arbeitsplatz an",
        "seeks_space": lambda: "sucht ebenfalls Räume",
        "similar_hours": lambda: f"ähnlicher Zeiteinsatz ({p['hours']} Std./Monat)",
        "intent_not_shared": lambda: (
            f"hat {_INTENT_DE.get(p['intent'], p['intent'])} nicht als Ziel angegeben"
        ),
        "matches_search": lambda: f"passt zu Ihrer Suche: {_join(p['concepts'])}",
    }
    render = templates.get(reason.code)
    return render() if render else reason.code
