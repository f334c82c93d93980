"""WirWerk settings: one module, everything configurable from the environment.

Local defaults are safe for a laptop (SQLite, console mail, DEBUG on); production
sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and EMAIL_URL.
"""

import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from wirwerk.lib.env import email_settings, env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("WIRWERK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
_LOCAL_SECRET_KEY = "wirwerk-local-development-key-not-for-production" * 2
SECRET_KEY = env_str("SECRET_KEY", _LOCAL_SECRET_KEY)
if not DEBUG and SECRET_KEY == _LOCAL_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = "WirWerk"
# The Ed25519 key that signs agreement versions: a file outside the database
# (apps/cooperations/signing.py), created with mode 0600 on first use.
WIRWERK_SIGNING_KEY = Path(env_str("WIRWERK_SIGNING_KEY", str(VAR_DIR / "signing-key.pem")))
AGREEMENT_PDF_CACHE = Path(env_str("AGREEMENT_PDF_CACHE", str(VAR_DIR / "agreement-pdfs")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "apps.base",
    "apps.core",
    "apps.accounts",
    "apps.profiles",
    "apps.matching",
    "apps.network",
    "apps.cooperations",
    "apps.meetings",
    "apps.contributions",
    "apps.notifications",
    "apps.driver",
    "apps.checkins",
    "apps.referrals",
    "apps.finances",
    "apps.invoices",
    "apps.cocreation",
    "apps.organisations",
    "apps.resources",
    "apps.api",
    "ninja",
    "apps.datapool",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "apps.base.middleware.BoundedIdsMiddleware",
]

ROOT_URLCONF = "wirwerk.urls"
WSGI_APPLICATION = "wirwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "apps.base.context_processors.navigation",
                "apps.driver.context_processors.nudge_counter",
            ],
        },
    }
]

# Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'wirwerk.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while the worker writes; IMMEDIATE avoids
        # "database is locked" upgrades inside write transactions.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("WIRWERK_TEST_SQLITE_NAME", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[WirWerk] "
ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
# Failed logins (apps.accounts.throttle): a stranger's attempts count per address and
# per account; a browser that logged in to the account before has its own counter, so
# nobody else's failures lock it out. Counted in the shared cache (CACHES below).
LOGIN_THROTTLE = {
    "stranger": env_str("LOGIN_THROTTLE_STRANGER", "20/15m/ip,5/5m/key"),
    "device": env_str("LOGIN_THROTTLE_DEVICE", "5/5m/key"),
}
# How many reverse proxies of ours stand in front (X-Forwarded-For is read from the
# right by this depth); 0 = no proxy, the TCP peer is the client.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int(
    "ALLAUTH_TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY", False) else 0
)
ACCOUNT_RATE_LIMITS = {
    "login_failed": LOGIN_THROTTLE["stranger"],
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "confirm_email": "1/3m/key",
}
# Requests one API access token may make (apps.api.auth), counted in the cache.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "300/m/key")
# Invitations to cooperations a person may send in 24 hours (connections and e-mail).
INVITATIONS_PER_DAY = env_int("INVITATIONS_PER_DAY", 10)
ACCOUNT_FORMS = {"signup": "apps.accounts.forms.SignupForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "WirWerk"

# Cache: the database (shared by every worker, survives restarts; the table comes
# with `migrate`), or Redis when REDIS_URL is set (needs the `redis` package).
# Under pytest the cache is in memory (tests without a database clear it); the
# throttling tests switch to the database cache and run two real processes.
REDIS_URL = env_str("REDIS_URL", "")
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "wirwerk_cache",
}
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if "pytest" in sys.modules
        else DATABASE_CACHE
    )
}

