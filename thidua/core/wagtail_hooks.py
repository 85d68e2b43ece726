"""Wagtail loads this module by name; core's admin screens (audit log, job pages, the user guide) live in
thidua/core/admin/."""

import thidua.core.admin.audit
import thidua.core.admin.guide  # noqa: F401
from thidua.core.admin.exports import wagtail_exports_guard

# Before any screen exports: Wagtail's spreadsheet exports escape formulas like ours (admin/exports.py).
wagtail_exports_guard()
