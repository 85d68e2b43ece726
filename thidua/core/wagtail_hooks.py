"""Wagtail loads this module by name; core's admin screens (audit log, job pages) live in thidua/core/admin/."""

import thidua.core.admin.audit  # noqa: F401
