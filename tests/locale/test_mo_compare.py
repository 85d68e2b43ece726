"""mo_differences: catches a .mo that is stale against its .po, and ignores who compiled it."""

from __future__ import annotations

import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from thidua.locale.mo_compare import mo_differences, runtime_header
from thidua.locale_wagtail import build_catalogue as bc


def _catalogue(**messages: str) -> Catalog:
    catalogue = Catalog(locale="vi", fuzzy=False)
    for msgid, string in messages.items():
        catalogue.add(msgid, string)
    return catalogue


def _mo(catalogue: Catalog, header: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    mo = buffer.getvalue()
    for old, new in (header or {}).items():
        # Same length keeps the .mo's offsets valid; the tests below pick replacements that do.
        assert len(old) == len(new)
        mo = mo.replace(old.encode(), new.encode())
    return mo


def test_identical_catalogues_agree() -> None:
    catalogue = _catalogue(Save="Lưu", Delete="Xóa")
    assert mo_differences(_mo(catalogue), _mo(catalogue)) == []


def test_a_newer_babel_stamp_in_the_header_is_not_a_difference() -> None:
    """The cause of issue 11: the committed .mo said Babel 2.18.0, a fresh install compiled 2.19.0."""
    catalogue = _catalogue(Save="Lưu")
    shipped = _mo(catalogue)
    header = shipped.decode("utf-8", "replace")
    stamp = next(line for line in header.splitlines() if line.startswith("Generated-By: Babel "))
    other = (
        stamp[: -len("9.99.9")] + "9.99.9" if len(stamp) > len("Generated-By: Babel 9.99.9") - 1 else stamp
    )
    fresh = _mo(catalogue, {stamp: other})
    assert fresh != shipped
    assert mo_differences(fresh, shipped) == []


@pytest.mark.parametrize(
    ("shipped", "label"),
    [
        (_catalogue(Save="Lưu lại", Delete="Xóa"), "translation differs: 'Save'"),
        (_catalogue(Save="Lưu"), "only in the .po: 'Delete'"),
        (_catalogue(Save="Lưu", Delete="Xóa", Edit="Sửa"), "only in the .mo: 'Edit'"),
    ],
)
def test_a_stale_mo_is_caught(shipped: Catalog, label: str) -> None:
    current = _catalogue(Save="Lưu", Delete="Xóa")
    assert label in mo_differences(_mo(current), _mo(shipped))


def test_a_changed_plural_rule_is_caught() -> None:
    current = _catalogue(Save="Lưu")
    # vi has one plural form ("nplurals=1; plural=0;"); a header for two forms is a real difference.
    changed = _mo(current, {"nplurals=1; plural=0;": "nplurals=2; plural=0;"})
    assert any(d.startswith("header plural-forms") for d in mo_differences(_mo(current), changed))


def test_runtime_header_keeps_only_what_gettext_reads() -> None:
    header = "Project-Id-Version: X 1\nContent-Type: text/plain; charset=UTF-8\nGenerated-By: Babel 2.19.0\n"
    assert runtime_header(header) == {"content-type": "text/plain; charset=utf-8"}


@pytest.mark.parametrize("domain", bc.DOMAINS)
def test_the_shipped_wagtail_mo_is_caught_when_a_translation_changes(domain: str) -> None:
    """The check on the real catalogue still fails on a stale .mo (the .po edited, the .mo not)."""
    catalogue = bc.read_catalogue(domain)
    message = next(m for m in catalogue if m.id and isinstance(m.id, str) and m.string)
    message.string = message.string + " (sửa)"
    shipped = bc.po_path(domain).with_suffix(".mo").read_bytes()
    assert f"translation differs: {message.id!r}" in mo_differences(bc.compile_mo(catalogue), shipped)
