"""The engine's structured problems (scoring.check.ValueProblem) in the words an officer reads.

The engine and the adapter return faults as data; this is the only place that words them for the
screens and the services' refusals (the command line words the same faults in English, with JSON
paths, in scoring.parse).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.core.formatting import vn_number
from thidua.emulation.models.pacts import AGGREGATE_KIND_LABELS, METHOD_LABELS
from thidua.emulation.rules.values import criterion_label
from thidua.emulation.scoring.check import (
    AGGREGATE_METHOD,
    DefinitionFault,
    DefinitionProblem,
    Fault,
    ValueProblem,
)
from thidua.emulation.scoring.engine import Method

if TYPE_CHECKING:  # the preview selector words its problems with this module
    from thidua.emulation.selectors.preview import Preview


def problem_text(problem: ValueProblem, names: Mapping[str, str]) -> str:
    """ "Tiêu chí 1.1 (Tổng giá trị sản xuất): chưa nhập giá trị." and the like."""
    criterion = criterion_label(problem.criterion, names.get(problem.criterion, problem.criterion))
    fault = problem.fault
    if problem.field == "target" and fault in (Fault.MISSING, Fault.NOT_POSITIVE):
        message = _("%(criterion)s: đơn vị chưa đăng ký chỉ tiêu (chỉ tiêu phải lớn hơn 0).")
    elif fault is Fault.MISSING:
        message = _("%(criterion)s: chưa nhập giá trị.")
    elif fault is Fault.NEGATIVE:
        message = _("%(criterion)s: giá trị không được âm.")
    elif fault is Fault.OUT_OF_RANGE and problem.bound is not None:
        return _("%(criterion)s: điểm phải từ 0 đến %(max)s.") % {
            "criterion": criterion,
            "max": vn_number(problem.bound),
        }
    elif fault is Fault.NOT_A_FLAG:
        message = _("%(criterion)s: chọn «Có» hoặc «Không».")
    else:
        message = _("%(criterion)s: giá trị đã lưu không đọc được, hãy nhập lại.")
    return message % {"criterion": criterion}


def problem_texts(problems: Iterable[ValueProblem], names: Mapping[str, str]) -> list[str]:
    return [problem_text(problem, names) for problem in problems]


def excluded_reason(problems: Iterable[ValueProblem]) -> str:
    """Why a member is missing from a ranking, naming the criteria at fault."""
    codes = list(dict.fromkeys(problem.criterion for problem in problems))
    if not codes:
        return _("Số liệu của báo cáo chưa đủ hoặc chưa hợp lệ.")
    return _("Số liệu chưa đủ hoặc chưa hợp lệ ở tiêu chí %(codes)s.") % {"codes": ", ".join(codes)}


def pact_fault_text(problems: Iterable[str]) -> str:
    """A pact whose stored definition breaks the contract (changed behind the services' back): the
    parser's problems follow, with their JSON paths, for whoever repairs the pact."""
    return _("Giao ước có lỗi nên chưa chấm được điểm: %(problems)s") % {"problems": "; ".join(problems)}


def preview_json(preview: Preview) -> dict[str, Any]:
    """The preview as the grid's script reads it: numbers already in Vietnamese."""
    return {
        "points": {code: vn_number(p, 2) for code, p in preview.points.items()},
        "total": vn_number(preview.total, 2) if preview.total is not None else None,
        "vetoed": preview.vetoed,
        "errors": dict(preview.errors),
        "missing": preview.missing,
        "problems": preview.problems,
        "read_as": {code: vn_number(value) for code, value in preview.read_as.items()},
    }


def definition_problem_text(
    problem: DefinitionProblem, names: Mapping[str, str], methods: Mapping[str, Method | None], row: int
) -> str:
    """A fault of a pact's aggregates or tie-break (scoring.check.definition_problems), naming the row
    the officer sees (`row`, from 1), the field and the criterion: "Số liệu tổng hợp, dòng 2 – Tiêu
    chí: «Tổng thực hiện so kế hoạch» chỉ tính trên tiêu chí chấm theo «Tỷ lệ so chỉ tiêu»; …"."""
    code = problem.code
    criterion = criterion_label(code, names[code]) if code in names else f"«{code}»"
    if problem.part == "tie_break":
        where = _("Thứ tự xét khi bằng điểm, vị trí %(row)s") % {"row": row}
        if problem.fault is DefinitionFault.UNKNOWN_CRITERION:
            message = _("không có tiêu chí mã «%(code)s» trong giao ước.") % {"code": code}
        elif problem.fault is DefinitionFault.VETO:
            message = _(
                "%(criterion)s là tiêu chí phủ quyết, không có điểm nên không dùng để xét khi bằng điểm được."
            ) % {"criterion": criterion}
        else:
            message = _("%(criterion)s đã có ở vị trí trước.") % {"criterion": criterion}
        return f"{where}: {message}"
    kind = AGGREGATE_KIND_LABELS[problem.kind] if problem.kind is not None else ""
    if problem.fault is DefinitionFault.UNKNOWN_KIND:
        field, message = _("Loại số liệu"), _("hãy chọn một loại số liệu.")
    elif problem.fault is DefinitionFault.UNKNOWN_CRITERION:
        field = _("Tiêu chí")
        message = (
            _("không có tiêu chí mã «%(code)s» trong giao ước.") % {"code": code}
            if code
            else _("hãy chọn một tiêu chí.")
        )
    elif problem.fault is DefinitionFault.WRONG_METHOD and problem.kind is not None:
        method = methods.get(code)
        field = _("Tiêu chí")
        message = _("«%(kind)s» chỉ tính trên tiêu chí chấm theo «%(needed)s»; %(criterion)s %(is)s.") % {
            "kind": kind,
            "needed": METHOD_LABELS[AGGREGATE_METHOD[problem.kind]],
            "criterion": criterion,
            "is": _("chấm theo «%(method)s»") % {"method": METHOD_LABELS[method]}
            if method is not None
            else _("là một nhóm tiêu chí"),
        }
    else:
        field = ""
        message = _("«%(kind)s» của %(criterion)s đã có ở dòng trước.") % {
            "kind": kind,
            "criterion": criterion,
        }
    where = _("Số liệu tổng hợp, dòng %(row)s") % {"row": row}
    return f"{where} – {field}: {message}" if field else f"{where}: {message}"
