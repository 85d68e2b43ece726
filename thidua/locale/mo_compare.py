"""Compare a compiled catalogue (.mo) with the one its .po compiles to, by what Django reads of it.

Used by the catalogue tests (tests/test_locale_en.py, tests/test_wagtail_vi_catalogue.py) to catch a
.mo that was not recompiled after its .po changed. Both catalogues are committed (see
docs/adr/0007-compiled-catalogues-committed.md), so the comparison must hold on any machine:

- every message (msgid, context, plural forms and translation) must be equal;
- of the header entry, only the fields gettext and Django act on are compared: the charset
  (Content-Type), the plural rule (Plural-Forms) and Language. Babel rebuilds the rest of the header
  from the parsed .po and stamps it with its own version ("Generated-By: Babel 2.18.0"), so a fresh
  install with a newer Babel compiled a different header from the same .po; that field says which
  tool ran, not what the catalogue means, and is ignored along with the other informational fields.
"""

from __future__ import annotations

import gettext
import io
from email.parser import HeaderParser

RUNTIME_HEADER_FIELDS = ("content-type", "plural-forms", "language")


def _table(mo: bytes) -> dict[object, str]:
    # _catalog is gettext's parsed message table: keys are msgids, "ctx\x04msgid" or (msgid, n).
    return dict(gettext.GNUTranslations(io.BytesIO(mo))._catalog)  # type: ignore[attr-defined]


def runtime_header(header: str) -> dict[str, str]:
    """The header fields gettext and Django use, lower-cased names, whitespace normalised."""
    fields = HeaderParser().parsestr(header)
    return {
        name: " ".join(str(fields[name]).split()).lower() for name in RUNTIME_HEADER_FIELDS if fields[name]
    }


def mo_differences(expected: bytes, shipped: bytes) -> list[str]:
    """What differs between two compiled catalogues, as readable labels (empty when they agree)."""
    want, got = _table(expected), _table(shipped)
    want_header, got_header = runtime_header(want.pop("", "")), runtime_header(got.pop("", ""))
    differ = [
        f"header {name}: {want_header.get(name)!r} != {got_header.get(name)!r}"
        for name in RUNTIME_HEADER_FIELDS
        if want_header.get(name) != got_header.get(name)
    ]
    differ += sorted(f"only in the .po: {key!r}" for key in want.keys() - got.keys())
    differ += sorted(f"only in the .mo: {key!r}" for key in got.keys() - want.keys())
    differ += sorted(
        f"translation differs: {key!r}" for key in want.keys() & got.keys() if want[key] != got[key]
    )
    return differ
