import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.profiles.models import Profile

pytestmark = pytest.mark.django_db


def _line(**fields: object) -> str:
    return json.dumps({"id": "x1", "name": "Xenia Xander", **fields}, ensure_ascii=False)


GOOD = _line(
    competences=["Moderation"],
    city="Köln",
    formats=["präsenz"],
    intents=["peer"],
    hours_per_month=8,
)


def test_import_reports_every_bad_line_by_number_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "profiles.jsonl"
    path.write_text(
        "\n".join(
            [
                GOOD,
                "{kaputt",
                json.dumps({"name": "ohne id"}),
                _line(id="x4", formats=["telepathie"], hours_per_month="viel"),
                GOOD,
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("profiles_import", str(path))
    message = str(error.value)
    assert "Zeile 2: kein gültiges JSON" in message
    assert "Zeile 3: Pflichtfeld „id“ fehlt" in message
    assert "Zeile 4: unbekannte Werte in „formats“: telepathie" in message
    assert "Zeile 4: „hours_per_month“" in message
    assert "Zeile 5: „id“ x1 steht schon in Zeile 1" in message
    assert not Profile.objects.exists()
    assert not User.objects.exists()


def test_import_then_export_round_trips_and_reimport_updates(tmp_path: Path) -> None:
    path = tmp_path / "profiles.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    call_command("profiles_import", str(path), stdout=StringIO())
    out = StringIO()
    call_command("profiles_export", stdout=out)
    exported = json.loads(out.getvalue().splitlines()[0])
    assert exported["id"] == "x1"
    assert exported["name"] == "Xenia Xander"
    assert exported["competences"] == ["Moderation"]
    assert exported["formats"] == ["präsenz"]
    path.write_text(_line(competences=["Mediation"]) + "\n", encoding="utf-8")
    messages = StringIO()
    call_command("profiles_import", str(path), stdout=messages)
    assert "0 Profile angelegt, 1 aktualisiert" in messages.getvalue()
    assert Profile.objects.get().competences == ["Mediation"]


def test_admin_upload_imports_and_shows_line_errors(client: Client, db: None) -> None:
    admin = User.objects.create_superuser("admin@example.org", "x")
    client.force_login(admin)
    url = reverse("admin:profiles-import")
    bad = SimpleUploadedFile("p.jsonl", (GOOD + "\n{kaputt\n").encode())
    response = client.post(url, {"file": bad})
    assert "Zeile 2: kein gültiges JSON" in response.content.decode()
    assert not Profile.objects.exists()
    good = SimpleUploadedFile("p.jsonl", (GOOD + "\n").encode())
    response = client.post(url, {"file": good}, follow=True)
    assert "1 Profile angelegt" in response.content.decode()
    assert Profile.objects.get().external_id == "x1"
