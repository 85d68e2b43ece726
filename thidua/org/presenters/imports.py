"""An import's outcome in words: the preview's and the job's summary, the job's result and its failure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.org.services.imports.common import ImportReport
from thidua.org.spreadsheets import RowError

# How many errors a failed job's message quotes; all of them (up to a limit) are in Job.result.
QUOTED_ERRORS = 5


def import_summary(report: ImportReport) -> str:
    """One sentence: what saving will do (a preview) or did (a committed import), or why it cannot."""
    if report.errors:
        count = len(report.errors)
        return ngettext(
            "Không lưu được: có %(count)s lỗi; chưa có dòng nào được lưu.",
            "Không lưu được: có %(count)s lỗi; chưa có dòng nào được lưu.",
            count,
        ) % {"count": count}
    if report.kind == "people":
        if report.committed:
            text = _("Đã tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s cá nhân.")
        else:
            text = _("Sẽ tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s cá nhân.")
    elif report.committed:
        text = _("Đã tạo mới %(created)s, giữ nguyên %(unchanged)s đơn vị hành chính.")
    else:
        text = _("Sẽ tạo mới %(created)s, giữ nguyên %(unchanged)s đơn vị hành chính.")
    return text % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}


def import_result(report: ImportReport, *, error_limit: int = 200) -> dict[str, Any]:
    """The report as JSON for Job.result (shown on the job page)."""
    return {
        "kind": report.kind,
        "total": report.total,
        "created": report.created if report.committed else 0,
        "updated": report.updated if report.committed else 0,
        "unchanged": report.unchanged if report.committed else 0,
        "error_count": len(report.errors),
        "errors": [e.as_dict() for e in report.errors[:error_limit]],
        "warnings": [w.as_dict() for w in report.warnings[:error_limit]],
    }


def import_failure_message(errors: Sequence[RowError]) -> str:
    """A failed job's message, quoting its first errors.

    Not wrapped for translation: it is stored and shown later, in the site's language (docs/i18n.md).
    """
    quoted = " ".join(str(e) for e in errors[:QUOTED_ERRORS])
    more = f" (và {len(errors) - QUOTED_ERRORS} lỗi khác)" if len(errors) > QUOTED_ERRORS else ""
    return f"Không lưu được: có {len(errors)} lỗi{more}. Chưa có dòng nào được lưu. {quoted}"


def check_outcome(
    report: ImportReport, errors: Sequence[RowError], *, summary: str, preview_limit: int = 200
) -> dict[str, Any]:
    """A background dry run's outcome as JSON, what the result screen shows (kept beside the stashed file).

    Every error is kept, by row and column, for the failed-rows download; the preview only its first rows,
    as the screen shows them.
    """
    return {
        "kind": report.kind,
        "total": report.total,
        "summary": summary,
        "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in errors],
        "warnings": [str(w) for w in report.warnings],
        "planned_count": len(report.planned),
        "preview": [
            {
                "row": item.row,
                "action": item.action,
                "summary": item.summary,
                "changes": {column: [str(old), str(new)] for column, (old, new) in item.changes.items()},
            }
            for item in report.planned[:preview_limit]
        ],
    }
