"""The folded search column shared by the searchable page types."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from thidua.portal.rules.search import fold


class FoldedSearchMixin(models.Model):
    """Keeps `search_folded`, the page's title and text without diacritics, up to date on every save.

    Wagtail saves the page row only when a revision is published (a draft touches a few bookkeeping
    fields through update_fields), so the column always holds the live text: a draft's words are not
    found before it is published.
    """

    title: str
    search_folded = models.TextField(_("nội dung tìm kiếm (không dấu)"), blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_folded = fold(f"{self.title} {strip_tags(self.search_text())}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_folded"]
        super().save(*args, **kwargs)

    def search_text(self) -> str:
        raise NotImplementedError
