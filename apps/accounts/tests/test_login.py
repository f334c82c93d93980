import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.core.demo.personas import ANNA, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_persona_logs_in_with_email_and_lands_on_dashboard(client: Client, anna: User) -> None:
    response = client.post(
        reverse("account_login"), {"login": ANNA.email, "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("core:dashboard")
    assert response.context["user"] == anna


def test_passwords_are_stored_with_argon2(anna: User) -> None:
    assert anna.password.startswith("argon2")


def test_wrong_password_gets_a_german_message(client: Client, anna: User) -> None:
    response = client.post(reverse("account_login"), {"login": ANNA.email, "password": "falsch"})
    assert response.status_code == 200
    assert "E-Mail-Adresse und/oder das Passwort sind leider falsch" in response.content.decode()


def test_repeated_failed_logins_are_throttled(client: Client, anna: User) -> None:
    for _ in range(5):
        client.post(reverse("account_login"), {"login": ANNA.email, "password": "falsch"})
    response = client.post(
        reverse("account_login"), {"login": ANNA.email, "password": DEMO_PASSWORD}
    )
    # Even the right password is refused while the limit holds.
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_signup_requires_email_verification_before_login(client: Client, db: None) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "name": "Dora Dietrich",
            "email": "dora@example.org",
            "password1": "Kooperation-2026!",
            "password2": "Kooperation-2026!",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="dora@example.org")
    assert user.name == "Dora Dietrich"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert "dora@example.org" in mail.outbox[0].to
    assert mail.outbox[0].subject.startswith("[WirWerk]")
