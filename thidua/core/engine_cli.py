"""What the engines' command lines share (`thidua score`, `thidua eligibility`): the arguments (one
FILE, or "-" for standard input), reading it, writing UTF-8 whatever the locale, and the exit codes of
the contracts (docs/contracts/). Standard library only: the engines start without Django.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TextIO

__all__ = ["EXIT_INVALID", "EXIT_OK", "MAX_INPUT_BYTES", "fail", "one_line", "source_of", "write"]

EXIT_OK = 0
EXIT_INVALID = 2
# The largest input read. A province's whole cluster for a year (1,000 members x 100 criteria) or
# 10,000 subjects is a few megabytes; a JSON document becomes Python objects of about ten times its
# size, so an unbounded read (200 MB piped in by mistake or on purpose) would take gigabytes of memory
# before any check could refuse it. At most this many bytes (+1, to know it is over) are ever read.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def write(stream: TextIO, text: str) -> None:
    """Always UTF-8, whatever the locale: the output is JSON with Vietnamese text in it."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


# What would break a problem onto a second line or disguise it: C0 and C1 controls (line feed,
# carriage return, the separators str.splitlines() honours), the Unicode line and paragraph separators,
# and the bidirectional overrides and isolates that reorder what a terminal shows (U+202E).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """The text with those characters written as JSON escapes (\\n, \\u202e). A problem's path and
    message quote keys and values of the input, so a key "a\\nb: forged" must not print a line of its
    own: the contracts promise one line per problem."""
    return _UNSHOWABLE.sub(lambda match: json.dumps(match.group())[1:-1], text)


def fail(message: str) -> int:
    """The message on standard error, and the contracts' exit status for invalid input."""
    write(sys.stderr, message if message.endswith("\n") else message + "\n")
    return EXIT_INVALID


def source_of(command: str, argv: list[str], usage: str) -> tuple[str, bytes] | int:
    """(the input's name for messages, its bytes), or the exit status when there is nothing to read:
    0 after printing the usage for -h/--help, 2 with a message for bad arguments or an unreadable file."""
    if any(arg in ("-h", "--help") for arg in argv):
        write(sys.stdout, usage)
        return EXIT_OK
    if len(argv) != 1 or (argv[0].startswith("-") and argv[0] != "-"):
        problem = (
            "thiếu tệp / missing FILE"
            if not argv
            else f"tham số không hợp lệ / bad arguments: {' '.join(argv)}"
        )
        return fail(f"{command}: {problem}\n\n{usage}")
    source = argv[0]
    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        return fail(f"{command}: không đọc được tệp / cannot read {name}: {error.strerror or error}")
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // (1024 * 1024)
        return fail(f"{command}: {name}: dữ liệu lớn hơn {limit} MB / input larger than {limit} MB")
    return name, data
