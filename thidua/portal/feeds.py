"""RSS 2.0 of a news section (django.contrib.syndication; the Danh mục TCKT makes RSS mandatory)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from thidua.portal.selectors.pages import section_articles

ITEMS = 30


class SectionFeed(Feed):  # type: ignore[type-arg]  # items are Wagtail pages (untyped)
    feed_type = Rss201rev2Feed

    def get_object(self, request: Any, *args: Any, section: Any = None, **kwargs: Any) -> Any:
        self.request = request
        return section

    def title(self, obj: Any) -> str:
        return str(obj.title)

    def link(self, obj: Any) -> str:
        return str(obj.get_url(request=self.request))

    def description(self, obj: Any) -> str:
        return str(obj.search_description or obj.title)

    def items(self, obj: Any) -> Any:
        return section_articles(section=obj)[:ITEMS]

    def item_title(self, item: Any) -> str:
        return str(item.title)

    def item_description(self, item: Any) -> str:
        return str(item.summary)

    def item_link(self, item: Any) -> str:
        return str(item.get_url(request=self.request))

    def item_author_name(self, item: Any) -> str:
        return str(item.author)

    def item_pubdate(self, item: Any) -> dt.datetime:
        # The article's date is the reader-facing one; noon in Việt Nam keeps it on that day in any zone.
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(12)))
