"""The joint-controller agreement (Art. 26 DSGVO) every organisation's admin accepts
before its organisation takes part. The text is fixed when the pool is created; its
SHA-256 is recorded with each acceptance, so the log shows exactly what was agreed."""

import hashlib

from django.utils.translation import gettext_lazy as _

TEMPLATE = _(
    """Vereinbarung über die gemeinsame Verantwortlichkeit nach Art. 26 DSGVO

Datenpool: {name}

1. Gegenstand und Zweck
Die teilnehmenden Organisationen legen gemeinsam fest, zu welchem Zweck und mit
welchen Mitteln im Datenpool Daten verarbeitet werden. Zweck: {purpose}

2. Rechtsgrundlage
{legal_basis}

3. Verarbeitete Daten und Datensparsamkeit
Kundenlisten verlassen die Organisation nicht. Jede Organisation normalisiert und
verblindet ihre E-Mail-Adressen auf ihrer eigenen Seite (im Browser oder mit dem
Werkzeug für die Automatisierung) mit einem nur ihr bekannten Schlüssel. Die
Plattform speichert und vermittelt ausschließlich verblindete Protokollnachrichten;
offenbart wird allein die Anzahl gemeinsamer Kundinnen und Kunden. Eine Liste muss
mindestens {min_list_size} Einträge haben. Nachfragestatistiken werden nur aggregiert
gemeldet und nur mit k-Anonymität (k = {k}) und ergänzender Sperrung veröffentlicht.

4. Zuständigkeiten
Jede Organisation erfüllt die Informationspflichten nach Art. 13 und 14 DSGVO für ihre
eigenen Kundinnen und Kunden und ist deren Anlaufstelle für Betroffenenrechte. Anfragen,
die eine andere Organisation betreffen, werden unverzüglich weitergeleitet.

5. Protokoll und Transparenz
Jeder Abgleich und jedes Ergebnis wird im Protokoll des Datenpools festgehalten, das
alle teilnehmenden Organisationen einsehen können.

6. Austritt
Jede Organisation kann den Datenpool jederzeit verlassen. Bereits ermittelte Anzahlen
bleiben im Protokoll; neue Abgleiche mit ihr sind dann nicht mehr möglich.

7. Wesentlicher Inhalt
Den wesentlichen Inhalt dieser Vereinbarung stellen die Organisationen den betroffenen
Personen auf Anfrage zur Verfügung (Art. 26 Abs. 2 DSGVO)."""
)


def agreement_text(*, name: str, purpose: str, legal_basis: str, min_list_size: int, k: int) -> str:
    return str(TEMPLATE).format(
        name=name, purpose=purpose, legal_basis=legal_basis, min_list_size=min_list_size, k=k
    )


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
