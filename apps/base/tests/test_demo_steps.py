"""Apps add to the demo network through registered steps, run by the seeder."""

from apps.base.demo import DemoContext, demo_steps
from apps.core.demo.seed import seed_demo


def test_the_seeder_runs_a_registered_step_with_the_personas_cooperation(db: None) -> None:
    seen: list[DemoContext] = []
    with demo_steps.registered("test_step", seen.append):
        seed_demo(people=10, seed=3)
    [context] = seen
    assert [user.email for user in context.users[:2]] == [
        "anna@wirwerk.example",
        "ben@wirwerk.example",
    ]
    assert context.cooperation is not None
    assert {m.user_id for m in context.cooperation.memberships.all()} >= {
        context.users[0].pk,
        context.users[1].pk,
    }
