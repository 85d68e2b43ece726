"""Tokens that let another system call the REST API as one of our users (docs/adr/0012-rest-api.md).

Only the SHA-256 of a token's secret is stored: a copy of the database (a backup, a dump given to a
contractor) then holds nothing that opens the API. The secret is shown once, when the token is issued.
SHA-256 rather than a slow password hash because the secret is 256 random bits, not a human password:
nothing can be guessed, and each request pays one hash, not a tenth of a second.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """One system's token: it acts as `user`, with that user's roles and unit scope."""

    name = models.CharField(_("tên hệ thống sử dụng"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản đại diện"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    # The first characters of the secret, stored in clear to tell tokens apart in lists and logs.
    prefix = models.CharField(_("tiền tố"), max_length=16)
    key_hash = models.CharField(_("mã băm"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, *, now: dt.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
