"""The English catalogue of the project's own strings (thidua/locale/en) is whole and sound.

The source strings are Vietnamese (docs/adr/0003-vietnamese-source-strings.md); English comes from
thidua/locale/en/LC_MESSAGES/django.po. No database: these read the .po and .mo files. How to refresh
the catalogue after wrapping new strings: docs/i18n.md.
"""

from __future__ import annotations

import gettext
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.utils import translation

import thidua
from thidua.locale.mo_compare import mo_differences

PO_PATH = Path(thidua.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
REFRESH = "refresh and compile the catalogue as docs/i18n.md says, translate what is empty or fuzzy, commit"

# %(name)s, %s, %d, %%…; {name} and {} as str.format and Django's blocktranslate leave them.
_NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifeEgGrxXoc]")
_POSITIONAL = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?[sdifeEgGrxXoc%]")
_BRACE = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def _catalogue() -> Catalog:
    with PO_PATH.open("rb") as handle:
        return read_po(handle, locale="en")


def _messages() -> list[Message]:
    return [message for message in _catalogue() if message.id]


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


def _label(message: Message) -> str:
    return (f"[{message.context}] " if message.context else "") + repr(_ids(message)[0])


def _placeholders(text: str, printf: bool) -> tuple[frozenset[str], Counter[str], frozenset[str]]:
    return (
        frozenset(_NAMED.findall(text)) if printf else frozenset(),
        Counter(_POSITIONAL.findall(text)) if printf else Counter(),
        frozenset(_BRACE.findall(text)),
    )


def placeholder_problems(message: Message) -> list[str]:
    """How the English placeholders differ from the Vietnamese msgid's (empty when they match).

    Named and brace placeholders: every one of the translation must exist in a msgid, and the last
    form (the plural one, or the only one) must keep all of its msgid's. Positional ones (%s, %d)
    cannot be reordered, so they must be the same, in the same number, as in one of the msgids.
    Like msgfmt --check-format, %-placeholders count only in a python-format message; a plain string
    such as "50% so với kế hoạch" looks like one (Babel, like xgettext, flags it), so its source marks
    it `# xgettext:no-python-format` and the .po carries that flag.
    """
    printf = "python-format" in message.flags and "no-python-format" not in message.flags
    ids = [_placeholders(text, printf) for text in _ids(message)]
    problems = []
    strings = _strings(message)
    for index, string in enumerate(strings):
        named, positional, brace = _placeholders(string, printf)
        for kind, got, position in (("named", named, 0), ("brace", brace, 2)):
            allowed = frozenset().union(*(found[position] for found in ids))
            required = ids[-1][position] if index == len(strings) - 1 else frozenset()
            if not got <= allowed or not required <= got:
                problems.append(f"{_label(message)}: {kind} {sorted(allowed)} -> {sorted(got)}")
        if all(positional != found[1] for found in ids):
            problems.append(f"{_label(message)}: positional {dict(ids[-1][1])} -> {dict(positional)}")
    return problems


def test_mo_is_compiled_from_the_current_po() -> None:
    assert MO_PATH.exists(), f"{MO_PATH} is missing: {REFRESH}"
    buffer = io.BytesIO()
    write_mo(buffer, _catalogue(), use_fuzzy=False)
    differ = mo_differences(buffer.getvalue(), MO_PATH.read_bytes())
    assert not differ, f"{MO_PATH.name} is not compiled from the current .po ({REFRESH}): {differ[:20]}"


def test_mo_header_is_utf8_english_with_two_plural_forms() -> None:
    info = gettext.GNUTranslations(io.BytesIO(MO_PATH.read_bytes())).info()
    assert info.get("content-type", "").lower() == "text/plain; charset=utf-8"
    assert info.get("language") == "en"
    assert info.get("plural-forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"


def test_header_is_not_fuzzy() -> None:
    # msgfmt drops a fuzzy header, and with it the charset and plural forms.
    assert not _catalogue().fuzzy, f"the header of {PO_PATH.name} is marked fuzzy"


def test_catalogue_is_not_empty() -> None:
    assert len(_messages()) > 100, f"{PO_PATH} has almost no msgids: {REFRESH}"


def test_every_msgid_has_an_english_translation() -> None:
    catalogue = _catalogue()
    untranslated = [
        _label(message)
        for message in catalogue
        if message.id
        and (
            not all(string.strip() for string in _strings(message))
            or (message.pluralizable and len(_strings(message)) != catalogue.num_plurals)
        )
    ]
    fuzzy = [_label(message) for message in catalogue if message.id and message.fuzzy]
    assert not untranslated, f"untranslated ({len(untranslated)}, {REFRESH}): " + "; ".join(untranslated[:50])
    assert not fuzzy, f"fuzzy, to be checked and unflagged ({len(fuzzy)}): " + "; ".join(fuzzy[:50])


def test_placeholders_match() -> None:
    problems = [problem for message in _messages() for problem in placeholder_problems(message)]
    assert not problems, "\n".join(problems)


PY = {"python-format"}
NO_PY = {"no-python-format"}
PLURAL = ("%(count)s báo cáo", "%(count)s báo cáo")


@pytest.mark.parametrize(
    ("message", "ok"),
    [
        (Message("Đã xóa %(count)s bản ghi.", "Deleted %(count)s records.", flags=PY), True),
        (Message("Đã xóa %(count)s bản ghi.", "Deleted %(number)s records.", flags=PY), False),
        (Message("Đã xóa %(count)s bản ghi.", "Records deleted.", flags=PY), False),
        (Message("Kỳ %s, hạn %s", "Period %s, deadline %s", flags=PY), True),
        (Message("Kỳ %s, hạn %s", "Period %s, deadline %d", flags=PY), False),
        (Message("Kỳ %s, hạn %s", "Period %s", flags=PY), False),
        (Message("Tỷ lệ 50%%", "Share 50%%", flags=PY), True),
        (Message("Đạt 50% so với kế hoạch", "50% of the plan achieved", flags=NO_PY), True),
        (Message("Đơn vị {name} đã gửi", "Unit {name} has submitted"), True),
        (Message("Đơn vị {name} đã gửi", "Unit {unit} has submitted"), False),
        (Message(PLURAL, ("%(count)s report", "%(count)s reports"), flags=PY), True),
        (Message(("một báo cáo", "%(count)s báo cáo"), ("one report", "%(count)s reports"), flags=PY), True),
        (Message(PLURAL, ("%(count)s report", "reports"), flags=PY), False),
        (Message(PLURAL, ("%(count)s report", "%(total)s reports"), flags=PY), False),
    ],
)
def test_placeholder_check_catches_mistakes(message: Message, ok: bool) -> None:
    assert (not placeholder_problems(message)) is ok


def test_django_shows_the_english_labels() -> None:
    from thidua.org.models import EmulationGroup

    with translation.override("en"):
        assert str(EmulationGroup._meta.verbose_name_plural) == "emulation cluster/block"
        assert str(EmulationGroup.Kind.CUM.label) == "Emulation cluster"
    with translation.override("vi"):
        assert str(EmulationGroup._meta.verbose_name_plural) == "cụm, khối thi đua"
