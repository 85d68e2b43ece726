"""Text written into a spreadsheet never runs as a formula (CSV or formula injection, OWASP).

Names, positions and criteria are typed by users. A value such as =HYPERLINK("http://…") or
+cmd|' /C calc'!A0 in an exported file would be run by Excel, LibreOffice or Google Sheets when the
cell is edited, or when the file is saved as CSV and opened again. Every export writes user text
through escape_formula(): thidua.org.spreadsheets (people and units) and
thidua.emulation.presenters.exports (a period's results). The Excel import undoes it with
unescape_formula(), so an exported file imports back unchanged.

The mark is an apostrophe, Excel's own "this is text" sign. It is kept as a character (not only as
the cell's quotePrefix style, which the exports also set) so that it survives a save as CSV.

Pure: the standard library only, no Django.
"""

from __future__ import annotations

# A spreadsheet starts a formula with these. Tab and carriage return are in the list because some
# programs strip them before they look at the first character.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# The same characters after other leading whitespace (spaces, line feeds, no-break spaces): a CSV
# import that trims spaces before it evaluates formulas (LibreOffice's "Remove spaces" with
# "Evaluate formulas") would run " =1+1" too.
_AFTER_WHITESPACE = ("=", "+", "-", "@")
MARK = "'"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read the text as a formula."""
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip().startswith(_AFTER_WHITESPACE)


def escape_formula(text: str) -> str:
    """The text with an apostrophe in front when a spreadsheet could read it as a formula.

    Only text: numbers, dates and booleans are written as such and cannot run, so callers pass
    those to the spreadsheet unchanged. Text that merely starts with a digit ("1.1. Tổng", "2023") is
    left as it is.
    """
    return MARK + text if is_formula_like(text) else text


def unescape_formula(text: str) -> str:
    """Undo escape_formula() on a value read back from a file: the apostrophe goes, nothing else.

    XML stores a carriage return as a line feed, so an escaped "\\r…" comes back as "'\\n…"; that
    form loses its apostrophe too. An apostrophe in front of ordinary text was typed by someone and
    stays.
    """
    rest = text[len(MARK) :]
    if text.startswith(MARK) and (is_formula_like(rest) or rest.startswith("\n")):
        return rest
    return text
