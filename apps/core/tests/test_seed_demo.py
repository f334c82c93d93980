import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from apps.accounts.models import User
from apps.base.records import guards_lifted
from apps.core.demo.personas import PERSONAS
from apps.core.demo.seed import seed_demo
from apps.core.demo.vocabulary import CITIES, PROFESSIONS
from apps.profiles.models import Profile

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[str, str, str, str]]:
    return list(
        Profile.objects.order_by("user__email").values_list(
            "user__email", "headline", "postal_code", "seeking"
        )
    )


def test_same_seed_builds_the_same_network() -> None:
    seed_demo(people=60, seed=5)
    first = _snapshot()
    with guards_lifted():  # wipe for a fresh seed, past the record triggers
        User.objects.all().delete()
    seed_demo(people=60, seed=5)
    assert _snapshot() == first
    with guards_lifted():  # wipe for a fresh seed, past the record triggers
        User.objects.all().delete()
    seed_demo(people=60, seed=6)
    assert _snapshot() != first


def test_network_has_personas_verified_and_spread_over_professions_and_cities() -> None:
    seed_demo(people=400, seed=1)
    assert User.objects.count() == 400
    for persona in PERSONAS:
        user = User.objects.get(email=persona.email)
        assert user.check_password("WirWerk-Demo-2026")
        assert user.profile.city == persona.city
    # Every account can log in at once: its address is verified.
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 400
    headlines = " ".join(Profile.objects.values_list("headline", flat=True))
    assert sum(profession.title in headlines for profession in PROFESSIONS) >= 18
    assert len(set(Profile.objects.values_list("city", flat=True))) >= 12
    assert {c.country for c in CITIES} == {"DE", "AT", "CH"}


def test_seed_command_refuses_a_database_with_accounts_unless_if_empty(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", people=3)
    with pytest.raises(CommandError, match="bereits Konten"):
        call_command("seed_demo", people=3)
    call_command("seed_demo", people=3, if_empty=True)
    assert "wird nicht angelegt" in capsys.readouterr().out
    assert User.objects.count() == 3


def test_demo_connects_anna_and_ben_leaves_carla_outside_and_fills_the_asks_board() -> None:
    from apps.network.models import Ask, AskMatch, ContactRequest
    from apps.network.selectors import are_connected, connected_user_ids

    seed_demo(people=120, seed=1)
    anna, ben, carla = (User.objects.get(email=p.email) for p in PERSONAS)
    assert are_connected(a=anna, b=ben)
    assert connected_user_ids(user=carla) == set()
    assert ContactRequest.objects.filter(recipient=anna, status="pending").exists()
    assert Ask.objects.count() >= 4
    assert AskMatch.objects.exists()  # asks were matched against the profiles
