"""The demo's public portal: the seed page for real.

The seed article (thidua/demo/data/seed-article-cum-1-2023.txt) with its author Đức Huy, its date
04/8/2023 and its view count carried over from 1129; the seed site's footer and its all-time visit
total (5.405.209), from which the statistics box counts on; the sections and pages a commune portal
has; a few articles marked as illustrative; the approval workflow with a writer's article waiting at
the editor's step. Created through the portal's services, as an officer would.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from typing import Any

from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Site, Workflow

from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.demo.portal_documents import load_documents
from thidua.emulation.models import Period
from thidua.emulation.services.periods import period_publish
from thidua.org.models import EmulationGroup
from thidua.portal.models import ContactPage, MapPage, ResultsPage, SitemapPage
from thidua.portal.services import portal_home_ensure
from thidua.portal.services.editorial import editorial_setup, root_collection
from thidua.portal.services.pages import (
    article_create,
    portal_settings_save,
    section_create,
    standard_page_create,
)

SEED_VIEWS = 1129
SEED_DATE = dt.date(2023, 8, 4)
SEED_AUTHOR = "Đức Huy"
SEED_CAPTION = "Quang cảnh hội nghị."
# The seed page's box said "Tất cả: 5405209": the site's visits before it moved to this software.
SEED_VISITS_BEFORE = 5_405_209
FOOTER = {
    "site_title": "Trang thông tin điện tử thị xã Duyên Hải",
    "managing_unit": "UBND thị xã Duyên Hải",
    "address": "số 14, đường 3 tháng 2, khóm 1, phường 1, thị xã Duyên Hải, tỉnh Trà Vinh",
    "editor_in_chief": "Bà Cao Thị Hồng Gấm - Phó Chủ tịch UBND thị xã Duyên Hải, tỉnh Trà Vinh",
    "deputy_editor": "Ông Lê Trường Phong - Trưởng phòng Văn hóa và Thông tin thị xã Duyên Hải, tỉnh Trà Vinh",
    "phone": "0294.3832012",
    "email": "phongvh.txduyenhai@travinh.gov.vn",
    "citation_note": 'Ghi rõ nguồn "txdh.travinh.gov.vn" khi phát hành lại thông tin từ website này.',
    "visits_before": SEED_VISITS_BEFORE,
}
ILLUSTRATIVE = "(Bài minh họa, không phải tin thật.) "


def seed_article() -> tuple[str, list[str]]:
    """The seed article's title and paragraphs, without the count line, the photo caption, the
    author's signature and the page furniture after it."""
    text = resources.files("thidua.demo").joinpath("data/seed-article-cum-1-2023.txt").read_text("utf-8")
    lines = [line.strip() for line in text.splitlines()]
    title = lines[0]
    paragraphs: list[str] = []
    for line in lines[1:]:
        if line == SEED_AUTHOR:
            break
        if line and not line.startswith("Lượt xem:") and line != SEED_CAPTION:
            paragraphs.append(line)
    return title, paragraphs


