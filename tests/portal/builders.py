"""Builders of portal pages for the tests: a home page, sections, articles."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from wagtail.models import Page

from thidua.portal.models import (
    ArticlePage,
    DocumentLibraryPage,
    DocumentPage,
    HomePage,
    NewsIndexPage,
    StandardPage,
)
from thidua.portal.services import portal_home_ensure


def home() -> HomePage:
    return portal_home_ensure()


def section(title: str = "Tin tức", slug: str = "tin-tuc", *, parent: Page | None = None) -> NewsIndexPage:
    parent = parent or home()
    page = NewsIndexPage(title=title, slug=slug, show_in_menus=True, per_page=5)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def paragraphs(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{t}</p>"} for t in texts])


def article(
    parent: NewsIndexPage,
    title: str,
    *,
    body: str = "Nội dung bài viết.",
    date: dt.date | None = None,
    live: bool = True,
    **fields: Any,
) -> ArticlePage:
    page = ArticlePage(
        title=title,
        date=date or dt.date(2023, 8, 4),
        body=paragraphs(body),
        **fields,
    )
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    page.refresh_from_db()
    return page


def standard(title: str, body: str) -> StandardPage:
    page = StandardPage(title=title, body=paragraphs(body), show_in_menus=True)
    home().add_child(instance=page)
    page.save_revision().publish()
    return page


def library(title: str = "Văn bản", slug: str = "van-ban", *, per_page: int = 20) -> DocumentLibraryPage:
    page = DocumentLibraryPage(title=title, slug=slug, show_in_menus=True, per_page=per_page)
    home().add_child(instance=page)
    page.save_revision().publish()
    return page


def document(
    parent: DocumentLibraryPage,
    number: str,
    summary: str,
    *,
    kind: str = "quyet-dinh",
    issued_on: dt.date | None = None,
    issuer: str = "UBND tỉnh Trà Vinh",
    live: bool = True,
    **fields: Any,
) -> DocumentPage:
    page = DocumentPage(
        title=summary,
        number=number,
        kind=kind,
        issued_on=issued_on or dt.date(2023, 8, 4),
        issuer=issuer,
        **fields,
    )
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    page.refresh_from_db()
    return page
