"""The officers' user guide in the admin, and the Help menu that links to it."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from thidua.core.guide import guide_html, guide_title
from thidua.core.views.guide import SECTIONS, section_url

ROOT = Path(__file__).resolve().parents[2]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _md_headings(text: str) -> list[tuple[int, str]]:
    return [(len(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^(#{1,6}) (.+)$", text, re.M)]


def _html_headings(html: str) -> list[tuple[int, str]]:
    return [
        (int(m.group(1)), " ".join(unescape(re.sub(r"<[^>]+>", "", m.group(2))).split()))
        for m in re.finditer(r"<h([2-6])[^>]*>(.*?)</h\1>", html, re.S)
    ]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug or "index")
def test_the_served_guide_is_its_markdown_file(section: Any, personas: dict[str, Any]) -> None:
    # One source: the page is docs/user-guide/<file>.md rendered, title first, then its headings.
    markdown = (ROOT / "docs" / "user-guide" / section.source).read_text(encoding="utf-8")
    headings = _md_headings(markdown)
    assert headings[0] == (1, section.title) == (1, guide_title(markdown))
    html = _client(personas["province"]).get(section_url(section.slug)).content.decode()
    article = html[html.index('<article class="thidua-guide__text"') :]
    assert _html_headings(article)[0] == (2, section.title)  # the page's title
    assert _html_headings(article)[1:] == headings[1:]


def test_links_between_guide_files_point_at_their_pages() -> None:
    html = guide_html(
        "# T\n\nXem [thi đua](thi-dua.md#bao-cao) và [ngoài](https://example.org).",
        links={"thi-dua.md": "/admin/huong-dan/thi-dua/"},
    )
    assert '<a href="/admin/huong-dan/thi-dua/#bao-cao">thi đua</a>' in html
    assert '<a href="https://example.org">ngoài</a>' in html
    assert "<h1>" not in html  # the title is the page's, not repeated


def test_raw_html_in_the_guide_is_shown_as_text() -> None:
    html = guide_html("# T\n\n<script>alert(1)</script> <b>x</b>", links={})
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html


def test_editors_notes_are_not_shown() -> None:
    assert (
        guide_html("# T\n\n<!-- note to editors\nsecond line -->\n\nVăn bản.", links={})
        == "<p>Văn bản.</p>\n"
    )


def _help_menu(html: str) -> list[dict[str, Any]]:
    """The items of the sidebar's Help submenu, from the props Wagtail's sidebar is drawn from."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert props

    def find(node: Any) -> Any:
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type") == "wagtail.sidebar.SubMenuItem" and args[0]["name"] == "help":
                return [item["_args"][0] for item in args[1]]
            return next((r for r in map(find, node.values()) if r is not None), None)
        if isinstance(node, list):
            return next((r for r in map(find, node) if r is not None), None)
        return None

    items = find(json.loads(props.group(1)))
    assert items is not None, "no Help menu"
    return items


@pytest.mark.django_db
def test_help_menu_links_to_the_guide_not_to_wagtails(personas: dict[str, Any]) -> None:
    items = _help_menu(_client(personas["member"]).get("/admin/").content.decode())

    assert items[0]["label"] == "Hướng dẫn sử dụng"
    assert items[0]["url"] == "/admin/huong-dan/"
    assert not [item for item in items if "wagtail.org" in item.get("url", "")]
    assert [item["name"] for item in items] == ["thidua-guide", "keyboard-shortcuts-trigger"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["province", "member", "council", "editor"])
def test_every_officer_opens_every_section(personas: dict[str, Any], persona: str) -> None:
    client = _client(personas[persona])

    for section in SECTIONS:
        response = client.get(section_url(section.slug))
        assert response.status_code == 200, section.slug
        html = response.content.decode()
        assert f'<h2 class="thidua-guide__title">{section.title}</h2>' in html
        assert '<article class="thidua-guide__text" lang="vi">' in html
        # Links between sections point to the served pages, not to the .md files.
        assert ".md" not in html.split("<article", 1)[1]


@pytest.mark.django_db
def test_guide_needs_an_admin_account(personas: dict[str, Any]) -> None:
    assert Client().get("/admin/huong-dan/").status_code == 302
    assert _client(personas["outsider"]).get("/admin/huong-dan/").status_code == 302


@pytest.mark.django_db
def test_unknown_section_is_not_found(personas: dict[str, Any]) -> None:
    assert _client(personas["province"]).get("/admin/huong-dan/khong-co/").status_code == 404


@pytest.mark.django_db
def test_dashboard_links_the_guide_not_wagtails(personas: dict[str, Any]) -> None:
    # The account summary on the dashboard linked Wagtail's English editor guide (guide.wagtail.org).
    html = _client(personas["member"]).get("/admin/").content.decode()
    summary = html[html.index("w-border-border-furniture") :]
    assert 'href="/admin/huong-dan/">Hướng dẫn sử dụng</a>' in summary
    assert "guide.wagtail.org" not in html
    assert "editor guide" not in html.lower() and "Hướng dẫn biên tập Wagtail" not in html