def _placeholder_photo() -> Image:
    """A drawn stand-in for the seed's photo, which the demo data does not have (said in its caption)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    canvas = PILImage.new("RGB", (960, 540), (236, 239, 241))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, 960, 150), fill=(183, 28, 28))  # the hall's banner
    draw.rectangle((120, 190, 840, 250), fill=(120, 144, 156))  # the presidium's table
    for row in range(3):
        for seat in range(10):
            x, y = 90 + seat * 80, 300 + row * 75
            draw.ellipse((x, y, x + 40, y + 40), fill=(84, 110, 122))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return Image.objects.create(
        collection=root_collection(),
        title="Ảnh minh họa: quang cảnh hội nghị",
        file=ImageFile(buffer, name="anh-minh-hoa-hoi-nghi.png"),
    )


def load_portal(*, admin: Any, users: dict[str, Any], password: str) -> None:
    home = portal_home_ensure(title="Trang chủ")
    site = Site.objects.get(is_default_site=True)
    portal_settings_save(actor=admin, site=site, **FOOTER)

    news = section_create(actor=admin, home=home, title="Tin tức – Sự kiện", slug="tin-tuc")
    emulation = section_create(
        actor=admin, home=home, title="Thi đua – Khen thưởng", slug="thi-dua-khen-thuong"
    )
    notices = section_create(actor=admin, home=home, title="Thông báo", slug="thong-bao")

    intro = standard_page_create(
        actor=admin,
        parent=home,
        title="Giới thiệu",
        slug="gioi-thieu",
        paragraphs=[
            ILLUSTRATIVE
            + "Trang giới thiệu điều kiện tự nhiên, lịch sử, truyền thống văn hóa của địa phương "
            "và tóm tắt tiểu sử, nhiệm vụ của lãnh đạo, theo Điều 9 Nghị định 224/2026/NĐ-CP.",
        ],
    )
    standard_page_create(
        actor=admin,
        parent=intro,
        title="Tổ chức bộ máy",
        slug="to-chuc-bo-may",
        paragraphs=[
            ILLUSTRATIVE + "Ủy ban nhân dân, các phòng chuyên môn và Ban biên tập trang thông tin điện tử; "
            "đầu mối liên hệ: Phòng Văn hóa và Thông tin, điện thoại 0294.3832012.",
        ],
    )
    sitemap = SitemapPage(title="Sơ đồ cổng", slug="so-do-cong", show_in_menus=True)
    home.add_child(instance=sitemap)
    sitemap.save_revision(user=admin, log_action=False).publish(user=admin, log_action=False)

    # Kết quả thi đua: the seed's 2023 mid-year review, published by the province office.
    results = ResultsPage(title="Kết quả thi đua", slug="ket-qua-thi-dua", show_in_menus=True)
    home.add_child(instance=results)
    results.save_revision(user=admin, log_action=False).publish(user=admin, log_action=False)
    for period in Period.objects.filter(closed_at__isnull=False, pact__group__year=2023):
        period_publish(actor=users["tinh"], period=period, reason="Minh họa: công bố kết quả sơ kết 2023.")

    # Bản đồ hành chính: the cluster's communes and wards today, and its five districts of 2023.
    groups = EmulationGroup.objects.filter(name="Cụm Thi đua số 1")
    map_page = MapPage(
        title="Bản đồ hành chính",
        slug="ban-do-hanh-chinh",
        show_in_menus=True,
        group_today=groups.filter(year__gte=2025).order_by("-year").first(),
        group_before=groups.filter(year__lt=2025).order_by("-year").first(),
    )
    home.add_child(instance=map_page)
    map_page.save_revision(user=admin, log_action=False).publish(user=admin, log_action=False)

    contact = ContactPage(title="Liên hệ, góp ý", slug="lien-he", show_in_menus=True)
    home.add_child(instance=contact)
    contact.save_revision(user=admin, log_action=False).publish(user=admin, log_action=False)

    title, paragraphs = seed_article()
    photo = _placeholder_photo()
    article_create(
        actor=admin,
        section=emulation,
        title=title,
        date=SEED_DATE,
        author=SEED_AUTHOR,
        # No summary: the seed's first paragraph already opens the article; lists show the date only.
        paragraphs=paragraphs,
        images={1: (photo, SEED_CAPTION + " (Ảnh minh họa: dữ liệu mẫu không có ảnh gốc của bài.)")},
        featured=True,
        views_start=SEED_VIEWS,
    )
    samples = [
        (
            emulation,
            "Cụm Thi đua số 1 ký kết giao ước thi đua năm 2026",
            dt.date(2026, 3, 12),
            True,
            [
                "Các xã, phường thành viên Cụm Thi đua số 1 tỉnh Vĩnh Long ký kết giao ước thi đua năm 2026, "
                "thống nhất bộ tiêu chí chấm điểm và lịch sơ kết 6 tháng."
            ],
        ),
        (
            news,
            "Tập huấn nghiệp vụ thi đua, khen thưởng cho công chức cấp xã",
            dt.date(2026, 5, 20),
            False,
            [
                "Sở Nội vụ tổ chức lớp tập huấn về hồ sơ đề nghị khen thưởng theo quy định mới, "
                "hướng dẫn nhập báo cáo thi đua trên phần mềm."
            ],
        ),
        (
            news,
            "Phong trào thi đua xây dựng nông thôn mới nâng cao",
            dt.date(2026, 9, 2),
            False,
            [
                "Nhiều xã trong Cụm đạt tiêu chí nông thôn mới nâng cao; phong trào thi đua "
                "“Dân vận khéo” tiếp tục được nhân rộng."
            ],
        ),
        (
            notices,
            "Thông báo lịch tiếp công dân tháng 12/2026",
            dt.date(2026, 11, 28),
            False,
            [
                "Lãnh đạo Ủy ban nhân dân tiếp công dân định kỳ vào sáng thứ Năm hằng tuần tại "
                "Bộ phận tiếp công dân."
            ],
        ),
    ]
    for section, sample_title, day, featured, texts in samples:
        article_create(
            actor=admin,
            section=section,
            title=sample_title,
            date=day,
            author="Ban biên tập",
            summary=texts[0],
            paragraphs=[ILLUSTRATIVE + texts[0]],
            featured=featured,
            illustrative=True,
        )

    # Văn bản: the document library with eight illustrative documents (thidua/demo/portal_documents.py).
    load_documents(admin=admin, home=home)

    # The editorial workflow, and a writer's article waiting at the editor's step.
    editorial_setup(actor=admin, home=home)
    writer = user_create(
        actor=admin,
        username="phongvien",
        password=password,
        full_name="Lê Minh Thư",
        organisation=users["bientap"].organisation,
        roles=[RoleCode.PORTAL_EDITOR],
        is_demo=True,
    )
    draft = article_create(
        actor=writer,
        section=news,
        title="Hội nghị sơ kết phong trào thi đua 6 tháng đầu năm 2026 (bản thảo chờ duyệt)",
        date=dt.date(2026, 12, 7),
        author="Lê Minh Thư",
        paragraphs=[
            ILLUSTRATIVE + "Bản thảo của phóng viên, chờ biên tập viên và Trưởng Ban biên tập duyệt."
        ],
        illustrative=True,
        publish=False,
    )
    draft.save_revision(user=writer)
    Workflow.objects.get(name="Duyệt bài cổng thông tin").start(draft, writer)
