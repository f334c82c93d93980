import pytest

from wirwerk.lib.env import email_settings


def test_smtp_email_url_becomes_smtp_settings() -> None:
    config = email_settings("smtp+tls://user%40x.org:geheim@mail.example.org:587")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["EMAIL_HOST"] == "mail.example.org"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "user@x.org"
    assert config["EMAIL_HOST_PASSWORD"] == "geheim"
    assert config["EMAIL_USE_TLS"] is True


def test_file_email_url_writes_mail_to_a_folder() -> None:
    config = email_settings("file:///tmp/wirwerk-mail")
    assert config["EMAIL_FILE_PATH"] == "/tmp/wirwerk-mail"


def test_unknown_email_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scheme"):
        email_settings("pigeon://roof")
