"""Django settings for Thi đua.

All values obtained from the environment are read in the first block below, through the typed
readers of thidua.env; see the configuration table in README.md. Policy that officers change
yearly (criteria, deadlines, provincial rulesets) lives in the database, not here.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from thidua.env import EnvReader

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

# --- Values obtained from the environment -------------------------------------------------------
env = EnvReader()
DEMO = env.bool("THIDUA_DEMO", False)
DEBUG = env.bool("DEBUG", False)
VAR_DIR = Path(env.str("THIDUA_VAR_DIR", str(PROJECT_DIR / "var")))
_secret = env.secret("SECRET_KEY", required=False)
DATABASE_URL = env.url(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}",
    schemes=("sqlite", "postgres", "postgresql", "pgsql"),
)
REDIS_URL = env.url("REDIS_URL", None, schemes=("redis", "rediss", "unix"))
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if (DEMO or DEBUG) else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000")
SECURE_COOKIES = env.bool("SECURE_COOKIES", not (DEMO or DEBUG))
DB_CONN_MAX_AGE = env.int("DB_CONN_MAX_AGE", 60, minimum=0)
EMAIL_HOST = env.str("EMAIL_HOST")
EMAIL_PORT = env.int("EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.secret("EMAIL_HOST_PASSWORD", required=False) or ""
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "thidua@localhost")
TASKS_IMMEDIATE = env.bool("THIDUA_TASKS_IMMEDIATE", False)
LOG_LEVEL = env.str("LOG_LEVEL", "INFO")
# The largest evidence file a report accepts (services.reports.evidence_add).
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_MB", 10, minimum=1, maximum=100) * 1024 * 1024
# An overdue report is e-mailed the first day late, then every N days while the period is open; 0: never
# (services/reminders.py, rules/reminders.py).
# The officers' guide served in the admin (Trợ giúp → Hướng dẫn sử dụng): the Markdown of the checkout.
USER_GUIDE_DIR = env.str("USER_GUIDE_DIR", str(PROJECT_DIR / "docs" / "user-guide"))
EMULATION_OVERDUE_EVERY_DAYS = env.int("EMULATION_OVERDUE_EVERY_DAYS", 3, minimum=0, maximum=365)
# An Excel import of more data rows than this is checked (its dry run) as a background job with a
# progress bar, not in the request (thidua/org/views/imports.py).
IMPORT_SYNC_MAX_ROWS = env.int("IMPORT_SYNC_MAX_ROWS", 2000, minimum=1, maximum=1_000_000)
# Days a finished certificates print job keeps its stored file before `thidua certificates_prune` removes
# it (thidua/documents/services/certificates.py; any decision can be printed again).
CERTIFICATES_KEEP_DAYS = env.int("CERTIFICATES_KEEP_DAYS", 30, minimum=1, maximum=3650)
# Origins the public pages may load scripts and images from besides their own: the EMC monitoring
# script and the Tín nhiệm mạng badge (docs/portal.md), e.g. "https://emc.gov.vn https://tinnhiemmang.vn".
PORTAL_CSP_EXTRA_SOURCES = env.list("PORTAL_CSP_EXTRA_SOURCES", [])
# Anonymous readers' public pages kept in each web process's memory for up to N seconds; 0: off
# (thidua/portal/middleware.py PortalPageCacheMiddleware; views still count through the beacon).
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", 300, minimum=0, maximum=86400)
# Login security (docs/adr/0013-login-security.md). Province officers and system admins must confirm
# their login with a TOTP code; off by default in the demo and in development, whose logins are shared.
REQUIRE_2FA = env.bool("THIDUA_REQUIRE_2FA", not (DEMO or DEBUG))
# Reverse proxies in front of the server that set X-Forwarded-For; 0: none, and the lockout counts the
# connection's address (a header a client may write itself would let it dodge the lockout).
TRUSTED_PROXY_COUNT = env.int("THIDUA_TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
# Hours a signed-in session lasts at most, and minutes without a request that end it (0: no idle limit).
SESSION_HOURS = env.int("SESSION_HOURS", 8, minimum=1, maximum=720)
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", 60, minimum=0, maximum=1440)
# HTTPS: plain HTTP is redirected to HTTPS, and browsers are told to use only HTTPS for this long.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", SECURE_COOKIES)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31_536_000 if SECURE_COOKIES else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
# REST API rate limits (thidua/api/throttling.py, docs/api.md): requests per token or signed-in officer
# over every endpoint; the eligibility check again on its own, since its engine is CPU-bound; requests
# without credentials (the public schema and its docs) per address. "off": no limit.
API_RATE = env.rate("API_RATE", "300/minute")
API_RATE_ELIGIBILITY = env.rate("API_RATE_ELIGIBILITY", "20/minute")
API_RATE_ANON = env.rate("API_RATE_ANON", "60/minute")
# --------------------------------------------------------------------------------------------------

if _secret:
    SECRET_KEY = _secret
elif DEMO or DEBUG:
    # Demo and development only: a key generated once per checkout and kept under var/, so sessions
    # survive restarts. Production must set SECRET_KEY (or SECRET_KEY_FILE).
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _key_file = VAR_DIR / "demo-secret-key"
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    SECRET_KEY = _key_file.read_text(encoding="utf-8").strip()
else:
    raise ImproperlyConfigured(
        "Environment variable SECRET_KEY is required (or SECRET_KEY_FILE). "
        "Only the demo (THIDUA_DEMO=1) and development (DEBUG=1) may run without it."
    )

INSTALLED_APPS = [
    "thidua.core",
    "thidua.accounts",
    "thidua.org",
    "thidua.emulation",
    "thidua.awards",
    "thidua.portal",
    "thidua.documents",
    "thidua.api",
    "thidua.demo",  # only for its demo_load command; no models
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by us (the CSP allows no CDN)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Backup codes (docs/adr/0013-login-security.md, addendum): django-otp's own single-use codes.
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "thidua.accounts.wagtail_users.ThiduaUsersAppConfig",  # wagtail.users with the organisation on its forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a stored public page skips everything below (it was stored with their headers).
    "thidua.portal.middleware.PortalPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "thidua.core.security_headers.PermissionsPolicyMiddleware",
    "thidua.portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the TOTP second factor (docs/adr/0013-login-security.md).
    "django_otp.middleware.OTPMiddleware",
    # A session past its idle or absolute limit ends here; a staff user who must confirm a TOTP code,
    # or enrol an authenticator first, reaches nothing else under /admin/ (thidua/accounts/middleware.py).
    "thidua.accounts.middleware.SessionLimitsMiddleware",
    "thidua.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["thidua.core.templatetags.vn"],
        },
    },
]

# Health checks: a connection kept between requests (CONN_MAX_AGE) is tested before reuse, so after a
# PostgreSQL restart the next request reconnects instead of failing (docs/reliability.md).
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server and the task worker read while the other writes; the busy timeout
    # makes a writer wait for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    # A Redis outage reads as cache misses, not 500 pages (thidua/core/cache.py, docs/reliability.md).
    CACHES = {
        "default": {
            "BACKEND": "thidua.core.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out login before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "thidua.accounts.backends.ThiduaBackend"]
LOGIN_URL = "/admin/login/"
LOGIN_REDIRECT_URL = "/admin/"

# --- Language, time zone, formats ------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The project's own catalogue first, then its Vietnamese catalogue of Wagtail's strings (Wagtail
# ships only a fifth of them in Vietnamese); both come before the apps' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's vi locale leaves NUMBER_GROUPING unset, so it never groups thousands; thidua/formats/vi
# sets it (31.434,47). See docs/formatting.md. Grouping is asked for explicitly (|vn_number,
# |intcomma, |floatformat:"2g"): turned on globally it would also print years and codes as "2.026".
FORMAT_MODULE_PATH = ["thidua.formats"]
USE_THOUSAND_SEPARATOR = False

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files that only authorised staff may read (report evidence): outside MEDIA_ROOT, never given a
    # URL, served only by views that check the reader (thidua.emulation.views.reports).
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Background tasks (docs/adr/0002-task-queue.md) ---------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TASKS_IMMEDIATE
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
# Lax: the cookies go with a link followed from another site (an e-mailed link to a report), never
# with a form posted from one.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The server-side limit of every session. Wagtail's login sets each session's cookie to this age when
# "Ghi nhớ" is ticked, else to end with the browser; SessionLimitsMiddleware also ends a session
# SESSION_HOURS after the login however often it is saved, and after SESSION_IDLE_MINUTES idle.
SESSION_COOKIE_AGE = SESSION_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Not SESSION_SAVE_EVERY_REQUEST: it writes the session row on every request (every admin click and
# autosave); the idle limit writes its timestamp at most once per SESSION_ACTIVITY_WRITE_SECONDS.
SESSION_ACTIVITY_WRITE_SECONDS = 300
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page of the site uses (thidua/core/security_headers.py).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)
# HSTS without preload: the preload list is a commitment of the whole domain that the province's
# network office makes, not this application. (SECURE_HSTS_SECONDS, SECURE_SSL_REDIRECT and
# SECURE_HSTS_INCLUDE_SUBDOMAINS are read from the environment above.)
SECURE_HSTS_PRELOAD = False
# Content-Security-Policy (thidua/portal/middleware.py): strict on the public site, looser under
# /admin/, whose Wagtail screens use inline scripts and styles, and the API's Swagger UI (its files
# served from here by drf-spectacular-sidecar; its page has an inline style).
_csp_extra = " ".join(PORTAL_CSP_EXTRA_SOURCES)
PORTAL_CSP = (
    f"default-src 'self'; script-src 'self' {_csp_extra}; style-src 'self'; img-src 'self' data: {_csp_extra}; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
PORTAL_CSP_ADMIN = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
PORTAL_CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/", "/api/v1/docs/")
# View counters and visitor statistics in Redis when there is one (docs/portal-counting.md).
PORTAL_COUNTERS_REDIS_URL = REDIS_URL
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not (DEMO or DEBUG) else None
# Checks of `check --deploy` silenced, each for a reason:
SILENCED_SYSTEM_CHECKS = [
    # W019 X_FRAME_OPTIONS not DENY: Wagtail's editor shows the page being edited in a frame of the
    # same origin (its live preview); SAMEORIGIN still refuses every other site.
    "security.W019",
    # W021 SECURE_HSTS_PRELOAD not set: see SECURE_HSTS_PRELOAD above; the preload list binds the
    # whole domain for months, which the domain's owner decides.
    "security.W021",
]
if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    # W005: the portal usually lives on a subdomain of the province's domain (thidua.<tinh>.gov.vn),
    # whose sibling subdomains this application does not serve; HSTS for them is the domain's call.
    SILENCED_SYSTEM_CHECKS.append("security.W005")

# --- Login security (docs/adr/0013-login-security.md) ----------------------------------------------
# Five failed logins for one username from one address lock that pair out for 15 minutes. A wrong
# TOTP code counts as a failed login of its user (thidua/accounts/views.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The 15 minutes run from the lockout: attempts refused during it neither count nor extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Every failed login kept with its time and address, for the screen of failed logins (Cài đặt).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# The lockout page: Vietnamese, styled as Wagtail's login page (accounts/templates/accounts/lockout.html).
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# The client's address (django-ipware): the connection's, unless THIDUA_TRUSTED_PROXY_COUNT proxies are
# declared; then X-Forwarded-For, which the first proxy starts with the client's address and each
# further one extends. ipware takes it only when it has exactly that many entries, so a client that
# sends its own header is counted under the proxy's address, and cannot get fresh tries by forging one.
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1  # ipware counts the proxies listed in the header
    AXES_IPWARE_PROXY_ORDER = "right-most"
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# TOTP (django-otp): the name authenticator apps show above the code.
OTP_TOTP_ISSUER = "Thi đua – Khen thưởng"
# Roles that must use the second factor when REQUIRE_2FA is on (superusers too).
THIDUA_2FA_ROLES = ("province_officer", "system_admin")

# --- REST API (docs/adr/0012-rest-api.md) -----------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Systems send a bearer token (thidua/api/authentication.py, hashed at rest); staff signed in to
    # the admin use their session, with Django's CSRF check on every unsafe method.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "thidua.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Bodies are JSON only, read through a parser that refuses oversized or deeply nested documents.
    "DEFAULT_PARSER_CLASSES": ["thidua.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "thidua.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "thidua.api.exceptions.exception_handler",
    # Rate limits are set on the API's own views (thidua/api/throttling.py), not here: a default would
    # also count Wagtail's admin API, which the page explorer calls as the officer browses. The address
    # of a request without credentials is the one the trusted proxies saw, as for the login lockout.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    # Decimals as strings: points and targets keep their exact digits.
    "COERCE_DECIMAL_TO_STRING": True,
}
# The largest JSON body the API reads, and how deep it may nest (thidua/api/parsers.py).
API_MAX_BODY_BYTES = 2_621_440  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE
API_MAX_JSON_DEPTH = 32
SPECTACULAR_SETTINGS = {
    "TITLE": "Thi đua – API",
    "DESCRIPTION": "API của phần mềm Thi đua – Khen thưởng (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["thidua.api.schema.only_api_v1"],
    # Choice sets that share a field name get names of their own (not a hash suffix).
    "ENUM_NAME_OVERRIDES": {
        "AdminUnitLevelEnum": "thidua.org.models.units.AdminUnit.Level",
        "OrganisationKindEnum": "thidua.org.models.organisations.Organisation.Kind",
        "GroupKindEnum": "thidua.org.models.groups.EmulationGroup.Kind",
        "PeriodKindEnum": "thidua.emulation.models.reports.Period.Kind",
        "PactStatusEnum": "thidua.emulation.models.pacts.Pact.Status",
        "ReportStatusEnum": "thidua.emulation.models.reports.Report.Status",
    },
}

# --- E-mail ---------------------------------------------------------------------------------------
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Thi đua – Khen thưởng"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
# Page addresses without diacritics (thidua/portal/models/pages.py AsciiSlugMixin).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "doc", "xls", "odt", "ods"]
# The content must be what the extension says (an .html renamed .pdf is refused): docs/hostile-input.md.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "thidua.core.admin.documents.DocumentForm"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
# Dates on admin forms are shown and typed as dd/mm/yyyy in both languages (docs/formatting.md).
# Unset, Wagtail's date picker writes yyyy-mm-dd and replaces typed dd/mm/yyyy text with today's date
# on blur. thidua.core.forms.VNDateField reads the text on every staff form; this setting covers the
# date inputs of Wagtail's own screens.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
# Wagtail's login form without a label on the password field shows the English "Password".
WAGTAILADMIN_USER_LOGIN_FORM = "thidua.accounts.forms.LoginForm"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
