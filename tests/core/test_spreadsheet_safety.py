"""The one guard against formula injection that every export uses, and its inverse for the import.
Plain function calls: no database, no Django."""

from __future__ import annotations

import subprocess
import sys

import pytest

from thidua.core.spreadsheet_safety import escape_formula, is_formula_like, unescape_formula

# (text as typed, as written into the sheet)
CASES = [
    # the four characters that start a formula
    ('=HYPERLINK("http://x","Bấm")', '\'=HYPERLINK("http://x","Bấm")'),
    ("=1+1", "'=1+1"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-1+1", "'-1+1"),
    ("-2", "'-2"),  # text that looks like a negative number is still text: escaped, harmlessly
    ("@SUM(A1)", "'@SUM(A1)"),
    # tab and carriage return, which some programs strip before they look
    ("\tTab", "'\tTab"),
    ("\t=1", "'\t=1"),
    ("\rCR", "'\rCR"),
    ("\r=1", "'\r=1"),
    # other leading whitespace before a formula character (escaped since #16; see the module)
    (" =1+1", "' =1+1"),
    ("   +1", "'   +1"),
    ("\n=1", "'\n=1"),
    ("\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"),
    (" \t -1", "' \t -1"),
    # ordinary text, including text that starts with a digit or has the characters further on
    ("Huyện Trà Cú", "Huyện Trà Cú"),
    ("1.1. Tổng giá trị sản xuất", "1.1. Tổng giá trị sản xuất"),
    ("2023", "2023"),
    ("5/5", "5/5"),
    ("a=b", "a=b"),
    ("Phường 1 - Trà Vinh", "Phường 1 - Trà Vinh"),
    ("ban@example.vn", "ban@example.vn"),
    (" Nguyễn Văn A", " Nguyễn Văn A"),
    ("\nxuống dòng", "\nxuống dòng"),
    ("'đã có dấu nháy", "'đã có dấu nháy"),
    ("", ""),
    ("   ", "   "),
]


@pytest.mark.parametrize(("text", "written"), CASES)
def test_escape_formula(text: str, written: str) -> None:
    assert escape_formula(text) == written
    assert is_formula_like(text) is (written != text)


@pytest.mark.parametrize(("text", "written"), CASES)
def test_what_is_written_reads_back_as_it_was_typed(text: str, written: str) -> None:
    assert unescape_formula(written) == text


@pytest.mark.parametrize(
    ("read", "value"),
    [
        # XML stores a carriage return as a line feed: "'\r=1" comes back as "'\n=1"
        ("'\n=1", "\n=1"),
        ("'\nCR", "\nCR"),
        # an apostrophe in front of ordinary text, or alone, was typed by someone and stays
        ("'đã có dấu nháy", "'đã có dấu nháy"),
        ("'123", "'123"),
        ("'", "'"),
        ("", ""),
        # only one apostrophe goes
        ("''=1", "''=1"),
    ],
)
def test_unescape_formula(read: str, value: str) -> None:
    assert unescape_formula(read) == value


def test_escaping_twice_marks_once_more_only_when_needed() -> None:
    # an escaped value starts with an apostrophe, which starts no formula: a second pass leaves it
    assert escape_formula(escape_formula("=1+1")) == "'=1+1"


def test_the_module_needs_no_django() -> None:
    code = (
        "import sys; import thidua.core.spreadsheet_safety as m; "
        "assert m.escape_formula('=1') == \"'=1\"; "
        "assert not any(name == 'django' or name.startswith('django.') for name in sys.modules), 'django'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
