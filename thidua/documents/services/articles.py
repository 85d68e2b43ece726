"""The draft portal article of a closed review (#14), handed to the portal's editorial workflow.

It is written through the portal's own article_create (unpublished), then saved as a revision so it
shows in Wagtail as a draft an editor opens, finishes and submits for approval; nothing is published
from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.documents.render.article import review_article
from thidua.documents.selectors.emulation import report_data
from thidua.emulation.models import Period
from thidua.emulation.selectors.access import can_manage_group
from thidua.portal.models import ArticlePage, NewsIndexPage
from thidua.portal.services.pages import article_create

if TYPE_CHECKING:
    from thidua.accounts.models import User

__all__ = ["review_article_draft"]


def _section() -> NewsIndexPage:
    section: NewsIndexPage | None = NewsIndexPage.objects.live().order_by("path").first()
    if section is None:
        raise ValidationError(_("Cổng thông tin chưa có chuyên mục tin để đặt bài nháp."))
    return section


@transaction.atomic
def review_article_draft(*, actor: User, period: Period, place: str) -> ArticlePage:
    """A draft article on the closed period's review meeting, held at `place` on the closing day."""
    group = period.pact.group
    if not can_manage_group(user=actor, group=group):
        raise PermissionDenied(_("Bạn không có quyền tạo bài viết cho cụm, khối này."))
    if period.closed_at is None:
        raise ValidationError(_("Kỳ chưa khóa: chỉ viết bài khi đã có kết quả chốt."))
    place = place.strip()
    if not place:
        raise ValidationError({"place": _("Hãy ghi nơi tổ chức hội nghị.")})
    data = report_data(period=period)
    assert data.issued_on is not None  # a closed period has its closing day
    text = review_article(data, place=place, held_on=data.issued_on)
    section = _section()
    words = f"{group.name} {period.kind} {group.year}".replace("Đ", "D").replace("đ", "d")
    base = slugify(words.replace("_", "-")) or "bai-viet"
    slug, index = base, 1
    while section.get_children().filter(slug=slug).exists():
        index += 1
        slug = f"{base}-{index}"
    article = article_create(
        actor=actor,
        section=section,
        title=text.title,
        date=data.issued_on,
        author="",
        paragraphs=list(text.paragraphs),
        illustrative=data.illustrative,
        publish=False,
        slug=slug,
    )
    article.save_revision(user=actor, log_action=True)
    audit_record(actor=actor, action="documents.article.draft", target=article, changes={"period": period.pk})
    return article
