"""The project's Vietnamese catalogue of Wagtail's strings (thidua/locale_wagtail) is whole and sound.

No database: these read the .po/.mo files and the installed Wagtail's English catalogues. When Wagtail
is upgraded, a failure here lists what to do; `python thidua/locale_wagtail/build_catalogue.py`
merges the new msgids and says what is left to translate.
"""

from __future__ import annotations

import pytest
from babel.messages.catalog import Message

from thidua.locale.mo_compare import mo_differences
from thidua.locale_wagtail import build_catalogue as bc

REFRESH = "run `python thidua/locale_wagtail/build_catalogue.py`, translate what it lists, commit"


@pytest.mark.parametrize("domain", bc.DOMAINS)
def test_mo_is_compiled_from_the_current_po(domain: str) -> None:
    mo_path = bc.po_path(domain).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: {REFRESH}"
    differ = mo_differences(bc.compile_mo(bc.read_catalogue(domain)), mo_path.read_bytes())
    assert not differ, f"{mo_path.name} is not compiled from the current .po ({REFRESH}): {differ[:20]}"


@pytest.mark.parametrize("domain", bc.DOMAINS)
def test_every_wagtail_msgid_is_translated(domain: str) -> None:
    report = bc.check(domain)
    gaps = {kind: report[kind] for kind in ("missing", "untranslated", "fuzzy") if report[kind]}
    lines = [f"{kind} ({len(items)}): " + "; ".join(items[:50]) for kind, items in gaps.items()]
    assert not gaps, (
        f"Wagtail {bc.wagtail_version()} has msgids not translated here ({REFRESH}):\n" + "\n".join(lines)
    )


@pytest.mark.parametrize("domain", bc.DOMAINS)
def test_placeholders_and_tags_match(domain: str) -> None:
    problems = bc.check(domain)["placeholders"]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("message", "ok"),
    [
        (Message("Hello %(username)s,", "Xin chào %(username)s,", flags={"python-format"}), True),
        (Message("Hello %(username)s,", "Xin chào %(user)s,", flags={"python-format"}), False),
        (Message("Hello %(username)s,", "Xin chào,", flags={"python-format"}), False),
        (Message(("Delete 1 page", "Delete %(counter)s pages"), ("Xóa %(counter)s trang",)), True),
        (Message(("Delete 1 page", "Delete %(counter)s pages"), ("Xóa trang",)), False),
        (Message("Page %s of %s", "Trang %s / %s", flags={"python-format"}), True),
        (Message("Page %s of %s", "Trang %s / %d", flags={"python-format"}), False),
        (Message("<b>'{title}' is locked</b>.", "<b>'{title}' đang bị khóa</b>."), True),
        (Message("<b>'{title}' is locked</b>.", "<b>'{tile}' đang bị khóa</b>."), False),
        (Message("<b>'{title}' is locked</b>.", "'{title}' đang bị khóa."), False),
        (Message('<a href="%(url)s">add one</a>', '<a href="%(url)s">thêm mới</a>'), True),
        (Message('<a href="%(url)s">add one</a>', '<a href="%(uri)s">thêm mới</a>'), False),
    ],
)
def test_placeholder_check_catches_mistakes(message: Message, ok: bool) -> None:
    assert (not bc.placeholder_problems(message)) is ok


def test_catalogue_has_one_plural_form() -> None:
    for domain in bc.DOMAINS:
        catalogue = bc.read_catalogue(domain)
        assert catalogue.num_plurals == 1, domain
        assert catalogue.plural_expr == "0", domain


def test_django_prefers_this_catalogue_to_wagtails_own() -> None:
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext("Sign in to Wagtail") == "Đăng nhập hệ thống"
        # Wagtail's own vi catalogue says "Tùy chỉnh"; the LOCALE_PATHS catalogue comes first.
        assert translation.gettext("Settings") == "Cài đặt"


def test_wagtail_admin_javascript_catalogue_includes_this_djangojs() -> None:
    import json

    from django.test import RequestFactory
    from django.utils import translation
    from django.views.i18n import JSONCatalog

    view = JSONCatalog.as_view(packages=["wagtail.admin"])
    with translation.override("vi"):
        catalog = json.loads(view(RequestFactory().get("/admin/jsi18n/")).content)["catalog"]
    assert catalog["Page explorer"] == "Cây trang"  # not in Wagtail's own vi djangojs catalogue
