"""The accounts app's audit action codes in words (registered with core from AccountsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.roles import ROLES

ACTIONS = {
    "accounts.user.create": _("Tạo tài khoản"),
    "accounts.user.change": _("Sửa tài khoản"),
    "accounts.user.delete": _("Xóa tài khoản"),
    "accounts.totp.enrol": _("Bật xác thực hai bước"),
    "accounts.totp.remove": _("Gỡ thiết bị xác thực hai bước"),
    "accounts.backup_codes.regenerate": _("Tạo bộ mã dự phòng mới"),
    "accounts.backup_codes.use": _("Đăng nhập bằng mã dự phòng"),
    "accounts.two_factor.reset": _("Đặt lại xác thực hai bước"),
    "accounts.login.lockout": _("Khóa đăng nhập do nhập sai nhiều lần"),
    "accounts.login.unlock": _("Mở khóa đăng nhập"),
}

KEYS = {
    "roles": _("vai trò"),
    "username": _("tên đăng nhập"),
    "full_name": _("họ và tên"),
    "email": _("thư điện tử"),
    "organisation": _("cơ quan, đơn vị"),
    "groups": _("nhóm quyền"),
    "is_active": _("được đăng nhập"),
    "is_superuser": _("quản trị tối cao"),
    "password": _("mật khẩu"),
    "ip": _("địa chỉ IP"),
    "failures": _("số lần đăng nhập sai"),
    "authenticator": _("ứng dụng xác thực"),
    "backup_codes": _("số mã dự phòng còn dùng được"),
}

# A user's roles are stored as codes ("province_officer"); the log shows the role's name.
VALUES = {"roles": {code: spec.name for code, spec in ROLES.items()}}
