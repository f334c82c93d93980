import re

from playwright.sync_api import Page, expect


def _message_text(message) -> str:  # type: ignore[no-untyped-def]
    if message.is_multipart():
        parts = [
            part.get_payload(decode=True)
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        ]
        return b"".join(p for p in parts if p).decode()
    return message.get_payload(decode=True).decode()


def test_new_user_signs_up_verifies_logs_in_switches_language_and_logs_out(
    page: Page,
    live_server,
    smtp_server,  # type: ignore[no-untyped-def]
) -> None:
    page.goto(f"{live_server.url}/konto/signup/")
    page.get_by_label("Ihr Name").fill("Erika Engel")
    page.get_by_label("E-Mail-Adresse:").fill("erika@example.org")
    page.get_by_label("Passwort:", exact=True).fill("Kooperation-2026!")
    page.get_by_label("Passwort (Wiederholung):").fill("Kooperation-2026!")
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("status")).to_contain_text("erika@example.org")

    # The verification mail went through the real SMTP server on loopback.
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "erika@example.org"
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", _message_text(mail))
    assert link, _message_text(mail)
    page.goto(link.group(0))
    page.get_by_role("button", name="Bestätigen").click()

    page.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    page.get_by_label("Passwort", exact=True).fill("Kooperation-2026!")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Guten Tag, Erika")).to_be_visible()
    expect(page.get_by_text("Sie haben noch kein Profil")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Hello, Erika")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Deutsch").click()
    expect(page.get_by_role("heading", name="Guten Tag, Erika")).to_be_visible()

    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
