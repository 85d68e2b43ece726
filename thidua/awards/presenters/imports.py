"""The awards imports' outcome in one sentence, for the preview and the job's message."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.org.services.imports.common import ImportReport


def import_summary(report: ImportReport) -> str:
    """What saving will do (a preview) or did (a committed import), or why it cannot."""
    if report.errors:
        count = len(report.errors)
        return ngettext(
            "Không lưu được: có %(count)s lỗi; chưa có dòng nào được lưu.",
            "Không lưu được: có %(count)s lỗi; chưa có dòng nào được lưu.",
            count,
        ) % {"count": count}
    counts = {"created": report.created, "unchanged": report.unchanged}
    if report.kind == "award_decisions":
        counts["decisions"] = sum(1 for item in report.planned if item.values.get("new_decision"))
        if report.committed:
            text = _(
                "Đã thêm %(decisions)s quyết định mới và %(created)s người, tập thể được khen; giữ nguyên "
                "%(unchanged)s dòng đã có trong sổ."
            )
        else:
            text = _(
                "Sẽ thêm %(decisions)s quyết định mới và %(created)s người, tập thể được khen; giữ nguyên "
                "%(unchanged)s dòng đã có trong sổ."
            )
    elif report.committed:
        text = _("Đã thêm %(created)s xếp loại; giữ nguyên %(unchanged)s xếp loại đã có trong sổ.")
    else:
        text = _("Sẽ thêm %(created)s xếp loại; giữ nguyên %(unchanged)s xếp loại đã có trong sổ.")
    return text % counts
