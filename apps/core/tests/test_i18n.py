import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _untranslated(po: polib.POFile) -> list[str]:
    return [entry.msgid for entry in po if not entry.translated() and not entry.obsolete]


def test_english_catalogue_translates_every_string() -> None:
    po = polib.pofile(str(CATALOGUE))
    assert _untranslated(po) == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) not installed")
def test_english_catalogue_contains_every_string_of_the_code(tmp_path: Path) -> None:
    # Extract afresh into a copy of the catalogue, in a folder that links to the
    # sources: a string added to code or templates but not to the catalogue shows
    # up as untranslated, and the project's own catalogue stays untouched.
    base = Path(settings.BASE_DIR)
    for name in ("apps", "templates", "wirwerk", "manage.py"):
        (tmp_path / name).symlink_to(base / name)
    shutil.copytree(CATALOGUE.parents[2], tmp_path / "locale")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "en",
            "--no-obsolete",
            "--symlinks",
            "--ignore",
            "*/tests/*",
        ],
        cwd=tmp_path,
        env={**os.environ, "WIRWERK_LOCALE_DIR": str(tmp_path / "locale"), "PYTHONPATH": str(base)},
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    assert len(fresh) >= len(polib.pofile(str(CATALOGUE)))
    assert _untranslated(fresh) == []


def test_money_is_formatted_the_german_way() -> None:
    template = Template("{% load wirwerk %}{{ amount|euro }}")
    with translation.override("de"):
        assert template.render(Context({"amount": Decimal("1234.5")})) == "1.234,50\xa0€"
    with translation.override("en"):
        assert template.render(Context({"amount": Decimal("1234.5")})) == "1,234.50\xa0€"


def test_dates_are_german_by_default(client: Client, anna: User) -> None:
    client.force_login(anna)
    content = client.get(reverse("core:dashboard")).content.decode()
    assert any(
        day in content
        for day in ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
    )


def test_user_can_switch_to_english_and_back(client: Client, anna: User) -> None:
    client.force_login(anna)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Hello, Anna" in client.get(reverse("core:dashboard")).content.decode()
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert "Guten Tag, Anna" in client.get(reverse("core:dashboard")).content.decode()
