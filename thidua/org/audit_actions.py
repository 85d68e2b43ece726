"""The organisation app's audit action codes in words (registered with core from OrgConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "org.adminunit.create": _("Thêm đơn vị hành chính"),
    "org.adminunit.update": _("Sửa đơn vị hành chính"),
    "org.adminunit.load": _("Nạp danh mục đơn vị hành chính"),
    "org.unitlineage.add": _("Ghi nhận sắp xếp đơn vị hành chính"),
    "org.group.create": _("Thêm cụm, khối thi đua"),
    "org.group.update": _("Sửa cụm, khối thi đua"),
    "org.group.delete": _("Xoá cụm, khối thi đua"),
    "org.organisation.create": _("Thêm cơ quan, đơn vị"),
    "org.organisation.update": _("Sửa cơ quan, đơn vị"),
    "org.person.create": _("Thêm cá nhân"),
    "org.person.update": _("Sửa thông tin cá nhân"),
    "org.person.change_position": _("Thay đổi chức vụ, nơi công tác"),
}

# The loader records how many units each code touched, not an old and a new value.
FACTS = {"org.adminunit.load": ["counts"]}

KEYS = {"counts": _("số đơn vị")}
