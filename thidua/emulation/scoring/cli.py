"""`thidua score FILE.json` (or `thidua score -` for standard input): a thin adapter over the engine.

Public API::

    main(argv: list[str]) -> int     # argv excludes the word "score"; returns the exit status

Exit 0 with the result JSON on standard output; exit 2 with every problem ("path: message", one per
line) on standard error and nothing on standard output. Unreadable files, bad JSON syntax and bad
arguments also exit 2. thidua/cli.py dispatches here without starting Django.
"""

from __future__ import annotations

import json
import sys

from thidua.core.engine_cli import EXIT_OK, fail, one_line, source_of, write
from thidua.emulation.scoring.engine import result_to_json, score
from thidua.emulation.scoring.parse import ScoringInputError, parse_json

__all__ = ["USAGE", "main"]

USAGE = """\
Cách dùng: thidua score TỆP.json
           thidua score - < TỆP.json

Chấm điểm giao ước thi đua từ tệp JSON (tiêu chí, giá trị của từng đơn vị, tổng hợp, tiêu chí xét
khi bằng điểm) và in kết quả JSON: điểm từng tiêu chí, tổng điểm, thứ hạng, đơn vị dẫn đầu.
Mã thoát 0 khi thành công; 2 khi dữ liệu vào không hợp lệ, kèm mọi lỗi và đường dẫn JSON của nó
trên stderr. Không cần cơ sở dữ liệu. Đặc tả: docs/contracts/scoring.md.

Usage: thidua score FILE.json
       thidua score - < FILE.json

Scores an emulation pact from a JSON file (criteria, each member's values, aggregates, tie-break)
and prints the result as JSON: points per criterion, totals, ranks, the leading unit.
Exit status 0 on success; 2 when the input is invalid, with every problem and its JSON path on
standard error. No database needed. Contract: docs/contracts/scoring.md.
"""


def main(argv: list[str]) -> int:
    read = source_of("thidua score", argv, USAGE)
    if isinstance(read, int):
        return read
    name, text = read
    try:
        result = score(parse_json(text))
    except ScoringInputError as error:
        count = len(error.problems)
        header = f"thidua score: {name}: dữ liệu không hợp lệ / invalid input ({count} lỗi / problem{'s' * (count != 1)})"
        return fail("\n".join([one_line(header), *(one_line(str(problem)) for problem in error.problems)]))
    except RecursionError:
        return fail(f"thidua score: {name}: dữ liệu lồng nhau quá sâu / input nested too deeply")
    # indent=1 and raw UTF-8 give the layout of the contract's examples, so outputs diff cleanly.
    write(sys.stdout, json.dumps(result_to_json(result), ensure_ascii=False, indent=1) + "\n")
    return EXIT_OK
