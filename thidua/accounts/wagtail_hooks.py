"""Wagtail loads this module by name; the accounts screens live in thidua/accounts/admin.py."""

import thidua.accounts.admin  # noqa: F401
