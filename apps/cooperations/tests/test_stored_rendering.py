"""Accepted versions are rendered once: their free text's HTML is stored when they come
into force, and their PDF is kept as a file, so neither a page nor an archive download
parses or typesets the same unchangeable text again."""

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import documents, services
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.cooperations.models import agreements as agreement_models
from tests.factories import agree

pytestmark = pytest.mark.django_db

FREE_TEXT = "- Akquise: **Anna**\n- Online-Modul: Ben\n\n<script>alert(1)</script>"


def agree_with_free_text(cooperation: Cooperation, *people: User, text: str) -> AgreementVersion:
    draft = services.agreement_draft(cooperation=cooperation, user=people[0])
    AgreementVersion.objects.filter(pk=draft.pk).update(free_text=text)
    return agree(cooperation, *people)


class Counter:
    def __init__(self, function: Any) -> None:
        self.function, self.calls = function, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def pdf_renders(monkeypatch: pytest.MonkeyPatch) -> Counter:
    counter = Counter(documents._render_pdf)
    monkeypatch.setattr(documents, "_render_pdf", counter)
    return counter


def test_a_version_coming_into_force_stores_its_rendered_free_text(
    cooperation: Cooperation, anna: User, ben: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = agree_with_free_text(cooperation, anna, ben, text=FREE_TEXT)

    assert version.free_text_html is not None
    assert "<strong>Anna</strong>" in version.free_text_html
    assert "<script" not in version.free_text_html
    # The page shows the stored HTML: the Markdown is not parsed again.
    renders = Counter(agreement_models.render_markdown)
    monkeypatch.setattr(agreement_models, "render_markdown", renders)
    client = Client()
    client.force_login(ben)
    url = reverse("cooperations:agreement-version", args=[cooperation.pk, version.number])
    response = client.get(url)
    assert response.status_code == 200
    assert "<strong>Anna</strong>" in response.content.decode()
    assert renders.calls == 0


def test_the_stored_html_is_sanitised_again_when_shown(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    # Someone who writes past the triggers cannot reach members' browsers with it.
    version = agree_with_free_text(cooperation, anna, ben, text="Text")
    version.free_text_html = '<p onclick="x()">Hallo</p><script>alert(1)</script>'

    shown = str(version.free_text_as_html)

    assert "Hallo" in shown and "script" not in shown and "onclick" not in shown


def test_the_stored_html_and_the_signature_are_never_changed_once_set(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree_with_free_text(cooperation, anna, ben, text="Text")
    for column, value in (("free_text_html", "<p>anders</p>"), ("signature", "x" * 88)):
        # A savepoint each: PostgreSQL aborts the transaction with the refused UPDATE.
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE cooperations_agreementversion SET {column} = %s WHERE id = %s",
                [value, version.pk],
            )


def test_the_second_archive_download_renders_no_pdf(
    cooperation: Cooperation, anna: User, ben: User, pdf_renders: Counter
) -> None:
    for goals in ("Erste Ziele.", "Zweite Ziele.", "Dritte Ziele."):
        agree(cooperation, anna, ben, goals=goals)
    client = Client()
    client.force_login(anna)
    url = reverse("cooperations:archive", args=[cooperation.pk])

    first = client.get(url)
    assert first.status_code == 200
    assert pdf_renders.calls == 3

    second = Client()
    second.force_login(ben)
    assert second.get(url).status_code == 200
    assert pdf_renders.calls == 3


def test_a_new_version_in_force_renders_only_the_pdfs_that_show_another_chain_head(
    cooperation: Cooperation, anna: User, ben: User, pdf_renders: Counter
) -> None:
    first = agree(cooperation, anna, ben, goals="Erste Ziele.")
    documents.agreement_pdf(first)
    documents.agreement_pdf(first)
    assert pdf_renders.calls == 1
    # A newer version changes the chain head printed in version 1's PDF: a new file.
    agree(cooperation, anna, ben, goals="Zweite Ziele.")
    first.refresh_from_db()
    documents.agreement_pdf(first)
    assert pdf_renders.calls == 2


def test_a_proposed_version_is_rendered_fresh_each_time(
    cooperation: Cooperation, anna: User, ben: User, pdf_renders: Counter
) -> None:
    # Its acceptances still change: nothing is kept.
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    documents.agreement_pdf(version)
    services.agreement_accept(version=version, user=anna)
    documents.agreement_pdf(version)
    assert pdf_renders.calls == 2
