"""`thidua eligibility FILE.json` (or `-` for standard input): a thin adapter over the engine.

Public API::

    main(argv: list[str]) -> int     # argv excludes the word "eligibility"; returns the exit status

Exit 0 with the results JSON on standard output; exit 2 with every problem ("path: message", one per
line) on standard error and nothing on standard output. Unreadable files, bad JSON syntax and bad
arguments also exit 2. thidua/cli.py dispatches here without starting Django.
"""

from __future__ import annotations

import gc
import sys

from thidua.awards.eligibility.engine import evaluate, results_to_text
from thidua.awards.eligibility.parse import EligibilityInputError, parse_json
from thidua.core.engine_cli import EXIT_OK, fail, one_line, source_of, write

__all__ = ["USAGE", "main"]

USAGE = """\
Cách dùng: thidua eligibility TỆP.json
           thidua eligibility - < TỆP.json

Xét điều kiện danh hiệu thi đua, hình thức khen thưởng cho từng cá nhân, tập thể trong tệp JSON và in
kết quả JSON: đủ điều kiện, chưa đủ điều kiện hoặc cần xem xét, kèm lý do và điều khoản căn cứ.
Mã thoát 0 khi thành công; 2 khi dữ liệu vào không hợp lệ, kèm mọi lỗi và đường dẫn JSON của nó
trên stderr. Không cần cơ sở dữ liệu. Đặc tả: docs/contracts/eligibility.md.

Usage: thidua eligibility FILE.json
       thidua eligibility - < FILE.json

Checks each person's or collective's eligibility for the requested emulation titles and commendation
forms and prints the results as JSON: eligible, not_eligible or needs_review, with reasons citing the
article relied on. Exit status 0 on success; 2 when the input is invalid, with every problem and its
JSON path on standard error. No database needed. Contract: docs/contracts/eligibility.md.
"""


def main(argv: list[str]) -> int:
    read = source_of("thidua eligibility", argv, USAGE)
    if isinstance(read, int):
        return read
    name, text = read
    # The documents are trees without cycles: the cyclic garbage collector would only rescan the
    # hundreds of thousands of objects of a large input again and again (about a tenth of the time
    # on 10,000 subjects). Switched back on for in-process callers.
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = parse_json(text)
        results = evaluate(document.inputs, document.overrides)
        output = results_to_text(results)
    except EligibilityInputError as error:
        count = len(error.problems)
        header = (
            f"thidua eligibility: {name}: dữ liệu không hợp lệ / invalid input "
            f"({count} lỗi / problem{'s' * (count != 1)})"
        )
        return fail("\n".join([one_line(header), *(one_line(str(problem)) for problem in error.problems)]))
    except RecursionError:
        return fail(f"thidua eligibility: {name}: dữ liệu lồng nhau quá sâu / input nested too deeply")
    finally:
        if collecting:
            gc.enable()
    # indent=1 and raw UTF-8 give the layout of the contract's examples, so outputs diff cleanly.
    write(sys.stdout, output + "\n")
    return EXIT_OK
