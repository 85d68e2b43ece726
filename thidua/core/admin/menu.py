"""A Wagtail menu item that every app's menus share: its URL is reversed per request (the URLconf is not
loaded yet when the hooks register their items) and it is shown only to the users a check accepts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.urls import reverse
from wagtail.admin.menu import MenuItem


class LinkMenuItem(MenuItem):  # type: ignore[misc]
    def __init__(
        self,
        label: Any,
        url_name: str,
        *,
        shown: Callable[[Any], bool],
        icon_name: str,
        order: int,
        name: str | None = None,
        url_kwargs: Mapping[str, Any] | None = None,
    ) -> None:
        self.url_name = url_name
        self.url_kwargs = dict(url_kwargs or {})
        self.shown = shown
        super().__init__(label, "", name=name or url_name.replace("_", "-"), icon_name=icon_name, order=order)

    def is_shown(self, request: Any) -> bool:
        return self.shown(request.user)

    def render_component(self, request: Any) -> Any:
        self.url = reverse(self.url_name, kwargs=self.url_kwargs or None)
        return super().render_component(request)
