"""The API app's audit action codes in words (registered with core from ApiConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "api.token.create": _("Cấp mã truy cập API"),
    "api.token.revoke": _("Thu hồi mã truy cập API"),
}
KEYS = {"user": _("tài khoản đại diện")}
