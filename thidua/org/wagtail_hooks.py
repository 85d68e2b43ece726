"""Wagtail loads this module by name; the org app's admin screens live in thidua/org/admin/."""

import thidua.org.admin  # noqa: F401
