"""The portal's screens in Wagtail's admin (registered from wagtail_hooks.py)."""

from thidua.portal.admin import documents, feedback, results  # noqa: F401
