"""Import and export of profiles as JSON Lines in the profile interchange format.

An import checks every line first; if any line is wrong, the errors are reported
by line number and nothing is written.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from apps.accounts.models import User
from apps.matching.services import index_schedule_rebuild
from apps.profiles.models import Format, Intent, Profile

LIST_FIELDS = ("competences", "offers", "target_groups", "industries", "languages")
TEXT_FIELDS = ("headline", "about", "city", "postal_code", "seeking")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


class ProfileImportError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _parse(number: int, line: str) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as error:
        return None, [f"Zeile {number}: kein gültiges JSON ({error.msg})."]
    if not isinstance(obj, dict):
        return None, [f"Zeile {number}: ein JSON-Objekt wird erwartet."]
    errors = []
    for required in ("id", "name"):
        if not isinstance(obj.get(required), str) or not obj[required].strip():
            errors.append(f"Zeile {number}: Pflichtfeld „{required}“ fehlt.")
    for name in LIST_FIELDS:
        value = obj.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.append(f"Zeile {number}: „{name}“ muss eine Liste von Texten sein.")
    for name in TEXT_FIELDS:
        if not isinstance(obj.get(name, ""), str):
            errors.append(f"Zeile {number}: „{name}“ muss ein Text sein.")
    for name, allowed in (("formats", Format.values), ("intents", Intent.values)):
        wrong = [v for v in obj.get(name, []) if v not in allowed]
        if wrong:
            errors.append(
                f"Zeile {number}: unbekannte Werte in „{name}“: {', '.join(map(str, wrong))}."
            )
    hours = obj.get("hours_per_month", 0)
    if not isinstance(hours, int) or isinstance(hours, bool) or not 0 <= hours <= 160:
        errors.append(f"Zeile {number}: „hours_per_month“ muss eine ganze Zahl von 0 bis 160 sein.")
    if "email" in obj:
        try:
            validate_email(obj["email"])
        except ValidationError:
            errors.append(f"Zeile {number}: „email“ ist keine gültige E-Mail-Adresse.")
    return obj, errors


def profiles_import(*, lines: Iterable[str]) -> ImportResult:
    """Create or update profiles by their ``id``; all lines or none."""
    result = ImportResult()
    parsed: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        obj, errors = _parse(number, line)
        result.errors += errors
        if obj is not None and not errors:
            if obj["id"] in seen:
                result.errors.append(
                    f"Zeile {number}: „id“ {obj['id']} steht schon in Zeile {seen[obj['id']]}."
                )
            seen[obj["id"]] = number
            parsed.append(obj)
    if result.errors:
        raise ProfileImportError(result.errors)
    with transaction.atomic():
        for obj in parsed:
            created = _store(obj)
            result.created += created
            result.updated += not created
        index_schedule_rebuild()
    return result


def _store(obj: dict[str, Any]) -> bool:
    profile = Profile.objects.select_related("user").filter(external_id=obj["id"]).first()
    created = profile is None
    if profile is None:
        email = obj.get("email") or f"{obj['id']}@import.wirwerk.invalid"
        user = User.objects.create_user(email=email, password=None, name=obj["name"])
        if obj.get("email"):
            EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
        profile = Profile(user=user, external_id=obj["id"])
    elif profile.user.name != obj["name"]:
        profile.user.name = obj["name"]
        profile.user.save(update_fields=["name"])
    for name in (*LIST_FIELDS, "formats", "intents"):
        setattr(profile, name, list(obj.get(name, [])))
    for name in TEXT_FIELDS:
        setattr(profile, name, obj.get(name, ""))
    profile.remote = bool(obj.get("remote", False))
    profile.hours_per_month = obj.get("hours_per_month", 0)
    profile.full_clean()
    profile.save()
    return created


def profiles_export(*, profiles: Iterable[Profile]) -> Iterator[str]:
    for profile in profiles:
        yield json.dumps(
            {
                "id": profile.external_id or f"u{profile.user_id}",
                "name": profile.user.name,
                **{name: getattr(profile, name) for name in (*TEXT_FIELDS, *LIST_FIELDS)},
                "remote": profile.remote,
                "formats": profile.formats,
                "hours_per_month": profile.hours_per_month,
                "intents": profile.intents,
            },
            ensure_ascii=False,
        )
