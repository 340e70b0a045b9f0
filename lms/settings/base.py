"""Settings shared by every environment.

Everything that differs between machines comes from the environment (django-environ):
see ``docs/configuration.md`` for the list of variables.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from lms.settings.operations import (
    cache_settings,
    logging_settings,
    metrics_allowed_networks,
    session_engine,
    with_engine_options,
    with_query_metrics,
)
from lms.settings.sign_on import sign_on_providers
from lms.settings.storage import file_storages, public_media_origin

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("LMS_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates and translations take precedence.
    "lms",
    # people before the apps whose demo data follows the organisation (load_demo_data).
    "people",
    "courses",
    "exams",
    "cases",
    "assessment",
    "certificates",
    # Assignments sit above every domain app (decision 0801).
    "assignments",
    "notifications",
    "audit",
    # Personal data (decision 1002): at the very top, it reads every app through its api.py.
    "privacy",
    "appeals",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.locales",
    "wagtail.sites",
    "lms.apps.AcademyUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Prometheus metrics at /metrics (lms.metrics, decision 0902).
    "django_prometheus",
    # Company sign-on and two-factor sign-in (django-allauth; the block "Company sign-on" below).
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.dingtalk",
    "allauth.socialaccount.providers.feishu",
    "people.wecom",
    "allauth.mfa",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (decision 0902).
    "lms.request_id.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy of pages, of the admin and of served files (decision 0007).
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The request, for audit entries written from signals (Wagtail's Users screens).
    "audit.context.CurrentRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # allauth's login stages (two-factor), then the two-factor requirement of staff roles.
    "allauth.account.middleware.AccountMiddleware",
    "lms.two_factor.TwoFactorRequiredMiddleware",
    # An unreachable object store answers 503 with a clear page (decision 0900).
    "lms.file_store.FileStoreUnavailableMiddleware",
    # The privacy notice: read and acknowledged after each new version (decision 1002).
    "privacy.middleware.PrivacyNoticeMiddleware",
    # The Wagtail site serving a course page, from the page cache (decision 0904).
    "courses.middleware.CachedSiteMiddleware",
    # Requests by view and status, and their latency (django-prometheus).
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # AxesMiddleware must be last: it turns a lockout into the friendly lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ is the embedded default; PostgreSQL is the real database.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# SQLite: WAL and IMMEDIATE transactions; PostgreSQL: reused, checked, prepared connections.
DATABASES["default"] = with_engine_options(DATABASES["default"], env)
# Queries counted and timed for /metrics (django-prometheus' wrapper of the same backend; about
# 25 µs of CPU per query, decision 0902): METRICS_DATABASE_QUERIES=false leaves it out.
if env.bool("METRICS_DATABASE_QUERIES", default=True):
    DATABASES["default"] = with_query_metrics(DATABASES["default"])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out account/address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# django-axes (lms.lockout, decision 0005): five failures for one account, from any address,
# lock the account; twenty failures from one address, for any accounts, lock the address.
# A failure counts for 15 minutes after the latest failure of the same account from the same
# address; the lock ends when the oldest have aged out.
AXES_HANDLER = "lms.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5  # per account
LOGIN_ADDRESS_FAILURE_LIMIT = 20  # per address
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Attempts refused while locked are not counted: they neither move the end of the lock nor
# add to the count of the address a locked-out user keeps trying from.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "lms.lockout.lockout_response"
# A successful sign-in forgets the account's failures (not the address's: LockoutHandler).
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "lms.client_ip.client_ip"

# Reverse proxies in front of the app that append the client's address to X-Forwarded-For:
# login lockouts and the verification rate limit count per client address (lms.client_ip).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Cache: per process by default; set CACHE_URL (e.g. dbcache://lms_cache, redis://…) for one
# shared between processes, which the rate limits need to count per site (decision 0902).
CACHES = cache_settings(env, default="locmemcache://")
SESSION_ENGINE = session_engine(CACHES)
CACHE_FALLBACK_ALIAS = "fallback"  # serves while Redis does not answer (lms.cache)

# --- Metrics (lms.metrics, decision 0902): /metrics answers these addresses, or a request with
# "Authorization: Bearer <METRICS_TOKEN>"; anyone else gets 404.
METRICS_ALLOWED_IPS = metrics_allowed_networks(env)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# Internationalisation: Simplified Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Wagtail's uploads (documents/, original_images/) and image renditions (images/). Only the
# renditions are public (served by the proxy, and by `make run`); documents go through Wagtail's
# access-checked view (WAGTAILDOCS_SERVE_METHOD below).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Files that only their owners and staff may read (case attachments, certificate PDFs) are
# stored here, outside MEDIA_ROOT, and served through views that check permissions.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# Local folders, or an S3-compatible object store with FILE_STORAGE=s3 (lms/settings/storage.py).
STORAGES = file_storages(env, PRIVATE_MEDIA_ROOT)
WAGTAILIMAGES_RENDITION_STORAGE = "lms.private_files.rendition_storage"
FILE_UPLOAD_PERMISSIONS = 0o640
# Files that need a login are sent by lms.private_files after a view checked access: by the
# proxy through an internal redirect (X-Accel-Redirect) under this prefix when it is set
# (e.g. /protected/, docs/deployment.md), else by Django. Wagtail documents go the same way.
PRIVATE_FILES_ACCEL_REDIRECT = env.str("PRIVATE_FILES_ACCEL_REDIRECT", default="")
if PRIVATE_FILES_ACCEL_REDIRECT and not (
    PRIVATE_FILES_ACCEL_REDIRECT.startswith("/") and PRIVATE_FILES_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperlyConfigured(
        "PRIVATE_FILES_ACCEL_REDIRECT must start and end with a slash, e.g. /protected/."
    )
SENDFILE_BACKEND = "lms.private_files"
# The common cut of the certificate font, built from the installed Noto Serif CJK SC by
# `manage.py build_certificate_fonts` (certificates/fonts.py).
CERTIFICATE_FONTS_DIR = Path(env.str("CERTIFICATE_FONTS_DIR", default=str(VAR_DIR / "fonts")))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: EMAIL_URL, e.g. smtp+tls://user:password@mail.example.com:587 (console in dev).
vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Service Academy <academy@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django-tasks (Wagtail's own task framework). "immediate" runs a task at once
# in the process that queues it (development, tests); "database" queues it for
# `manage.py db_worker` processes (production's default).
TASK_BACKENDS = {
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
TASKS = {"default": TASK_BACKENDS[env.str("TASKS_BACKEND", default="immediate")]}
# A bulk issue of certificates with no sign of a worker for this many seconds shows "stalled",
# and `manage.py resume_bulk_issues` queues its tasks again (docs/decisions/0602).
CERTIFICATE_BULK_ISSUE_STALLED_AFTER = env.int("CERTIFICATE_BULK_ISSUE_STALLED_AFTER", default=120)

# Wagtail
WAGTAIL_SITE_NAME = "售后服务学院 Service Academy"
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "webm", "pdf", "pptx", "txt", "log", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A document of a login-restricted collection (every collection: decision 0006) sends a visitor
# to the site's login page, as course pages do, not to Wagtail's own.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# The admin signs in on the site's login page too, with its sign-on buttons and two-factor
# sign-in (lms/urls.py sends /cms/login/ there as well).
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
# Refuses PDFs with JavaScript, launch actions or embedded files (decision 0007).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.admin_forms.DocumentForm"
# An image of more pixels is refused at upload with its size (lms/images.py, decision 0008):
# a rendition decodes the whole image, 50 million pixels are ~150 MB of memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "lms.forms.ImageForm"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# Security defaults that hold in every environment.
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "lms.views.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp; decision 0007). Pages load nothing from elsewhere (no
# CDN): scripts are files under /static/ or carry the response's nonce; no inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [public_media_origin(STORAGES)])],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin (/cms/, lms.middleware): Wagtail 8 still writes inline scripts into its
# date widgets and inline styles into many templates, and frames its own previews.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *filter(None, [public_media_origin(STORAGES)])],
        "font-src": [SELF, "data:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Powerful browser features nobody here needs are off for every page (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
} | {"fullscreen": "self", "picture-in-picture": "self"}
# Avatars are not fetched from gravatar.com: the admin loads nothing from elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Logs: readable lines in development, JSON in production (LOG_FORMAT), each with its request id.
LOGGING = logging_settings(env, log_format="text")

# People: the largest HR roster file the import reads (CSV or XLSX), in bytes.
PEOPLE_IMPORT_MAX_BYTES = env.int("PEOPLE_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

# --- Sign-in through LDAP / Active Directory (people.backends, decision 0706) ----------------
# Off unless LDAP_SERVER_URI is set (docs/configuration.md, "Sign-in through LDAP / Active
# Directory"). The directory checks the password; the person signing in is the user whose
# employee id the directory entry holds in LDAP_EMPLOYEE_ID_ATTRIBUTE.
LDAP_SERVER_URI = env.str("LDAP_SERVER_URI", default="")
LDAP_START_TLS = env.bool("LDAP_START_TLS", default=False)
LDAP_BIND_DN = env.str("LDAP_BIND_DN", default="")
LDAP_BIND_PASSWORD = env.str("LDAP_BIND_PASSWORD", default="")
LDAP_USER_SEARCH_BASE = env.str("LDAP_USER_SEARCH_BASE", default="")
LDAP_USER_FILTER = env.str("LDAP_USER_FILTER", default="(uid=%(user)s)")
LDAP_EMPLOYEE_ID_ATTRIBUTE = env.str("LDAP_EMPLOYEE_ID_ATTRIBUTE", default="employeeNumber")
# An LDAP filter matching the entries of disabled accounts, evaluated by the directory; empty:
# the directory's own refusal of the password is the only check.
LDAP_DISABLED_FILTER = env.str("LDAP_DISABLED_FILTER", default="")
# Whether a person the roster does not know becomes a Learner on their first sign-in, in the
# unit LDAP_UNIT_ATTRIBUTE names (a department path); else they are refused.
LDAP_CREATE_USERS = env.bool("LDAP_CREATE_USERS", default=False)
LDAP_UNIT_ATTRIBUTE = env.str("LDAP_UNIT_ATTRIBUTE", default="departmentNumber")
LDAP_NAME_ATTRIBUTE = env.str("LDAP_NAME_ATTRIBUTE", default="cn")
LDAP_EMAIL_ATTRIBUTE = env.str("LDAP_EMAIL_ATTRIBUTE", default="mail")
# False: accounts with an employee id sign in through the directory only; accounts without one
# (administrators, outside trainers) keep their local passwords either way.
LDAP_LOCAL_PASSWORDS = env.bool("LDAP_LOCAL_PASSWORDS", default=True)
LDAP_TIMEOUT = env.int("LDAP_TIMEOUT", default=5)  # seconds
if LDAP_SERVER_URI:
    if not LDAP_USER_SEARCH_BASE:
        raise ImproperlyConfigured(
            "LDAP_SERVER_URI is set but LDAP_USER_SEARCH_BASE is not: name the directory "
            "entry under which people are searched, e.g. ou=people,dc=example,dc=com."
        )
    # After axes (it refuses locked-out clients first), before the local passwords.
    AUTHENTICATION_BACKENDS = [
        AUTHENTICATION_BACKENDS[0],
        "people.backends.DirectoryBackend",
        *AUTHENTICATION_BACKENDS[1:],
    ]

# --- People administration and invitations (issue 15, docs/people.md) ---------------------------
# How many days an invitation's set-password link works (it stops at once when used).
PEOPLE_INVITATION_DAYS = env.int("PEOPLE_INVITATION_DAYS", default=7)

# --- Company sign-on and two-factor sign-in (django-allauth; docs/configuration.md) ------------
# Local usernames and passwords sign in at /accounts/login/ unless this is off; then only the
# company's sign-on buttons remain (and the Wagtail admin's sign-in goes the same way).
SSO_PASSWORD_LOGIN = env.bool("SSO_PASSWORD_LOGIN", default=True)
# People are matched by the employee id in this claim (OpenID Connect) or field (DingTalk,
# Feishu, WeCom), never by email. An unknown person is refused unless SSO_AUTO_CREATE is on; then
# they become a Learner in the unit (department path) that SSO_UNIT_CLAIM names.
SSO_EMPLOYEE_ID_CLAIM = env.str("SSO_EMPLOYEE_ID_CLAIM", default="employee_id")
SSO_NAME_CLAIM = env.str("SSO_NAME_CLAIM", default="name")
SSO_UNIT_CLAIM = env.str("SSO_UNIT_CLAIM", default="department")
SSO_AUTO_CREATE = env.bool("SSO_AUTO_CREATE", default=False)
# Other addresses for the providers' APIs, origin=origin pairs (a private deployment of Feishu
# or DingTalk, a proxy), e.g. https://open.feishu.cn=https://feishu.example.com.
SSO_ENDPOINT_OVERRIDES = env.dict("SSO_ENDPOINT_OVERRIDES", default={})
# Assessors and Administrators must set up an authenticator app before anything else when on
# (on in production settings).
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=False)

ACCOUNT_ADAPTER = "people.sign_on.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "people.sign_on.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Service Academy")


SOCIALACCOUNT_PROVIDERS = sign_on_providers(env)

# --- Notifications: inbox, email and group robots (notifications app, decision 0800) ---------
# How long a robot's webhook may take to answer, in seconds; a slower one counts as failed.
NOTIFICATIONS_WEBHOOK_TIMEOUT = env.float("NOTIFICATIONS_WEBHOOK_TIMEOUT", default=5.0)
# Seconds to wait before each retry of a failed delivery; after the last, it is given up
# (and listed under "Failed deliveries" in /cms/).
NOTIFICATIONS_RETRY_DELAYS = env.list(
    "NOTIFICATIONS_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200]
)
# Plain-HTTP webhooks to this machine (a local sink): on in dev.py and test.py only.
NOTIFICATIONS_ALLOW_HTTP_LOOPBACK = env.bool("NOTIFICATIONS_ALLOW_HTTP_LOOPBACK", default=False)
# Channels the company requires for an event whatever each person chooses, as ``event:channel``
# (channel ``email`` or ``robot``), e.g. "assignment.overdue:email,certificate.expiring:email".
NOTIFICATIONS_REQUIRED_CHANNELS = env.list("NOTIFICATIONS_REQUIRED_CHANNELS", default=[])

# --- Calendar feeds (assignments, a-learner, decision 0804): unknown feed links per address ---
CALENDAR_FEED_MISS_LIMIT = env.int("CALENDAR_FEED_MISS_LIMIT", default=20)  # … per window,
CALENDAR_FEED_MISS_WINDOW = env.int("CALENDAR_FEED_MISS_WINDOW", default=600)  # in seconds

# --- Reminders and recertification (send_reminders; docs/configuration.md, decision 0805) ---
ASSIGNMENTS_DUE_SOON_DAYS = env.list("ASSIGNMENTS_DUE_SOON_DAYS", cast=int, default=[3, 1])
ASSIGNMENTS_OVERDUE_MANAGER_DAYS = env.int("ASSIGNMENTS_OVERDUE_MANAGER_DAYS", default=2)

# --- Personal data: retention (apply_retention; docs/privacy.md, decision 1002) ---
# Days each kind of data is kept; empty (None) keeps it. Past its time: attempts lose their
# essays and feedback, case reports their text and files (scores and marks stay), access-log
# entries are pruned, and deactivated people are erased as erase_person does.
RETAIN_ATTEMPTS_DAYS = env.int("RETAIN_ATTEMPTS_DAYS", default=None)
RETAIN_CASE_REPORTS_DAYS = env.int("RETAIN_CASE_REPORTS_DAYS", default=None)
RETAIN_ACCESS_LOG_DAYS = env.int("RETAIN_ACCESS_LOG_DAYS", default=None)
RETAIN_DEACTIVATED_PEOPLE_DAYS = env.int("RETAIN_DEACTIVATED_PEOPLE_DAYS", default=None)
