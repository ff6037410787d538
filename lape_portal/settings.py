"""Settings for the LAPE regional portal.

Everything comes from the environment (see ``.env.example``); the defaults are safe for local
development. ``DATABASE_URL`` is required: ``make run`` and ``make test`` set it to a
project-local PostgreSQL when it is not given.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="" if not DEBUG else "dev-only-insecure-key")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development)."
    )
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves the static files in development too, as it does in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The background worker's app (README, "Background worker"); it finds each app's tasks.py.
    # Before the project's apps, so that its app is ready when theirs are.
    "procrastinate.contrib.django",
    "core",
    "notifications",
    "municipalities",
    "projects",
    "workshops",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.refuse_nul_middleware",
    "core.middleware.permissions_policy_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.load_user_middleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.middleware.two_factor_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
# The benchmark (`make bench`) reads each response's query count from a header.
if env.bool("DJANGO_QUERY_COUNT_HEADER", default=False):
    MIDDLEWARE.insert(0, "core.middleware.query_count_middleware")

ROOT_URLCONF = "lape_portal.urls"

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
            ],
        },
    },
]
FORM_RENDERER = "core.forms.WidgetRenderer"

WSGI_APPLICATION = "lape_portal.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Persistent connections, checked before reuse: a new connection per request costs more than
# most pages' queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The planner's cost of reading a page out of order, set for each connection. PostgreSQL's
# default, 4, is for spinning disks; 1.1 is the usual value for SSD storage (and for data that
# the cache holds). With the default, the planner reads a whole table rather than the GIN index
# of the search vectors for a word it cannot rule out (README, "Scale benchmark").
DB_RANDOM_PAGE_COST = env.float("DJANGO_DB_RANDOM_PAGE_COST", default=1.1)
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options["options"] = (
    f"{_db_options.get('options', '')} -c random_page_cost={DB_RANDOM_PAGE_COST}".strip()
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes counts failed logins (portal and admin alike) and refuses even the right password
# for AXES_COOLOFF_TIME after AXES_FAILURE_LIMIT failures. A lockout is for one username from one
# address: colleagues behind a municipality's shared address are not locked out by one person's
# typing, nor is the account's owner by a stranger guessing elsewhere. Behind a reverse proxy
# every request comes from the proxy's address, and the lockout is then per username.
# `manage.py axes_reset_username <username>` lifts a lockout at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Failed logins stay out of the admin: axes' pages there have no add view, which the admin walk
# of test_permissions expects of every model. The command above unlocks someone early.
AXES_ENABLE_ADMIN = False
# Only failed attempts are stored, and the next login after their cool-off deletes them: no
# record of everyone's logins, addresses and browsers that nobody reads.
AXES_DISABLE_ACCESS_LOG = True
# No start-up banner in the output of every manage.py command.
AXES_VERBOSE = False

# Password-reset messages to one e-mail address, and requests from one client address, per hour.
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("DJANGO_PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("DJANGO_PASSWORD_RESET_LIMIT_PER_CLIENT", default=10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("suomi")), ("sv", _("ruotsi")), ("en", _("englanti"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["lape_portal.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
# Hashed, compressed static files (cached for a year by browsers) need `collectstatic` before the
# server starts; without the manifest the files are served as they are in the apps and static/,
# which is what development and the tests (DJANGO_DEBUG=true in `make`) use.
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# WhiteNoise follows DJANGO_DEBUG as set, not the DEBUG=False that the test runner switches to:
# in development and tests it finds each file in the apps and static/ when asked, instead of
# indexing a STATIC_ROOT that `collectstatic` has not filled.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Uploaded files go to the local folder above, or, when a bucket is named, to S3-compatible
# object storage that every app server and the worker share (README, "Deployment"). The
# credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; AWS_S3_ENDPOINT_URL points
# to a provider other than Amazon (UpCloud, Hetzner, MinIO ...).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "location": env("AWS_LOCATION", default=""),
            # Files are private: the portal's download view checks the right to each one.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Uploads larger than 2.5 MB stream into this folder, not the system's temporary folder, so that
# sweep_orphan_files finds what a killed upload leaves behind. Created at start.
FILE_UPLOAD_TEMP_DIR = env.path("DJANGO_FILE_UPLOAD_TEMP_DIR", default=BASE_DIR / "var" / "uploads")
# The largest attachment, and how many files one request may carry (more is a 400).
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=25 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FILES", default=20)
# The worker reads an attachment's text in a child process with these limits; a file beyond
# them is kept but not indexed ("too complex").
ATTACHMENT_TEXT_SECONDS = env.int("ATTACHMENT_TEXT_SECONDS", default=30)
ATTACHMENT_TEXT_MEMORY_MB = env.int("ATTACHMENT_TEXT_MEMORY_MB", default=512)

# The cache is each process's own memory unless CACHE_URL names a shared one
# (redis://host:6379/0 for Redis or Valkey), which several app servers need so that limits
# counted in the cache hold across them. The memory holds 2,000 entries (Django's default is
# 300): kept pages and their parts are per address, language and audience.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://?max_entries=2000")}
# Sessions are rows of the database, which every app server shares.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Public pages are kept in that cache for visitors without a session (core.page_cache) for this
# many seconds at most (0: never); a saved record of these apps makes them stale at once.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=60)
PAGE_CACHE_APPS = ("municipalities", "projects", "workshops")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail (README, "E-mail"): EMAIL_URL names the SMTP server, e.g.
# smtp+tls://user:password@smtp.example.fi:587; unset, the mail server of the host itself. In
# development without it, each e-mail is written as a file under var/mail/. Tests use Django's
# in-memory backend (pytest-django).
if DEBUG and "EMAIL_URL" not in env:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
else:
    vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
# The portal's address, for the links in e-mails.
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="lape-portaali@localhost")

# HTTPS, on by default when DEBUG is off (DJANGO_SECURE=false turns it off): it redirects plain HTTP
# (except the health check, which load balancers poll inside the network), marks the cookies
# secure and sends HSTS. HSTS with preload and subdomains is a promise to browsers that is slow to
# take back; turn those two off with their variables if the domain cannot keep it.
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 60 * 60 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=SECURE)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=SECURE)
# Behind a reverse proxy that terminates HTTPS, the proxy's X-Forwarded-Proto says whether the
# browser used HTTPS. Only trust it when the proxy always sets (or strips) it.
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Scripts and styles only from the portal's own static files: no inline scripts, event handler
# attributes or style attributes. Bootstrap's icons in its CSS are data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Everything to standard output, where gunicorn, systemd or the container runtime collect it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Without Django's own console handler, which would print its messages a second time.
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        # The worker logs the start, end and retries of every job at INFO; WARNING keeps only
        # failures.
        "procrastinate": {"level": env("PROCRASTINATE_LOG_LEVEL", default="INFO")},
        # Not a line about its tasks in the output of every manage.py command.
        "procrastinate.blueprints": {"level": "WARNING"},
        # Nor a line for each periodic job at start-up, and one every minute in the worker.
        "procrastinate.periodic": {"level": "WARNING"},
    },
}

# The accessibility statement and the privacy notice (portal.views.legal): who keeps the
# portal, the address they answer at, and who gets the accessibility feedback by e-mail.
PORTAL_CONTROLLER = env("PORTAL_CONTROLLER", default="LAPE-portaalin ylläpitäjä")
PORTAL_CONTACT_EMAIL = env("PORTAL_CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)
PORTAL_FEEDBACK_EMAILS = env.list("PORTAL_FEEDBACK_EMAILS", default=[PORTAL_CONTACT_EMAIL])
# Registrations of meetings held longer ago than this are anonymised every night
# (portal.tasks); the counts stay.
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=365)

# Admins and coordinators who sign in with a password confirm it with a one-time code from an
# authenticator app (TOTP) before any page opens, the admin included (portal.middleware).
# On unless debugging; DJANGO_TWO_FACTOR_REQUIRED=false turns it off for small deployments.
TWO_FACTOR_REQUIRED = env.bool("DJANGO_TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "LAPE-portaali"
# The admin may remove a lost phone's device, never read its secret.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Single sign-on with the employer's identity provider (OpenID Connect), on when
# OIDC_RP_CLIENT_ID is set. The provider's endpoints are those of its discovery document
# (.well-known/openid-configuration). Members of the provider's OIDC_COORDINATOR_GROUPS
# (in the OIDC_GROUPS_CLAIM claim) are coordinators, everyone else municipal staff
# (portal.services.user_sync_from_claims). The provider asks for its own second factor.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_COORDINATOR_GROUPS = env.list("OIDC_COORDINATOR_GROUPS", default=[])
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("portal.oidc.PortalOIDCBackend")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
