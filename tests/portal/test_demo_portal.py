"""The demo's portal: the seed article with its author, date and count from 1129, the seed's footer
and all-time total, illustrative articles marked, a writer's article waiting in the workflow."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from thidua.demo import loader
from thidua.portal.models import ArticlePage
from thidua.portal.selectors.stats import page_views
from thidua.portal.services.counters import DatabaseCounters

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.fixture
def demo(settings: Any) -> None:
    settings.DEMO = True
    settings.PORTAL_COUNTERS_REDIS_URL = None
    call_command("org_load_units", province=["86"], verbosity=0)
    loader.load_demo()


def test_seed_article_from_the_home_page(demo: None) -> None:
    client = Client(HTTP_USER_AGENT=BROWSER)
    home = client.get("/").content.decode()
    seed = ArticlePage.objects.get(
        title__startswith="Cụm Thi đua số 1 sơ kết giao ước thi đua 6 tháng đầu năm 2023"
    )
    assert seed.url in home  # featured on the home page
    html = client.get(seed.url).content.decode()
    assert "04/08/2023" in html and "Đức Huy" in html
    assert "Lượt xem: <span data-views>1.129</span>" in html
    assert "31.434,47 tỷ đồng, đạt 43,31% so kế hoạch" in html
    assert "Quang cảnh hội nghị." in html and "Ảnh minh họa" in html
    assert "không phải tin thật" not in html  # the seed article is real (its related ones are not)
    # The footer: the seed's fields.
    for text in (
        "Đơn vị quản lý: UBND thị xã Duyên Hải",
        "số 14, đường 3 tháng 2, khóm 1, phường 1, thị xã Duyên Hải, tỉnh Trà Vinh",
        "Trưởng Ban biên tập: Bà Cao Thị Hồng Gấm",
        "Phó Trưởng Ban thường trực: Ông Lê Trường Phong",
        "0294.3832012",
        "phongvh.txduyenhai@travinh.gov.vn",
        "Ghi rõ nguồn &quot;txdh.travinh.gov.vn&quot;",
    ):
        assert text in html, text
    assert "5.405.209" in html  # the seed's all-time total, before any visit here
    answer = client.post("/luot-xem/", {"page": seed.pk}).json()
    assert answer["views"] == 1130
    assert answer["stats"]["total"] == 5_405_210 and answer["stats"]["today"] == 1
    assert page_views(page_id=seed.pk, store=DatabaseCounters()) == 1130


def test_illustrative_articles_and_the_waiting_draft(demo: None) -> None:
    illustrative = ArticlePage.objects.filter(illustrative=True)
    assert illustrative.filter(live=True).count() == 4
    draft = ArticlePage.objects.get(live=False)
    assert draft.current_workflow_state is not None
    assert draft.current_workflow_task.name == "Biên tập"
    assert draft.owner.username == "phongvien"
    client = Client()
    found = client.get("/tim-kiem/", {"q": "cum thi dua so ket"}).content.decode()
    assert "Cụm Thi đua số 1 sơ kết giao ước" in found and "bản thảo chờ duyệt" not in found


def test_the_document_library(demo: None) -> None:
    from thidua.portal.models import DocumentPage

    documents = DocumentPage.objects.live()
    assert documents.count() == 8
    assert all(d.illustrative and d.file is not None for d in documents)
    client = Client()
    library = client.get("/van-ban/").content.decode()
    assert "Có 8 văn bản." in library and "văn bản minh họa" in library
    quyet_dinh = client.get("/van-ban/", {"loai": "quyet-dinh", "q": "co thi dua"}).content.decode()
    assert ">2015/QĐ-UBND</a>" in quyet_dinh and ">512/QĐ-UBND</a>" not in quyet_dinh
    document = documents.get(number="2015/QĐ-UBND")
    page = client.get(document.url).content.decode()
    assert "ngày 20 tháng 12 năm 2024" in page and "Văn bản minh họa" in page
    pdf = client.get(document.file.url)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF-")
    assert "Văn bản mới" in client.get("/").content.decode()
