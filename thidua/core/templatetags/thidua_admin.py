"""Template tags of the staff admin."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def admin_site_name() -> str:
    """The product's name, as Wagtail's admin knows it."""
    return str(getattr(settings, "WAGTAIL_SITE_NAME", "") or "Thi đua")
