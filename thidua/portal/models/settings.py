"""The portal's footer and statistics settings (Wagtail site settings: Cài đặt → Cổng thông tin)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):  # type: ignore[misc]  # Wagtail ships no types
    """ND 174/2026 Điều 93 khoản 1 fines a home page without the managing body, its address, phone,
    e-mail and the person responsible for content, so these fields are required."""

    site_title: models.CharField[str, str] = models.CharField(
        _("tên trang thông tin"), max_length=255, default="Cổng thông tin thi đua – khen thưởng"
    )
    managing_unit: models.CharField[str, str] = models.CharField(
        _("đơn vị quản lý"), max_length=255, default=""
    )
    editor_in_chief: models.CharField[str, str] = models.CharField(
        _("trưởng Ban biên tập (chịu trách nhiệm nội dung)"), max_length=255, default=""
    )
    deputy_editor: models.CharField[str, str] = models.CharField(
        _("phó trưởng Ban thường trực"), max_length=255, blank=True
    )
    address: models.CharField[str, str] = models.CharField(_("địa chỉ"), max_length=500, default="")
    phone: models.CharField[str, str] = models.CharField(_("điện thoại"), max_length=100, default="")
    email: models.EmailField[str, str] = models.EmailField(_("thư điện tử"), default="")
    citation_note: models.CharField[str, str] = models.CharField(
        _("ghi chú trích dẫn nguồn"),
        max_length=500,
        blank=True,
        help_text=_('Ví dụ: Ghi rõ nguồn "tên miền" khi phát hành lại thông tin từ website này.'),
    )
    trust_badge_url: models.URLField[str, str] = models.URLField(
        _("liên kết nhãn Tín nhiệm mạng"), blank=True, help_text=_("Trang xác nhận trên tinnhiemmang.vn.")
    )
    trust_badge_image: models.URLField[str, str] = models.URLField(_("ảnh nhãn Tín nhiệm mạng"), blank=True)
    monitoring_script_url: models.URLField[str, str] = models.URLField(
        _("mã theo dõi EMC (địa chỉ tệp script)"),
        blank=True,
        help_text=_(
            "Hệ thống giám sát EMC; máy chủ của địa chỉ này được thêm vào chính sách bảo mật nội dung (CSP)."
        ),
    )
    visits_before: models.BigIntegerField[int, int] = models.BigIntegerField(
        _("lượt truy cập trước khi dùng hệ thống này"),
        default=0,
        help_text=_('Cộng vào ô "Tất cả" của bảng thống kê truy cập.'),
    )

    panels = [
        FieldPanel("site_title"),
        MultiFieldPanel(
            [
                FieldPanel("managing_unit"),
                FieldPanel("editor_in_chief"),
                FieldPanel("deputy_editor"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("citation_note"),
            ],
            heading=_("Chân trang (thông tin bắt buộc)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("trust_badge_url"),
                FieldPanel("trust_badge_image"),
                FieldPanel("monitoring_script_url"),
            ],
            heading=_("Tín nhiệm mạng và EMC"),
        ),
        FieldPanel("visits_before"),
    ]

    class Meta:
        verbose_name = _("cổng thông tin")
