"""The system check that the PDF font stack has a font with Vietnamese letters."""

from __future__ import annotations

from typing import Any

import pytest

from thidua.documents import checks


@pytest.mark.parametrize(
    ("families", "warned"),
    [
        ({"liberation serif", "dejavu sans"}, False),
        ({"tinos"}, False),
        ({"dejavu sans", "noto sans"}, True),  # Vietnamese, but none of the stack's faces
        (set(), True),
        (None, False),  # no fontconfig to ask: nothing to say
    ],
)
def test_warns_only_when_no_font_of_the_stack_has_vietnamese(
    monkeypatch: Any, families: set[str] | None, warned: bool
) -> None:
    monkeypatch.setattr(checks, "_families_with_vietnamese", lambda: families)
    messages = checks.pdf_font_has_vietnamese()
    assert [m.id for m in messages] == (["documents.W001"] if warned else [])


def test_this_machine_has_a_vietnamese_pdf_font() -> None:
    """CI installs fonts-liberation2 (.ci/run); the PDF tests read exact Vietnamese words and need it."""
    found = checks._families_with_vietnamese()
    assert found is not None, "fc-list is missing"
    assert checks.pdf_font_has_vietnamese() == []
