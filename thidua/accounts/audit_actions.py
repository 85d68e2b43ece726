"""The accounts app's audit action codes in words (registered with core from AccountsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.roles import ROLES

ACTIONS = {
    "accounts.user.create": _("Tạo tài khoản"),
}

KEYS = {"roles": _("vai trò")}

# A user's roles are stored as codes ("province_officer"); the log shows the role's name.
VALUES = {"roles": {code: spec.name for code, spec in ROLES.items()}}
