"""Services of the public portal."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.portal.models import (
    ArticlePage,
    DocumentLibraryPage,
    DocumentPage,
    HomePage,
    NewsIndexPage,
    PageViewCount,
    PortalSettings,
    StandardPage,
)

if TYPE_CHECKING:
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from thidua.accounts.models import User


@transaction.atomic
def portal_home_ensure(*, title: str = "Trang chủ") -> HomePage:
    """Make sure the portal has its home page and the default site points at it (idempotent).

    Migration portal.0002 does this on a new database; this service does it for databases emptied
    since (test flushes) and for operators repairing a site whose root page was deleted.
    """
    home: HomePage | None = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        Page.objects.filter(
            depth=2, content_type__model="page", content_type__app_label="wagtailcore"
        ).delete()
        root.refresh_from_db()
        home = HomePage(title=title, slug="home")
        root.add_child(instance=home)  # treebeard saves the instance it is given
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Thi đua – Khen thưởng",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


# --- Content created in code (the demo, imports); officers use Wagtail's editor ---------------------


@transaction.atomic
def portal_settings_save(*, actor: User | None, site: Site, **fields: Any) -> PortalSettings:
    """Set the footer and statistics fields of a site (Cài đặt → Cổng thông tin)."""
    settings_row: PortalSettings = PortalSettings.for_site(site)
    before = snapshot(settings_row, list(fields))
    for name, value in fields.items():
        setattr(settings_row, name, nfc(value) if isinstance(value, str) else value)
    settings_row.full_clean()
    settings_row.save()
    audit_record(
        actor=actor, action="portal.settings.update", target=settings_row, changes=diff(before, fields)
    )
    return settings_row


def _publish(page: Page, actor: User | None) -> None:
    page.save_revision(user=actor, log_action=False).publish(user=actor, log_action=False)


@transaction.atomic
def section_create(
    *, actor: User | None, home: HomePage, title: str, slug: str, intro: str = ""
) -> NewsIndexPage:
    section = NewsIndexPage(title=nfc(title), slug=slug, intro=intro, show_in_menus=True)
    home.add_child(instance=section)
    _publish(section, actor)
    audit_record(actor=actor, action="portal.section.create", target=section)
    return section


def body_blocks(paragraphs: list[str], *, images: dict[int, tuple[Image, str]] | None = None) -> str:
    """A body as StreamField JSON: paragraphs of plain text (escaped), and captioned images inserted
    before the paragraph of the given index."""
    blocks: list[dict[str, Any]] = []
    for index, text in enumerate(paragraphs):
        if images and index in images:
            image, caption = images[index]
            blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": caption, "decorative": False},
                        "caption": caption,
                    },
                }
            )
        blocks.append({"type": "paragraph", "value": f"<p>{escape(nfc(text))}</p>"})
    return json.dumps(blocks, ensure_ascii=False)


@transaction.atomic
def standard_page_create(
    *, actor: User | None, parent: Page, title: str, slug: str, paragraphs: list[str]
) -> StandardPage:
    page = StandardPage(title=nfc(title), slug=slug, body=body_blocks(paragraphs), show_in_menus=True)
    parent.add_child(instance=page)
    _publish(page, actor)
    audit_record(actor=actor, action="portal.page.create", target=page)
    return page


@transaction.atomic
def article_create(
    *,
    actor: User | None,
    section: NewsIndexPage,
    title: str,
    date: dt.date,
    author: str,
    paragraphs: list[str],
    summary: str = "",
    images: dict[int, tuple[Image, str]] | None = None,
    featured: bool = False,
    illustrative: bool = False,
    views_start: int = 0,
    publish: bool = True,
    slug: str = "",
) -> ArticlePage:
    """An article, published unless told otherwise. `views_start` carries over the count an article
    had on the site it comes from (the seed's 1129)."""
    article = ArticlePage(
        title=nfc(title),
        date=date,
        author=nfc(author),
        summary=nfc(summary),
        body=body_blocks(paragraphs, images=images),
        featured=featured,
        illustrative=illustrative,
        live=publish,
        owner=actor if actor is not None and actor.pk else None,
        slug=slug,  # "" lets AsciiSlugMixin derive it from the title
    )
    section.add_child(instance=article)
    if publish:
        _publish(article, actor)
    if views_start:
        PageViewCount.objects.update_or_create(page=article, defaults={"count": views_start})
    audit_record(
        actor=actor, action="portal.article.create", target=article, changes={"views_start": views_start}
    )
    return article


@transaction.atomic
def document_library_create(
    *, actor: User | None, home: HomePage, title: str = "Văn bản", slug: str = "van-ban", intro: str = ""
) -> DocumentLibraryPage:
    library = DocumentLibraryPage(title=nfc(title), slug=slug, intro=intro, show_in_menus=True)
    home.add_child(instance=library)
    _publish(library, actor)
    audit_record(actor=actor, action="portal.library.create", target=library)
    return library


@transaction.atomic
def document_create(
    *,
    actor: User | None,
    library: DocumentLibraryPage,
    number: str,
    kind: str,
    summary: str,
    issued_on: dt.date,
    issuer: str,
    field: str = "",
    effective_on: dt.date | None = None,
    file: Document | None = None,
    illustrative: bool = False,
    publish: bool = True,
) -> DocumentPage:
    """A document of the library, published unless told otherwise. Officers add documents in
    Wagtail's editor, where they go through the approval workflow; this is for the demo and imports."""
    document = DocumentPage(
        title=nfc(summary),
        number=nfc(number),
        kind=kind,
        issued_on=issued_on,
        effective_on=effective_on,
        issuer=nfc(issuer),
        field=nfc(field),
        file=file,
        illustrative=illustrative,
        live=publish,
        owner=actor if actor is not None and actor.pk else None,
    )
    library.add_child(instance=document)
    if publish:
        _publish(document, actor)
    audit_record(
        actor=actor,
        action="portal.document.create",
        target=document,
        changes={"number": document.number, "kind": kind},
    )
    return document
