import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.matching import index_store
from apps.network.services import block_user
from apps.profiles.models import Profile, Visibility

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def _names(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_suggestions_show_partners_with_a_german_reason(
    client: Client, anna: User, ben: User
) -> None:
    client.force_login(anna)
    response = client.get(reverse("matching:suggestions"), {"anliegen": "complement"})
    content = _names(response)
    assert ben.name in content
    assert (
        "beide in Köln" in content
        or "Ergänzt Ihr Angebot" in content
        or "Sucht, was Sie" in content
    )


def test_blocked_and_hidden_people_never_appear(
    client: Client, anna: User, ben: User, carla: User
) -> None:
    Profile.objects.filter(user=carla).update(visibility=Visibility.HIDDEN)
    index_store.forget()  # the change above bypassed the services on purpose
    block_user(blocker=ben, blocked=anna)
    client.force_login(anna)
    for intent in ("complement", "capacity", "peer", "space", "founding"):
        content = _names(client.get(reverse("matching:suggestions"), {"anliegen": intent}))
        assert ben.name not in content
        assert carla.name not in content


def test_suggestions_query_count_does_not_grow_with_profiles(
    client: Client, anna: User, add_people, django_assert_max_num_queries
) -> None:
    client.force_login(anna)
    url = reverse("matching:suggestions")
    client.get(url, {"anliegen": "complement"})
    with django_assert_max_num_queries(10) as small:
        client.get(url, {"anliegen": "complement"})
    baseline = len(small)  # read now: the query log is a bounded ring
    add_people(300)
    index_store.forget()
    client.get(url, {"anliegen": "complement"})  # the new index is built once, outside the count
    with django_assert_max_num_queries(baseline):
        response = client.get(url, {"anliegen": "complement"})
    assert response.content.decode().count('class="match"') >= 1


def test_search_query_count_does_not_grow_with_profiles(
    client: Client, anna: User, add_people, django_assert_max_num_queries
) -> None:
    client.force_login(anna)
    url = reverse("matching:search")
    params = {"q": "Outdoor-Training", "city": "Köln", "radius_km": "100"}
    add_people(20)
    index_store.forget()
    client.get(url, params)
    with django_assert_max_num_queries(10) as small:
        client.get(url, params)
    baseline = len(small)  # read now: the query log is a bounded ring
    add_people(300, seed=100)
    index_store.forget()
    client.get(url, params)
    with django_assert_max_num_queries(baseline):
        client.get(url, params)


def test_search_filters_by_place_and_reports_unknown_places(client: Client, anna: User) -> None:
    client.force_login(anna)
    response = client.get(
        reverse("matching:search"), {"q": "Mediation", "city": "Wien", "radius_km": "30"}
    )
    assert "Carla Conrad" in _names(response)
    response = client.get(reverse("matching:search"), {"q": "Mediation", "city": "Nirgendheim"})
    assert "Den Ort „Nirgendheim“ kennen wir nicht" in _names(response)


def test_suggestions_tab_answers_htmx_with_the_results_partial(client: Client, anna: User) -> None:
    client.force_login(anna)
    response = client.get(
        reverse("matching:suggestions"), {"anliegen": "peer"}, HTTP_HX_REQUEST="true"
    )
    content = _names(response)
    assert 'id="results"' in content
    assert "<html" not in content


def test_match_eval_prints_metrics_per_intent_and_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    judgments = tmp_path / "judgments.jsonl"
    judgments.write_text(
        json.dumps(
            {"query": "q1", "profile": "anna", "intent": "complement", "relevant": {"otto": 2}}
        )
        + "\n"
        + json.dumps({"query": "q2", "profile": "raum", "intent": "space", "relevant": {"suse": 1}})
        + "\n"
    )
    call_command("match_eval", str(FIXTURES / "profiles.jsonl"), str(judgments), "--json")
    out = capsys.readouterr().out.strip().splitlines()
    result = json.loads(out[-1])
    assert set(result) == {"overall", "per_intent", "halves", "baseline", "p50_ms", "p95_ms"}
    assert result["halves"]["tuning"]["queries"] == result["halves"]["check"]["queries"] == 1
    assert set(result["per_intent"]) == {"complement", "space"}
    assert 0 < result["overall"]["ndcg@10"] <= 1
    assert any(line.startswith("complement") for line in out)
    with pytest.raises(CommandError, match="unter"):
        call_command("match_eval", str(FIXTURES / "profiles.jsonl"), str(judgments), min_ndcg=1.01)
