"""The agreement as PDF and the archive ZIP: what every member can take away."""

import io
import json
import re
import zipfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from apps.accounts.models import User
from apps.contributions.services import Entry, contribution_log
from apps.cooperations import archive, documents, services
from apps.cooperations.archive import ArchiveFile, ArchivePart, ArchiveSection
from apps.cooperations.models import AgreementVersion, Cooperation, FitCheck
from apps.meetings import services as meeting_services
from tests.factories import agree, answers, join

pytestmark = pytest.mark.django_db

GOALS = "Größere Aufträge für Öffentliche Träger gemeinsam übernehmen – Maß halten"
# 13:05 UTC in November is 14:05 in Berlin (CET).
ACCEPTED = datetime(2026, 11, 22, 13, 5, tzinfo=UTC)
GERMAN_MOMENT = re.compile(r"\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr")


def pdf_text(data: bytes) -> str:
    """The PDF's text with whitespace collapsed (lines may wrap anywhere)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def newcomer(cooperation: Cooperation, coordinator: User, add_people: Any) -> User:
    add_people(1)
    person = User.objects.order_by("-pk").first()
    assert person is not None
    join(cooperation, coordinator, person)
    return person


def amend(cooperation: Cooperation, anna: User, ben: User, **changes: Any) -> AgreementVersion:
    """Propose the next version with other texts and a 60/40 split; both accept."""
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    fields = {name: getattr(draft, name) for name in services.AGREEMENT_TEXT_FIELDS}
    fields.update(changes)
    commitments = {
        anna.pk: {
            "hours_per_month": Decimal("12.5"),
            "resources": "Seminarraum in Köln",
            "revenue_share": Decimal("60"),
            "cost_share": Decimal("40"),
        },
        ben.pk: {
            "hours_per_month": Decimal("4"),
            "resources": "",
            "revenue_share": Decimal("40"),
            "cost_share": Decimal("60"),
        },
    }
    services.agreement_draft_save(
        draft=draft, user=anna, revision=draft.revision, fields=fields, commitments=commitments
    )
    version = services.agreement_propose(draft=draft, user=anna)
    for person in (anna, ben):
        services.agreement_accept(version=version, user=person)
    version.refresh_from_db()
    return version


# The PDF ----------------------------------------------------------------------


def test_pdf_renders_umlauts_eszett_acceptance_names_and_the_german_date(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    with time_machine.travel(ACCEPTED, tick=False):
        version = agree(cooperation, anna, ben, goals=GOALS)

    data = documents.agreement_pdf(version)

    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert GOALS in text
    assert "Führung im Mittelstand" in text
    assert "Fassung 1 · in Kraft" in text
    assert f"{anna.name} 22.11.2026, 14:05 Uhr" in text
    assert f"{ben.name} 22.11.2026, 14:05 Uhr" in text
    assert "In Kraft seit 22.11.2026, 14:05 Uhr" in text
    assert "Seite 1 von" in text


def test_pdf_of_a_version_with_three_members_shows_three_acceptance_records(
    cooperation: Cooperation, anna: User, ben: User, add_people: Any
) -> None:
    dora = newcomer(cooperation, anna, add_people)
    version = agree(cooperation, anna, ben, dora, goals=GOALS)

    text = pdf_text(documents.agreement_pdf(version))

    records = text.split("Annahmen", 1)[1].split("Prüfwerte", 1)[0]
    assert len(GERMAN_MOMENT.findall(records)) == 3
    for person in (anna, ben, dora):
        assert person.name in records


def test_pdf_shows_commitments_split_key_terms_and_markdown_free_text(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    version = amend(
        cooperation,
        anna,
        ben,
        free_text="## Honorare\n\nWir rechnen **gemeinsam** ab.\n\n- Tagessatz\n- Reisekosten",
        decision_rules="Wir entscheiden im Konsent.",
        review_every_days=60,
    )

    text = pdf_text(documents.agreement_pdf(version))

    assert f"{anna.name} 12,5 Seminarraum in Köln 60 % 40 %" in text
    assert f"{ben.name} 4 – 40 % 60 %" in text
    assert "Zusammen 16,5 100 % 100 %" in text
    assert "Wir entscheiden im Konsent." in text
    assert "Überprüfung alle 60 Tage" in text
    assert "Ende unbefristet" in text
    assert "Honorare" in text and "Wir rechnen gemeinsam ab." in text
    assert "**" not in text and "##" not in text


def test_pdf_shows_the_hash_and_the_previous_hash_of_a_later_version(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    first = agree(cooperation, anna, ben)
    second = agree(cooperation, anna, ben, goals="Neue Ziele.")

    text = pdf_text(documents.agreement_pdf(second))

    assert f"Prüfwert dieser Fassung {second.content_hash}" in text
    assert f"Prüfwert der Fassung davor {first.content_hash}" in text
    assert "SHA-256" in text


def test_pdf_of_a_pending_version_names_who_still_has_to_accept(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    services.agreement_accept(version=version, user=anna)

    text = pdf_text(documents.agreement_pdf(version))

    assert "zur Annahme vorgelegt" in text and "noch nicht in Kraft" in text
    assert f"Annahme ausstehend: {ben.name}" in text
    assert "keinen Prüfwert" in text


def test_pdf_follows_the_active_language(cooperation: Cooperation, anna: User, ben: User) -> None:
    version = agree(cooperation, anna, ben, goals=GOALS)

    with translation.override("en"):
        text = pdf_text(documents.agreement_pdf(version))

    assert "Version 1" in text and "Page 1 of" in text
    assert GOALS in text  # what the members wrote stays as they wrote it


def test_pdf_template_refers_to_nothing_outside_the_document(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    version.free_text = "![Logo](https://example.org/logo.png) <img src='https://example.org/x'>"

    html = render_to_string("cooperations/pdf/agreement.html", documents._pdf_context(version))

    for reference in ("src=", "<link", "url(", "@import", "example.org"):
        assert reference not in html


def test_a_title_in_the_footer_cannot_break_out_of_the_stylesheet(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    version.cooperation.title = 'Wir "Zwei" </style><h1>x'

    html = render_to_string("cooperations/pdf/agreement.html", documents._pdf_context(version))

    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<h1>" not in style and '"Zwei"' not in style
    assert pdf_text(documents.agreement_pdf(version)).count('Wir "Zwei" </style><h1>x') >= 2


def test_file_names_are_ascii_with_umlauts_transliterated(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    version = agree(cooperation, anna, ben, goals="Zweite Fassung.")
    assert documents.pdf_name(version) == "vereinbarung-fuehrung-im-mittelstand-fassung-2.pdf"

    with time_machine.travel(ACCEPTED, tick=False):
        assert documents.archive_name(cooperation) == (
            "wirwerk-archiv-fuehrung-im-mittelstand-2026-11-22.zip"
        )
    assert documents.ascii_slug("Straße & Café – Ölmühle", fallback="x") == "strasse-cafe-oelmuehle"
    assert documents.ascii_slug("„…“", fallback="kooperation") == "kooperation"


# The archive ------------------------------------------------------------------


def read_archive(data: bytes) -> tuple[set[str], dict[str, Any], zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return set(archive.namelist()), json.loads(archive.read("kooperation.json")), archive


def test_archive_holds_json_readme_and_a_pdf_per_proposed_version(
    cooperation: Cooperation, anna: User, ben: User, revealed: FitCheck
) -> None:
    first = agree(cooperation, anna, ben, goals=GOALS)
    second = amend(cooperation, anna, ben)
    first.refresh_from_db()
    withdrawn = services.agreement_propose(
        draft=services.agreement_draft(cooperation=cooperation, user=ben), user=ben
    )
    services.agreement_withdraw(version=withdrawn, user=ben)
    services.agreement_draft(cooperation=cooperation, user=anna)  # drafts stay out

    names, data, archive = read_archive(documents.archive_zip(cooperation))

    assert names == {
        "LIESMICH.txt",
        "kooperation.json",
        "vereinbarung-fassung-1.pdf",
        "vereinbarung-fassung-2.pdf",
        "vereinbarung-fassung-3.pdf",
    }
    assert archive.testzip() is None
    assert GOALS in pdf_text(archive.read("vereinbarung-fassung-1.pdf"))
    assert "kooperation.json" in archive.read("LIESMICH.txt").decode()

    assert data["cooperation"]["title"] == "Führung im Mittelstand"
    versions = data["agreement_versions"]
    assert [(v["number"], v["status"]) for v in versions] == [
        (1, "superseded"),
        (2, "in_force"),
        (3, "withdrawn"),
    ]
    assert versions[0]["goals"] == GOALS
    assert versions[0]["content_hash"] == first.content_hash
    assert versions[1]["previous_hash"] == first.content_hash
    assert versions[1]["content_hash"] == second.content_hash
    assert [a["name"] for a in versions[1]["acceptances"]] == [anna.name, ben.name]
    assert versions[1]["acceptances"][0]["accepted_at"].endswith(("+01:00", "+02:00"))
    assert {c["name"]: c["revenue_share"] for c in versions[1]["commitments"]} == {
        anna.name: "60.00",
        ben.name: "40.00",
    }
    assert versions[1]["commitments"][0]["hours_per_month"] == "12.5"
    assert versions[2]["acceptances"] == [] and versions[2]["content_hash"] == ""
    kinds = [event["kind"] for event in data["events"]]
    assert kinds[0] == "created" and kinds.count("version_in_force") == 2
    assert [m["name"] for m in data["members"]] == [anna.name, ben.name]
    assert data["members"][0]["role"] == "coordinator"


def test_archive_contains_fit_check_answers_only_once_they_are_revealed(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    services.fit_check_answer(
        fit_check=fit_check, user=anna, data=answers(goals="Geheimes Ziel von Anna")
    )

    raw = zipfile.ZipFile(io.BytesIO(documents.archive_zip(cooperation))).read("kooperation.json")
    assert "Geheimes Ziel" not in raw.decode()
    assert json.loads(raw)["fit_check"]["answers"] is None

    services.fit_check_answer(fit_check=fit_check, user=ben, data=answers(hours_per_month=4))
    _names, data, _archive = read_archive(documents.archive_zip(cooperation))
    revealed = data["fit_check"]["answers"]
    assert [(a["name"], a["hours_per_month"]) for a in revealed] == [(anna.name, 10), (ben.name, 4)]
    assert revealed[0]["goals"] == "Geheimes Ziel von Anna"
    assert revealed[0]["four_dimensions"]["personality"] == 4


def leave_with_checklist(cooperation: Cooperation, person: User) -> None:
    exit_process = services.exit_propose(
        cooperation=cooperation, user=person, kind="leave", reason="Ich habe keine Zeit mehr."
    )
    services.exit_checklist_update(
        exit_process=exit_process,
        user=person,
        data={
            "settlement": "done",
            "settlement_note": "Alles ausgeglichen.",
            "resources": "n_a",
            "resources_note": "",
            "clients": "done",
            "clients_note": "Übergabe an Anna.",
            "data_decision": "keep_all",
            "data_note": "",
        },
    )
    services.exit_retrospective_save(
        exit_process=exit_process,
        user=person,
        data={
            "personality": 4,
            "behaviour": 3,
            "culture": 5,
            "organisation": 2,
            "went_well": "Verlässliche Absprachen.",
            "learned": "Früher über Geld reden.",
            "reference": "",
        },
    )
    services.exit_complete(exit_process=exit_process, user=person)


def test_archive_keeps_former_members_exits_checklists_and_retrospectives(
    cooperation: Cooperation, anna: User, ben: User, add_people: Any
) -> None:
    dora = newcomer(cooperation, anna, add_people)
    agree(cooperation, anna, ben, dora)
    leave_with_checklist(cooperation, dora)

    _names, data, _archive = read_archive(documents.archive_zip(cooperation))

    members = {m["name"]: m for m in data["members"]}
    assert members[dora.name]["left_at"] is not None and not members[dora.name]["current"]
    assert members[anna.name]["left_at"] is None
    (exit_data,) = data["exits"]
    assert exit_data["kind"] == "leave" and exit_data["leaving_member"] == dora.name
    assert exit_data["completed_at"] is not None
    checklist = {item["item"]: item for item in exit_data["checklist"]}
    assert checklist["clients"]["state"] == "done"
    assert checklist["clients"]["note"] == "Übergabe an Anna."
    assert checklist["resources"]["state_label"] == "entfällt"
    assert checklist["data_decision"]["state"] == "keep_all"
    (retrospective,) = exit_data["retrospectives"]
    assert retrospective["name"] == dora.name
    assert retrospective["four_dimensions"] == {
        "personality": 4,
        "behaviour": 3,
        "culture": 5,
        "organisation": 2,
    }
    assert "left" in [event["kind"] for event in data["events"]]


def run(cooperation: Cooperation, *people: User, rounds: int) -> None:
    """``rounds`` meetings with agenda, decision and action, and contributions by all."""
    for number in range(rounds):
        meeting = meeting_services.meeting_create(
            cooperation=cooperation,
            user=people[0],
            title=f"Jour fixe {number + 1}",
            starts_at=timezone.now() + timedelta(days=number + 1),
            duration_minutes=60,
            place="Büro Anna, Leipzig",
        )
        meeting_services.agenda_item_add(meeting=meeting, user=people[0], title="Angebot")
        decision = meeting_services.decision_record(
            meeting=meeting, user=people[0], title=f"Beschluss {number + 1}"
        )
        meeting_services.decision_confirm(decision=decision, user=people[-1])
        meeting_services.action_create(
            cooperation=cooperation,
            user=people[0],
            title="Angebot schreiben",
            owner=people[-1],
            due_on=timezone.localdate() + timedelta(days=7),
            meeting=meeting,
        )
        for person in people:
            contribution_log(
                cooperation=cooperation,
                user=person,
                entry=Entry(kind="hours", done_on=timezone.localdate(), hours=Decimal("2.5")),
            )


def grow(cooperation: Cooperation, *people: User, versions: int) -> None:
    """Revealed fit check, ``versions`` versions in force, meetings, contributions and an
    open exit."""
    fit_check = services.fit_check_start(cooperation=cooperation, user=people[0])
    for person in people:
        services.fit_check_answer(fit_check=fit_check, user=person, data=answers())
    for number in range(versions):
        agree(cooperation, *people, goals=f"Ziele der Fassung {number + 1}")
    run(cooperation, *people, rounds=versions)
    services.exit_propose(
        cooperation=cooperation, user=people[1], kind="end", reason="Wir haben das Ziel erreicht."
    )


def test_archive_query_count_does_not_grow_with_versions_members_or_events(
    cooperation: Cooperation, anna: User, ben: User, add_people: Any
) -> None:
    grow(cooperation, anna, ben, versions=1)
    with CaptureQueriesContext(connection) as small:
        documents.archive_zip(cooperation)
    small_count = len(small)

    big = services.cooperation_create(founder=anna, title="Groß", purpose="x", kind="other")
    join(big, anna, ben)
    add_people(3)
    others = list(User.objects.order_by("-pk")[:3])
    for person in others:
        join(big, anna, person)
    grow(big, anna, ben, *others, versions=4)
    with CaptureQueriesContext(connection) as large:
        data = documents.archive_zip(big)
    large_count = len(large)

    content = read_archive(data)[1]
    assert len(content["agreement_versions"]) == 4
    assert len(content["meetings"]) == 4 and len(content["contributions"]) == 20
    assert small_count == large_count


def test_archive_holds_the_meetings_and_the_contributions_of_the_cooperation(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    run(cooperation, anna, ben, rounds=1)

    _names, data, archive = read_archive(documents.archive_zip(cooperation))

    keys = list(data)
    # The cooperation's own sections come first, the apps inside it after them.
    assert keys.index("exits") < keys.index("meetings") < keys.index("contributions")
    meeting = data["meetings"][0]
    assert meeting["title"] == "Jour fixe 1" and meeting["agenda"][0]["title"] == "Angebot"
    assert [(d["number"], d["status"]) for d in data["decisions"]] == [(1, "final")]
    assert data["actions"][0]["owner"] == ben.name and data["actions"][0]["status"] == "open"
    assert {(c["member"], c["hours"]) for c in data["contributions"]} == {
        (anna.name, "2.50"),
        (ben.name, "2.50"),
    }
    readme = archive.read("LIESMICH.txt").decode()
    assert "meetings:" in readme and "contributions:" in readme


def test_a_section_registered_by_another_app_adds_its_data_and_files(
    cooperation: Cooperation,
) -> None:
    def extra(cooperation: Cooperation) -> ArchivePart:
        return ArchivePart(
            data={"title": cooperation.title},
            files=[ArchiveFile("extra/notiz.txt", "Grüße".encode())],
            files_note="  Eine Notiz.",
        )

    with archive.sections.registered("extra", ArchiveSection("extra", extra, "eine Probe")):
        _names, data, zip_file = read_archive(documents.archive_zip(cooperation))

    assert data["extra"] == {"title": "Führung im Mittelstand"}
    assert zip_file.read("extra/notiz.txt").decode() == "Grüße"
    assert "extra: eine Probe" in zip_file.read("LIESMICH.txt").decode()
    assert "extra" not in read_archive(documents.archive_zip(cooperation))[1]


# Downloads --------------------------------------------------------------------


def test_members_download_the_agreement_pdf(
    cooperation: Cooperation, anna: User, ben: User, client: Client
) -> None:
    agree(cooperation, anna, ben, goals=GOALS)
    client.force_login(ben)

    response = client.get(reverse("cooperations:agreement-pdf", args=[cooperation.pk, 1]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "vereinbarung-fuehrung-im-mittelstand-fassung-1.pdf" in response["Content-Disposition"]
    assert GOALS in pdf_text(response.content)


def test_members_download_the_archive(
    cooperation: Cooperation, anna: User, ben: User, client: Client
) -> None:
    agree(cooperation, anna, ben)
    client.force_login(anna)

    response = client.get(reverse("cooperations:archive", args=[cooperation.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "wirwerk-archiv-fuehrung-im-mittelstand-" in response["Content-Disposition"]
    names, data, _archive = read_archive(response.content)
    assert "vereinbarung-fassung-1.pdf" in names
    assert data["agreement_versions"][0]["number"] == 1


def test_former_members_keep_their_download(
    cooperation: Cooperation, anna: User, ben: User, client: Client, add_people: Any
) -> None:
    dora = newcomer(cooperation, anna, add_people)
    agree(cooperation, anna, ben, dora)
    leave_with_checklist(cooperation, dora)
    client.force_login(dora)

    assert client.get(reverse("cooperations:archive", args=[cooperation.pk])).status_code == 200
    pdf_url = reverse("cooperations:agreement-pdf", args=[cooperation.pk, 1])
    assert client.get(pdf_url).status_code == 200


def test_outsiders_get_404_for_the_pdf_and_the_archive(
    cooperation: Cooperation, anna: User, ben: User, carla: User, client: Client
) -> None:
    agree(cooperation, anna, ben)
    client.force_login(carla)

    assert client.get(reverse("cooperations:archive", args=[cooperation.pk])).status_code == 404
    pdf_url = reverse("cooperations:agreement-pdf", args=[cooperation.pk, 1])
    assert client.get(pdf_url).status_code == 404


def test_a_version_number_that_does_not_exist_gets_404(
    cooperation: Cooperation, anna: User, ben: User, client: Client
) -> None:
    agree(cooperation, anna, ben)
    client.force_login(anna)

    pdf_url = reverse("cooperations:agreement-pdf", args=[cooperation.pk, 7])
    assert client.get(pdf_url).status_code == 404