# Mail
EMAIL_URL = env_str("EMAIL_URL", "console://")
globals().update(email_settings(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "WirWerk <noreply@wirwerk.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: the database queue, run by `manage.py db_worker`.
# Under pytest, tasks run at once (pretix style) so tests see their effects.
_DEFAULT_TASKS_BACKEND = (
    "django_tasks.backends.immediate.ImmediateBackend"
    if "pytest" in sys.modules
    else "django_tasks_db.DatabaseBackend"
)
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", _DEFAULT_TASKS_BACKEND)}}

# The driver: thresholds of its rules (read through apps.driver.rules.driver_settings;
# per-cooperation overrides, set in the admin, come on top).
DRIVER = {
    "snooze_days": 3,  # default of "Später erinnern"
    "action_overdue_escalate_days": 7,  # overdue action: owner first, everyone after
    "silence_days": 21,  # no activity in a cooperation
    "no_meeting_days": 30,  # no meeting planned within the next days
    "pending_acceptance_days": 3,  # agreement version waiting for acceptance
    "imbalance_percent": 25,  # contributions vs. commitments, percentage points
    "imbalance_window_days": 90,
    "checkin_interval_days": 90,  # when the agreement in force names no review rhythm
    "checkin_answer_days": 14,  # a check-in round is open this long
    "checkin_reminder_days": 3,  # the last days of a round: the reminder becomes urgent
    "referral_stale_days": 14,  # open referral without a status change: nudge the receiver
    "referral_imbalance_min_received": 3,  # one-sided pair: at least this many received
    "referral_imbalance_ratio": 3,  # ... and at most a third of that given back
}

# Notice e-mails (apps.notifications): the page that lists every notice (a URL name),
# and when digests go out: daily after 7:00, weekly on Mondays after 7:00.
NOTIFICATIONS = {
    "overview": "driver:nudges",
    "digest_hour": 7,
}

# Periodic jobs: `manage.py periodic` (started by `serve`) enqueues each task every
# N minutes; production runs it as a service too. Every job is idempotent.
PERIODIC_TICK_SECONDS = env_int("PERIODIC_TICK_SECONDS", 30)
PERIODIC_JOBS = {
    "driver": {
        "task": "apps.driver.tasks.dispatch",
        "minutes": env_int("DRIVER_INTERVAL_MINUTES", 15),
    },
    "matching_prune": {
        "task": "apps.matching.tasks.prune_index_changes",
        "minutes": 24 * 60,
    },
    "referrals_erasure": {
        "task": "apps.referrals.tasks.erase_stale_client_data",
        "minutes": env_int("REFERRALS_ERASURE_INTERVAL_MINUTES", 24 * 60),
    },
}

# Internationalisation: German first, English switchable.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
# Our catalogue first (makemessages writes there), then formal German ("Sie")
# overrides for django-allauth, whose own German catalogue says "du".
LOCALE_PATHS = [
    Path(env_str("WIRWERK_LOCALE_DIR", str(BASE_DIR / "locale"))),
    BASE_DIR / "locale_formal",
]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: Pico CSS from npm, our own stylesheet, served by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/pico", BASE_DIR / "node_modules" / "@picocss" / "pico" / "css"),
    ("vendor/noble-curves", BASE_DIR / "node_modules" / "@noble" / "curves"),
    ("vendor/noble-hashes", BASE_DIR / "node_modules" / "@noble" / "hashes"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Security: CSP without 'unsafe-inline'; secure cookies and HSTS in production.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The matching index lives on disk so it survives restarts.
MATCHING_INDEX_PATH = Path(env_str("MATCHING_INDEX_PATH", str(VAR_DIR / "matching-index.pkl")))
# How often a process applies the index change log (seconds; edits on other hosts
# show after at most this long).
MATCHING_SYNC_SECONDS = env_float("MATCHING_SYNC_SECONDS", 2.0)

# Referrals: the client's contact data of lost or stale referrals is erased after this
# many months without a status change (GDPR: kept no longer than needed).
REFERRALS_CLIENT_DATA_RETENTION_MONTHS = env_int("REFERRALS_CLIENT_DATA_RETENTION_MONTHS", 6)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
