"""Demo co-creation for ``seed_demo``: two circles of the personas with gatherings,
a finished idea session whose winner became actions of the personas' cooperation,
and a Kollegiale Beratung in progress. Everything through the services."""

from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import User
from apps.base.demo import DemoContext, demo_step
from apps.cocreation import services
from apps.cocreation.models import Circle, DimensionRating, Phase, Session

NORMS = (
    "Was im Kreis gesagt wird, bleibt im Kreis.\n"
    "Wir sagen bis zum Vortag ab, wenn wir nicht kommen können.\n"
    "Jede Frage ist willkommen; Ratschläge sind Angebote."
)


def _join(circle: Circle, founder: User, user: User, message: str) -> None:
    request = services.join_request_create(
        circle=circle, user=user, message=message, accept_norms=True
    )
    services.join_request_decide(join_request=request, user=founder, accept=True)


@demo_step("cocreation")
def seed_cocreation(context: DemoContext) -> None:
    anna, ben, carla = context.users[:3]
    others = context.users[3:9]
    now = timezone.now()
    trainers = services.circle_create(
        founder=anna,
        name="Trainerkreis Süd",
        purpose="Solo-Trainerinnen und -Trainer, die sich monatlich gegenseitig beraten.",
        norms=NORMS,
    )
    _join(trainers, anna, ben, "Ich suche Sparring für meine Führungsseminare.")
    _join(trainers, anna, carla, "Ich möchte von erfahrenen Kolleginnen lernen.")
    for person in others[:3]:
        _join(trainers, anna, person, "Ich bin neu selbständig und suche Austausch.")
    moderators = services.circle_create(
        founder=ben,
        name="Moderation & Methoden",
        purpose="Neue Methoden ausprobieren und Erfahrungen teilen.",
        norms=NORMS,
        size_limit=8,
        rhythm_days=14,
    )
    _join(moderators, ben, anna, "Ich moderiere viel online und möchte Neues ausprobieren.")
    for circle, founder, days in ((trainers, anna, 6), (moderators, ben, 1)):
        start = (now + timedelta(days=days)).replace(hour=17, minute=0, second=0, microsecond=0)
        gathering = services.gathering_create(
            circle=circle,
            user=founder,
            title="Kreistreffen",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            video_url="https://meet.example.org/kreis",
        )
        services.rsvp_set(gathering=gathering, user=founder, answer="yes")

    cooperation = context.cooperation
    if cooperation is not None:
        session = services.session_create(
            user=anna,
            question="Wie gewinnen wir drei neue Familienunternehmen bis zum Sommer?",
            cooperation=cooperation,
        )
        ideas = [
            services.idea_add(session=session, user=anna, text="Gemeinsames Webinar mit der IHK"),
            services.idea_add(session=session, user=ben, text="Fallstudie aus dem Pilotkunden"),
            services.idea_add(session=session, user=ben, text="Frühstücksrunde für Inhaber"),
        ]
        services.phase_advance(session=session, user=anna)
        cluster = services.cluster_create(session=session, user=anna, name="Veranstaltungen")
        services.idea_assign(idea=ideas[0], user=anna, cluster=cluster)
        services.idea_assign(idea=ideas[2], user=anna, cluster=cluster)
        services.phase_advance(session=session, user=anna)
        for voter, picks in ((anna, (0, 0, 1)), (ben, (0, 2, 2))):
            for index in picks:
                services.dot_add(idea=ideas[index], user=voter)
        services.phase_advance(session=session, user=anna)
        session = services.session_decide(session=session, user=anna, idea=ideas[0])
        services.result_to_actions(
            session=session,
            user=anna,
            cooperation=cooperation,
            titles=["IHK wegen Webinar anfragen", "Webinar-Konzept entwerfen"],
            due_on=timezone.localdate() + timedelta(days=21),
        )
        for person, scores in ((anna, (4, 4, 3, 3)), (ben, (3, 4, 4, 3))):
            services.rating_save(
                session=session,
                user=person,
                values=dict(
                    zip(
                        ("personality", "behaviour", "culture", "organisation"), scores, strict=True
                    )
                ),
            )

    # A finished round in the trainers' circle gives its dimension chart two points.
    for question, scores in (
        ("Wie halten wir Preise stabil, wenn Kunden drücken?", (2, 3, 4, 3)),
        ("Welche Formate tragen online?", (4, 3, 5, 2)),
    ):
        session = services.session_create(user=anna, question=question, circle=trainers)
        services.idea_add(session=session, user=ben, text="Wert statt Stunden anbieten")
        Session.objects.filter(pk=session.pk).update(phase=Phase.DONE, ended_at=now)
        for person in (anna, ben, carla):
            DimensionRating.objects.create(
                session=session,
                user=person,
                personality=scores[0],
                behaviour=scores[1],
                culture=scores[2],
                organisation=scores[3],
            )

    beratung = services.session_create(
        user=anna,
        question="Ein Stammkunde will die Honorare um 20 % kürzen – wie reagiere ich?",
        circle=trainers,
        format="beratung",
        case_giver=ben,
    )
    services.idea_add(
        session=beratung,
        user=ben,
        text="Seit fünf Jahren buche ich dort jährlich zwölf Seminartage; jetzt kommt die Kürzung.",
    )
    services.step_advance(session=beratung, user=anna)
    services.idea_add(session=beratung, user=carla, text="Welcher Anteil Ihres Umsatzes ist das?")
