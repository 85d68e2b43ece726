from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff account. It belongs to one organisation (cơ quan, đơn vị), which scopes what it sees."""

    organisation = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_(
            "Đơn vị công tác của tài khoản; tài khoản chỉ xem và sửa được dữ liệu trong phạm vi đơn vị này."
        ),
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    # Demo accounts have published passwords: thidua.accounts.backends refuses them unless the
    # server runs in demo mode (THIDUA_DEMO=1).
    is_demo = models.BooleanField(_("tài khoản minh họa"), default=False, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Vietnamese order: family and middle names (last_name) before the given name (first_name).
        return f"{self.last_name} {self.first_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.username


class Role(models.Model):
    """Ties one of the fixed roles of thidua.accounts.roles to the Django group that carries it.

    Groups hold the model permissions Wagtail's admin needs; the role code is what the services
    check, so renaming a group in the admin does not change what its members may do.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    group = models.OneToOneField(Group, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="role")

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        return self.group.name
