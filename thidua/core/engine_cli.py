"""What the engines' command lines share (`thidua score`, `thidua eligibility`): the arguments (one
FILE, or "-" for standard input), reading it, writing UTF-8 whatever the locale, and the exit codes of
the contracts (docs/contracts/). Standard library only: the engines start without Django.
"""

from __future__ import annotations

import sys
from typing import TextIO

__all__ = ["EXIT_INVALID", "EXIT_OK", "fail", "source_of", "write"]

EXIT_OK = 0
EXIT_INVALID = 2


def write(stream: TextIO, text: str) -> None:
    """Always UTF-8, whatever the locale: the output is JSON with Vietnamese text in it."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


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
            return name, sys.stdin.buffer.read()
        with open(source, "rb") as handle:
            return name, handle.read()
    except OSError as error:
        return fail(f"{command}: không đọc được tệp / cannot read {name}: {error.strerror or error}")
