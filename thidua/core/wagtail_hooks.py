"""Wagtail loads this module by name; core's admin screens (audit log, job pages, the user guide) live in
thidua/core/admin/."""

import thidua.core.admin.audit
import thidua.core.admin.guide  # noqa: F401
