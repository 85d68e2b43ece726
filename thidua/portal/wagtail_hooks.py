"""Wagtail loads this module by name; the portal's admin screens live in thidua/portal/admin/."""

import thidua.portal.admin  # noqa: F401
