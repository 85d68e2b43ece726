"""Wagtail loads this module by name; the emulation app's admin screens live in thidua/emulation/admin/."""

import thidua.emulation.admin  # noqa: F401
