"""Wagtail loads this module by name; the awards app's admin screens live in thidua/awards/admin/."""

import thidua.awards.admin  # noqa: F401
