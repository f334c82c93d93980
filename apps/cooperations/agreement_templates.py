"""Starting texts of an agreement for each kind of cooperation.

They are suggestions the members overwrite; each one says what is usual for that
kind of cooperation, so nobody starts from an empty page.
"""

from django.utils.translation import gettext as _

from apps.cooperations.models import CooperationKind, Rhythm

REVIEW_DAYS = {
    Rhythm.WEEKLY: 30,
    Rhythm.BIWEEKLY: 60,
    Rhythm.MONTHLY: 90,
    Rhythm.QUARTERLY: 90,
    Rhythm.AS_NEEDED: 180,
}


def template_for(kind: str) -> dict[str, str]:
    """The text fields of a new draft for a cooperation of this kind."""
    common = {
        "decision_rules": _(
            "Wir entscheiden gemeinsam im Konsent: Ein Vorschlag gilt, wenn niemand einen "
            "schwerwiegenden Einwand hat. Entscheidungen bis 500 € trifft die verantwortliche "
            "Person allein und berichtet in der nächsten Besprechung."
        ),
        "confidentiality": _(
            "Kundendaten, Preise und Konzepte, die wir einander anvertrauen, geben wir nicht "
            "ohne Zustimmung weiter – auch nicht nach dem Ende der Kooperation."
        ),
        "exit_clause": _(
            "Jede Person kann die Kooperation mit einer Frist von einem Monat verlassen. "
            "Laufende Aufträge werden gemeinsam zu Ende geführt oder geordnet übergeben; "
            "vorher rechnen wir alle offenen Beträge ab."
        ),
    }
    specific = {
        CooperationKind.JOINT_OFFER: {
            "goals": _(
                "Wir entwickeln und vermarkten ein gemeinsames Angebot, das unsere Kompetenzen "
                "verbindet. Ziel in 12 Monaten: das Angebot ist beschrieben, bepreist und "
                "mindestens dreimal durchgeführt."
            ),
        },
        CooperationKind.CLIENT_PROJECT: {
            "goals": _(
                "Wir führen einen Kundenauftrag gemeinsam durch: Jede Person verantwortet "
                "ihren Teil, eine Person hält den Kontakt zur Auftraggeberin."
            ),
        },
        CooperationKind.SHARED_SPACE: {
            "goals": _(
                "Wir teilen Räume, Ausstattung oder Lizenzen und die Kosten dafür. "
                "Belegung und Pflege sind fair verteilt."
            ),
            "decision_rules": _(
                "Anschaffungen über 200 € beschließen wir gemeinsam. Die Belegung planen wir "
                "in einem gemeinsamen Kalender; wer zuerst einträgt, hat den Raum."
            ),
        },
        CooperationKind.FOUNDING: {
            "goals": _(
                "Wir prüfen die Gründung eines gemeinsamen Unternehmens: Geschäftsmodell, "
                "Rechtsform und Aufteilung der Rollen sind in sechs Monaten geklärt."
            ),
            "exit_clause": _(
                "Bis zur Gründung kann jede Person mit einer Frist von einem Monat aussteigen. "
                "Gemeinsam entwickelte Unterlagen dürfen alle weiter nutzen."
            ),
        },
        CooperationKind.PEER_GROUP: {
            "goals": _(
                "Wir beraten uns kollegial zu Fällen aus unserer Praxis, regelmäßig und "
                "vertraulich, und wachsen fachlich aneinander."
            ),
            "confidentiality": _(
                "Was in der Beratung besprochen wird, bleibt in der Gruppe. Fälle schildern "
                "wir ohne Namen von Kundinnen und Kunden."
            ),
        },
    }
    fields = {"goals": _("Was wir gemeinsam erreichen wollen: …"), **common}
    fields.update(specific.get(CooperationKind(kind), {}) if kind in CooperationKind else {})
    return fields
