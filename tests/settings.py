"""Settings for the test suite: the real settings module, with test values in the environment.

DATABASE_URL is left as given, so `make test` runs on SQLite and CI runs it again with
DATABASE_URL pointing at PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("THIDUA_TASKS_IMMEDIATE", "1")
# Tests read pages right after changing them; the portal's page cache has tests of its own.
os.environ.setdefault("PORTAL_PAGE_CACHE_SECONDS", "0")
# The test client speaks plain HTTP, and most tests sign officers in without a second factor; the
# login-security tests turn both on where they test them (tests/accounts/).
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("THIDUA_REQUIRE_2FA", "0")
# The fuzzing and roles-matrix tests make hundreds of API calls a minute with one token or account, and
# the counts outlive a test in the process's cache; tests/api/test_throttling.py sets its own rates.
os.environ.setdefault("API_RATE", "100000/minute")
os.environ.setdefault("API_RATE_ELIGIBILITY", "100000/minute")
os.environ.setdefault("API_RATE_ANON", "100000/minute")
os.environ.setdefault("THIDUA_VAR_DIR", os.path.join(tempfile.gettempdir(), "thidua-tests-var"))

from thidua.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
