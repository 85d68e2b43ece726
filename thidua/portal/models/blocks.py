"""StreamField blocks of the portal's pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import RichText

# The formatting an article needs; anything else (scripts, inline styles, iframes) is dropped.
BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr", "blockquote"]


def sanitise(html: str, features: list[str] | None = None) -> str:
    """Keep only the elements and attributes the features allow (Wagtail's whitelister). The editor
    already does this for text typed in the admin; stored text may also come from the demo, an import
    or the API, so it is cleaned again whenever a block is saved."""
    cleaned: str = EditorHTMLConverter(features=features or BODY_FEATURES).to_database_format(html)
    return cleaned


class SanitisedRichTextBlock(blocks.RichTextBlock):  # type: ignore[misc]  # Wagtail ships no types
    def get_prep_value(self, value: Any) -> str:
        source = value.source if isinstance(value, RichText) else str(value or "")
        return sanitise(source, list(self.features or BODY_FEATURES))


class CaptionedImageBlock(blocks.StructBlock):  # type: ignore[misc]
    # ImageBlock asks for alt text (or "decorative") on every use of the image.
    image = ImageBlock()
    caption = blocks.CharBlock(label=_("chú thích ảnh"), required=False, max_length=500)

    class Meta:
        icon = "image"
        label = _("ảnh có chú thích")
        template = "portal/blocks/captioned_image.html"


class BodyBlock(blocks.StreamBlock):  # type: ignore[misc]
    paragraph = SanitisedRichTextBlock(features=BODY_FEATURES, label=_("đoạn văn"))
    image = CaptionedImageBlock()
