"""Vocabulary for the demo network: professions, cities and phrasing of the field."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Profession:
    title: str
    competences: tuple[str, ...]
    offers: tuple[str, ...]
    target_groups: tuple[str, ...]
    industries: tuple[str, ...]
    formats: tuple[str, ...]
    seeking: tuple[str, ...]


@dataclass(frozen=True)
class City:
    name: str
    postal_codes: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2, selects the Faker locale


CITIES = (
    City("Berlin", ("10115", "10405", "10969", "12043", "13347"), "DE"),
    City("Hamburg", ("20095", "20251", "22765", "22301"), "DE"),
    City("München", ("80331", "80469", "81371", "81667"), "DE"),
    City("Köln", ("50667", "50733", "50823", "51105"), "DE"),
    City("Frankfurt am Main", ("60311", "60316", "60487", "60594"), "DE"),
    City("Stuttgart", ("70173", "70178", "70193"), "DE"),
    City("Leipzig", ("04103", "04109", "04275"), "DE"),
    City("Hannover", ("30159", "30161", "30175"), "DE"),
    City("Freiburg im Breisgau", ("79098", "79100", "79104"), "DE"),
    City("Nürnberg", ("90402", "90419", "90461"), "DE"),
    City("Wien", ("1010", "1070", "1090", "1160"), "AT"),
    City("Graz", ("8010", "8020"), "AT"),
    City("Zürich", ("8001", "8004", "8050"), "CH"),
    City("Basel", ("4051", "4057"), "CH"),
    City("Bern", ("3011", "3013"), "CH"),
)

FAKER_LOCALES = {"DE": "de_DE", "AT": "de_AT", "CH": "de_CH"}

PROFESSIONS = (
    Profession(
        "Kommunikationstrainerin",
        ("Kommunikationstraining", "Gesprächsführung", "Präsentationstraining", "Feedbackkultur"),
        ("Inhouse-Seminar Kommunikation", "Präsentationscoaching", "Workshop Feedbackkultur"),
        ("Führungskräfte", "Teams", "Auszubildende"),
        ("Mittelstand", "Öffentlicher Dienst", "Handel"),
        ("präsenz", "online"),
        (
            "Ich suche eine Partnerin für Outdoor-Elemente in meinen Teamtrainings.",
            "Ich suche jemanden, der meine Seminare als E-Learning umsetzt.",
        ),
    ),
    Profession(
        "Führungskräftecoach",
        ("Führungskräfteentwicklung", "Business Coaching", "Rollenklärung", "Konfliktmanagement"),
        ("Coaching für neue Führungskräfte", "Führungskräfteprogramm", "Einzelcoaching"),
        ("Führungskräfte", "Nachwuchsführungskräfte", "Geschäftsführung"),
        ("Mittelstand", "IT", "Gesundheitswesen"),
        ("präsenz", "online", "blended"),
        (
            "Ich suche Trainerinnen und Trainer, die mit mir größere Führungsprogramme stemmen.",
            "Ich suche eine kollegiale Beratungsgruppe für schwierige Coachingfälle.",
        ),
    ),
    Profession(
        "Organisationsentwickler",
        (
            "Organisationsentwicklung",
            "Change Management",
            "Prozessberatung",
            "Großgruppenmoderation",
        ),
        ("Begleitung von Veränderungsprozessen", "Strategieworkshops", "Großgruppenformate"),
        ("Geschäftsführung", "Personalabteilungen", "Verwaltungen"),
        ("Öffentlicher Dienst", "Sozialwirtschaft", "Industrie"),
        ("präsenz", "blended"),
        (
            "Ich suche Partner für die Visualisierung und Dokumentation großer Workshops.",
            "Ich suche jemanden, der mit mir ein Beratungsunternehmen gründet.",
        ),
    ),
    Profession(
        "Agile Coach",
        ("Agiles Arbeiten", "Scrum", "Kanban", "Retrospektiven", "Teamentwicklung"),
        ("Agile Transformation", "Scrum-Master-Training", "Team-Coaching"),
        ("Produktteams", "IT-Abteilungen", "Führungskräfte"),
        ("IT", "Finanzdienstleistung", "Automotive"),
        ("online", "präsenz", "blended"),
        (
            "Ich suche Kolleginnen, mit denen ich große Transformationsaufträge teilen kann.",
            "Ich suche jemanden für Führungskräftecoaching in agilen Organisationen.",
        ),
    ),
    Profession(
        "Moderatorin",
        ("Moderation", "Workshopdesign", "Großgruppenmoderation", "Liberating Structures"),
        ("Moderation von Klausuren", "Bürgerbeteiligung", "Online-Moderation"),
        ("Verwaltungen", "Verbände", "Stiftungen"),
        ("Öffentlicher Dienst", "Non-Profit", "Bildung"),
        ("präsenz", "online"),
        (
            "Ich suche Graphic Recorder für Großveranstaltungen.",
            "Ich suche einen Seminarraum, den ich tageweise mitnutzen kann.",
        ),
    ),
    Profession(
        "Graphic Recorder",
        ("Graphic Recording", "Visualisierung", "Sketchnotes", "Illustration"),
        ("Live-Visualisierung von Konferenzen", "Erklärbilder", "Sketchnote-Workshops"),
        ("Veranstalter", "Moderatoren", "Unternehmen"),
        ("Eventbranche", "Bildung", "Öffentlicher Dienst"),
        ("präsenz", "online"),
        ("Ich suche Moderatorinnen, die Visualisierung in ihre Formate einbinden wollen.",),
    ),
    Profession(
        "E-Learning-Entwicklerin",
        ("E-Learning", "Instructional Design", "Lernvideos", "Moodle", "Articulate Storyline"),
        ("Konzeption von Online-Kursen", "Lernvideoproduktion", "LMS-Einrichtung"),
        ("Bildungsträger", "Trainer", "Personalentwicklung"),
        ("Bildung", "Industrie", "Gesundheitswesen"),
        ("online",),
        ("Ich suche Trainerinnen mit starken Inhalten, die sie digital anbieten möchten.",),
    ),
    Profession(
        "Resilienztrainer",
        (
            "Resilienztraining",
            "Stressmanagement",
            "Achtsamkeit",
            "Betriebliches Gesundheitsmanagement",
        ),
        ("Resilienz-Workshop", "BGM-Tage", "Achtsamkeitskurs"),
        ("Teams", "Pflegekräfte", "Lehrkräfte"),
        ("Gesundheitswesen", "Bildung", "Öffentlicher Dienst"),
        ("präsenz", "online"),
        (
            "Ich suche Kolleginnen für große BGM-Projekte.",
            "Ich suche Partner, die Führungskräfte zum Thema gesunde Führung trainieren.",
        ),
    ),
    Profession(
        "Outdoor-Trainer",
        ("Outdoor-Training", "Erlebnispädagogik", "Teambuilding", "Teamentwicklung"),
        ("Outdoor-Teamtage", "Kanutouren für Teams", "Hochseilgarten-Training"),
        ("Teams", "Auszubildende", "Führungskräfte"),
        ("Industrie", "Handel", "Mittelstand"),
        ("präsenz",),
        ("Ich suche Kommunikationstrainer, die mit mir Teamtage konzipieren.",),
    ),
    Profession(
        "Mediatorin",
        ("Mediation", "Konfliktmanagement", "Konfliktmoderation", "Wirtschaftsmediation"),
        ("Mediation im Team", "Konfliktklärung", "Ausbildung Konfliktlotsen"),
        ("Teams", "Familienunternehmen", "Schulen"),
        ("Mittelstand", "Bildung", "Sozialwirtschaft"),
        ("präsenz", "online"),
        (
            "Ich suche Kolleginnen für Co-Mediationen in großen Konflikten.",
            "Ich suche eine Intervisionsgruppe für Mediatorinnen.",
        ),
    ),
    Profession(
        "Vertriebstrainer",
        ("Vertriebstraining", "Verhandlungsführung", "Kaltakquise", "Key Account Management"),
        ("Verkaufstraining", "Verhandlungssimulation", "Sales-Coaching"),
        ("Vertriebsteams", "Außendienst", "Vertriebsleitungen"),
        ("Maschinenbau", "Handel", "IT"),
        ("präsenz", "online"),
        ("Ich suche jemanden, der aus meinen Trainings einen Podcast produziert.",),
    ),
    Profession(
        "Personalentwicklerin",
        ("Personalentwicklung", "Kompetenzmodelle", "Talentmanagement", "Bildungsbedarfsanalyse"),
        (
            "Aufbau von Personalentwicklung",
            "Kompetenzmodell-Workshops",
            "Interim-Personalentwicklung",
        ),
        ("Personalabteilungen", "Geschäftsführung", "Mittelstand"),
        ("Mittelstand", "Handwerk", "Gesundheitswesen"),
        ("präsenz", "blended"),
        ("Ich suche Trainerinnen, an die ich Aufträge aus meinen Projekten weitergeben kann.",),
    ),
    Profession(
        "Interkulturelle Trainerin",
        ("Interkulturelle Kompetenz", "Diversity Management", "Englisch für den Beruf"),
        ("Interkulturelles Training", "Diversity-Workshop", "Auslandsvorbereitung"),
        ("Expats", "internationale Teams", "Personalabteilungen"),
        ("Automotive", "Pharma", "Hochschulen"),
        ("präsenz", "online", "blended"),
        ("Ich suche Partner für internationale Teamentwicklung.",),
    ),
    Profession(
        "Systemischer Berater",
        ("Systemische Beratung", "Aufstellungsarbeit", "Supervision", "Teamentwicklung"),
        ("Supervision", "Teamberatung", "Fallberatung"),
        ("Soziale Einrichtungen", "Teams", "Leitungskräfte"),
        ("Sozialwirtschaft", "Gesundheitswesen", "Kirche"),
        ("präsenz", "online"),
        (
            "Ich suche eine kollegiale Beratungsgruppe.",
            "Ich suche Räume für Supervision in meiner Stadt.",
        ),
    ),
    Profession(
        "Trainerin für digitale Kompetenzen",
        ("Digitale Kompetenzen", "Microsoft 365", "Digitale Zusammenarbeit", "KI im Arbeitsalltag"),
        ("Workshops digitale Zusammenarbeit", "KI-Einführungsseminar", "Tool-Schulungen"),
        ("Verwaltungen", "Lehrkräfte", "Mittelstand"),
        ("Öffentlicher Dienst", "Bildung", "Handwerk"),
        ("online", "blended"),
        ("Ich suche Kolleginnen, um große Schulungsaufträge gemeinsam zu bewältigen.",),
    ),
    Profession(
        "Gesundheitscoach",
        (
            "Betriebliches Gesundheitsmanagement",
            "Ergonomie am Arbeitsplatz",
            "Bewegung",
            "Ernährung",
        ),
        ("Gesundheitstage", "Ergonomieberatung", "Bewegte Pause"),
        ("Mitarbeitende", "Schichtarbeitende", "Personalabteilungen"),
        ("Industrie", "Logistik", "Öffentlicher Dienst"),
        ("präsenz",),
        ("Ich suche Partner für Stressprävention in BGM-Projekten.",),
    ),
    Profession(
        "Karriereberaterin",
        (
            "Karriereberatung",
            "Bewerbungscoaching",
            "Berufliche Neuorientierung",
            "Potenzialanalyse",
        ),
        ("Karrierecoaching", "Outplacement-Beratung", "Bewerbungstraining"),
        ("Berufstätige", "Studierende", "Wiedereinsteigende"),
        ("Hochschulen", "Bildung", "Personaldienstleistung"),
        ("online", "präsenz"),
        (
            "Ich suche eine Bürogemeinschaft in meiner Stadt.",
            "Ich suche Kolleginnen für Outplacement-Projekte.",
        ),
    ),
    Profession(
        "Projektmanagement-Trainer",
        ("Projektmanagement", "PRINCE2", "Hybrides Projektmanagement", "Risikomanagement"),
        ("PM-Grundlagentraining", "Zertifizierungsvorbereitung", "Projekt-Coaching"),
        ("Projektleitungen", "IT-Abteilungen", "Ingenieurteams"),
        ("IT", "Bauwesen", "Industrie"),
        ("präsenz", "online", "blended"),
        ("Ich suche Agile Coaches für hybride Projektmanagement-Programme.",),
    ),
    Profession(
        "Stimm- und Sprechtrainerin",
        ("Stimmtraining", "Sprechtraining", "Rhetorik", "Auftrittskompetenz"),
        ("Stimmcoaching", "Rhetorikseminar", "Auftrittstraining"),
        ("Führungskräfte", "Lehrkräfte", "Vortragende"),
        ("Bildung", "Medien", "Finanzdienstleistung"),
        ("präsenz", "online"),
        ("Ich suche eine Audioproduzentin für einen gemeinsamen Podcast.",),
    ),
    Profession(
        "Seminarhaus-Betreiber",
        ("Raumvermietung", "Seminarorganisation", "Tagungsservice", "Veranstaltungsplanung"),
        ("Seminarräume", "Büroarbeitsplätze", "Tagungspauschalen"),
        ("Trainer", "Coaches", "Bildungsträger"),
        ("Bildung", "Tourismus", "Eventbranche"),
        ("präsenz",),
        ("Ich suche Trainerinnen und Coaches, die meine Räume regelmäßig nutzen.",),
    ),
)

ABOUT_SENTENCES = (
    "Seit {years} Jahren arbeite ich selbstständig als {title}.",
    "Meine Schwerpunkte sind {first} und {second}.",
    "Ich arbeite mit {group} vor allem aus den Bereichen {industry}.",
    "Mir ist wichtig, dass Gelerntes im Alltag ankommt.",
    "Ich arbeite von {city} aus und bin im ganzen deutschsprachigen Raum unterwegs.",
    "Kooperationen sind für mich dann gut, wenn alle Seiten etwas davon haben.",
)

HOURS_CHOICES = (4, 6, 8, 10, 12, 15, 20, 25, 30, 40)

PURPOSES = (
    "Ich plane im Frühjahr ein Führungskräfteprogramm für einen Mittelständler und suche "
    "jemanden, der das Modul Kommunikation übernimmt. Hätten Sie Zeit für ein Telefonat?",
    "Ihre Trainings passen gut zu meinen Outdoor-Teamtagen. Ich würde gern ausloten, ob wir "
    "ein gemeinsames Angebot für Kliniken in der Region entwickeln.",
    "Ich habe einen großen Auftrag einer Verwaltung mit zwölf Workshops und suche eine "
    "Kollegin, die die Hälfte übernimmt. Passt das zu Ihrer Planung im Herbst?",
)

ASKS = (
    (
        "Co-Moderation eines Strategietags",
        "Für eine Stiftung moderiere ich einen Strategietag mit 60 Personen und suche eine "
        "zweite Moderatorin mit Erfahrung in Großgruppen.",
        ("Moderation", "Großgruppenmoderation"),
    ),
    (
        "Graphic Recording für eine Konferenz",
        "Ich brauche jemanden, der unsere Fachkonferenz live visualisiert.",
        ("Graphic Recording", "Visualisierung"),
    ),
    (
        "Outdoor-Tag für ein Azubi-Programm",
        "Für ein Ausbildungsprogramm suche ich eine Outdoor-Trainerin für einen Teamtag.",
        ("Outdoor-Training", "Teambuilding"),
    ),
    (
        "Lernvideos zu meinem Seminar",
        "Ich möchte mein Präsenzseminar als E-Learning anbieten und brauche Unterstützung "
        "bei Konzeption und Produktion der Lernvideos.",
        ("E-Learning", "Lernvideos"),
    ),
    (
        "Seminarraum für zwei Tage",
        "Ich suche einen ruhigen Seminarraum für zwölf Personen.",
        ("Raumvermietung",),
    ),
    (
        "Mediation in einem Familienunternehmen",
        "Zwei Geschäftsführer sind zerstritten; ich suche eine erfahrene Wirtschaftsmediatorin.",
        ("Mediation", "Wirtschaftsmediation"),
    ),
)
