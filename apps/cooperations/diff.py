"""Differences between two agreement versions, section by section, line by line."""

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.cooperations.models import AgreementVersion


@dataclass
class Line:
    change: str  # "same", "added" or "removed"
    text: str


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(line.change != "same" for line in self.lines)


def _date(value: Any) -> str:
    return date_format(value, "DATE_FORMAT") if value else _("offen")


def sections_of(version: AgreementVersion) -> list[tuple[str, str]]:
    """The version as readable text, one entry per section (also used for the archive)."""
    commitments = "\n".join(
        _(
            "%(name)s: %(hours)s Std./Monat · Umsatz %(revenue)s %% · Kosten %(cost)s %%"
            " · Ressourcen: %(resources)s"
        )
        % {
            "name": c.user,
            "hours": str(c.hours_per_month).replace(".", ","),
            "revenue": str(c.revenue_share).replace(".", ","),
            "cost": str(c.cost_share).replace(".", ","),
            "resources": c.resources or "–",
        }
        for c in sorted(version.commitments.all(), key=lambda c: str(c.user))
    )
    term = _("Beginn: %(start)s · Ende: %(end)s · Überprüfung alle %(days)s Tage") % {
        "start": _date(version.starts_on),
        "end": _date(version.ends_on),
        "days": version.review_every_days,
    }
    return [
        (_("Ziele"), version.goals),
        (_("Zusagen und Aufteilungsschlüssel"), commitments),
        (_("Entscheidungsregeln"), version.decision_rules),
        (_("Vertraulichkeit"), version.confidentiality),
        (_("Laufzeit und Überprüfung"), term),
        (_("Ausstieg"), version.exit_clause),
        (_("Weitere Vereinbarungen"), version.free_text),
    ]


def version_diff(old: AgreementVersion, new: AgreementVersion) -> list[Section]:
    result = []
    for (title, before), (_title, after) in zip(sections_of(old), sections_of(new), strict=True):
        section = Section(title)
        for line in difflib.ndiff(before.splitlines(), after.splitlines()):
            code, text = line[:2], line[2:]
            if code == "? ":
                continue
            change = {"+ ": "added", "- ": "removed"}.get(code, "same")
            section.lines.append(Line(change, text))
        result.append(section)
    return result
