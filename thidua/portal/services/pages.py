"""Services of the public portal."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from thidua.portal.models import HomePage


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
