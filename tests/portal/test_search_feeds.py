"""Search with and without diacritics (on whichever database the suite runs: SQLite, or PostgreSQL in
CI), RSS 2.0 per section, the XML sitemap and the HTML one."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tests.portal import builders
from thidua.portal.models import SitemapPage
from thidua.portal.rules.search import fold, query_terms
from thidua.portal.selectors.pages import search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Thi đua – Khen thưởng", "thi dua khen thuong"),
        ("ĐỨC HUY", "duc huy"),
        ("Hoà", "hoa"),  # combining grave (NFD input)
        ("Hòa", "hoa"),
        ("31.434,47 tỷ đồng", "31 434 47 ty dong"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_query_terms_are_unique_and_capped() -> None:
    assert query_terms("thi đua thi dua") == ["thi", "dua"]
    assert len(query_terms(" ".join(f"w{n}" for n in range(50)))) == 8


def test_search_with_and_without_diacritics(client: Any) -> None:
    news = builders.section()
    builders.article(news, "Cụm Thi đua số 1 sơ kết", body="Tổng giá trị sản xuất toàn Cụm.")
    builders.article(news, "Lịch tiếp công dân", body="Thông báo lịch.")
    for query in ("thi dua", "Thi đua", "THI ĐUA", "san xuat", "sản xuất"):
        titles = [p.title for p in search(query=query).pages]
        assert titles == ["Cụm Thi đua số 1 sơ kết"], query
    html = client.get("/tim-kiem/", {"q": "thi dua"}).content.decode()
    assert "Cụm Thi đua số 1 sơ kết" in html and "Lịch tiếp công dân" not in html
    assert "Không tìm thấy" in client.get("/tim-kiem/", {"q": "khong co dau"}).content.decode()


def test_search_needs_every_word_and_skips_drafts() -> None:
    news = builders.section()
    builders.article(news, "Thi đua yêu nước")
    builders.article(news, "Thi đua bản nháp", live=False)
    assert [p.title for p in search(query="thi dua").pages] == ["Thi đua yêu nước"]
    assert search(query="thi dua khong").pages == []
    assert search(query="   ").pages == []


def test_search_finds_plain_pages() -> None:
    builders.standard("Giới thiệu", "Thị xã Duyên Hải nằm ven biển.")
    assert [p.title for p in search(query="duyen hai").pages] == ["Giới thiệu"]


def test_section_feed_is_rss_2(client: Any) -> None:
    news = builders.section()
    builders.article(news, "Bài một", summary="Tóm tắt một", author="Đức Huy")
    builders.article(builders.section("Thông báo", "thong-bao"), "Bài khác")
    response = client.get(news.url + "rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Bài một"]
    assert items[0].findtext("description") == "Tóm tắt một"
    assert items[0].findtext("link").endswith("/tin-tuc/bai-mot/")
    assert "2023" in items[0].findtext("pubDate")


def test_xml_sitemap_lists_live_pages(client: Any) -> None:
    news = builders.section()
    builders.article(news, "Bài một")
    builders.article(news, "Nháp", live=False)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert any(loc.endswith("/tin-tuc/bai-mot/") for loc in locations)
    assert not any("nhap" in loc for loc in locations)


def test_html_sitemap_page(client: Any) -> None:
    home = builders.home()
    builders.section()
    builders.standard("Giới thiệu", "Nội dung.")
    sitemap = SitemapPage(title="Sơ đồ cổng", slug="so-do-cong")
    home.add_child(instance=sitemap)
    sitemap.save_revision().publish()
    html = client.get("/so-do-cong/").content.decode()
    assert ">Tin tức</a>" in html and ">Giới thiệu</a>" in html and "/sitemap.xml" in html
