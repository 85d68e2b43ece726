"""The public portal in a real browser: an article's count rises, the statistics box moves, search
without diacritics, the feed and the sitemaps parse, a phone-width page does not scroll sideways."""

from __future__ import annotations

import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.portal import builders
from thidua.portal.models import PageViewCount

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# Headless Chromium announces itself ("HeadlessChrome/…"), and the portal does not count automated
# browsers as readers (rules/counting.is_bot). The tests below play readers whose views must count,
# so their contexts present an ordinary desktop Chrome's User-Agent.
READER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def _database_counters(settings: Any) -> None:
    # The live server and the test share the test database; Redis would keep the counts elsewhere.
    settings.PORTAL_COUNTERS_REDIS_URL = None


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """The conftest's page, as a reader: see READER_UA."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}, user_agent=READER_UA
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site() -> dict[str, Any]:
    news = builders.section("Thi đua – Khen thưởng", "thi-dua-khen-thuong")
    seed = builders.article(
        news,
        "Cụm Thi đua số 1 sơ kết giao ước thi đua 6 tháng đầu năm 2023",
        body="Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng.",
        author="Đức Huy",
        featured=True,
    )
    PageViewCount.objects.create(page=seed, count=1129)
    builders.article(news, "Lịch tiếp công dân", body="Thông báo lịch.")
    return {"news": news, "seed": seed}


def test_reader_finds_the_article_and_its_count_and_statistics_move(
    live_server: Any, page: Any, site: dict[str, Any]
) -> None:
    page.goto(live_server.url + "/")
    # Locator assertions: the page's CSP forbids the string evaluation wait_for_function would use.
    expect(page.locator('[data-stat="today"]')).to_have_text("1")
    page.click("text=Cụm Thi đua số 1 sơ kết giao ước thi đua")
    assert page.locator("h1").inner_text().startswith("Cụm Thi đua số 1")
    expect(page.locator("[data-views]")).to_have_text("1.130")
    stats = {
        key: page.locator(f'[data-stat="{key}"]').inner_text() for key in ("online", "today", "week", "total")
    }
    assert stats == {"online": "1", "today": "1", "week": "1", "total": "1"}  # one visit, two pages
    page.reload()
    expect(page.locator("[data-views]")).to_have_text("1.131")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "portal-article.png"), full_page=True)
    # Another reader: a second visit, online 2.
    other = page.context.browser.new_context(locale="vi-VN", user_agent=READER_UA).new_page()
    other.goto(page.url)
    expect(other.locator("[data-views]")).to_have_text("1.132")
    assert other.locator('[data-stat="online"]').inner_text() == "2"
    assert other.locator('[data-stat="today"]').inner_text() == "2"
    other.context.close()
    assert PageViewCount.objects.get(page=site["seed"]).count == 1132


def test_a_headless_browser_is_not_a_reader(live_server: Any, browser: Any, site: dict[str, Any]) -> None:
    # The browser's own User-Agent (HeadlessChrome): its beacon is answered and not counted.
    context = browser.new_context(locale="vi-VN")
    robot = context.new_page()
    assert "HeadlessChrome" in robot.evaluate("navigator.userAgent")
    with robot.expect_response(
        lambda r: r.url.endswith("/luot-xem/") and r.request.method == "POST"
    ) as beacon:
        robot.goto(live_server.url + site["seed"].url)
    assert beacon.value.status == 202
    assert robot.locator("[data-views]").inner_text() == "1.129"
    context.close()
    assert PageViewCount.objects.get(page=site["seed"]).count == 1129


def test_search_without_diacritics(live_server: Any, page: Any, site: dict[str, Any]) -> None:
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "thi dua so ket")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    results = page.locator(".search-results").inner_text()
    assert "Cụm Thi đua số 1 sơ kết" in results and "Lịch tiếp công dân" not in results
    page.screenshot(path=str(SHOTS / "portal-search.png"), full_page=True)


def test_feed_and_sitemaps_parse(live_server: Any, site: dict[str, Any]) -> None:
    with urllib.request.urlopen(live_server.url + site["news"].url + "rss/", timeout=30) as response:
        rss = ET.fromstring(response.read())
    assert rss.get("version") == "2.0"
    assert len(rss.findall("channel/item")) == 2
    with urllib.request.urlopen(live_server.url + "/sitemap.xml", timeout=30) as response:
        sitemap = ET.fromstring(response.read())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert len(sitemap.findall("s:url", ns)) >= 4


def test_phone_width_and_keyboard(live_server: Any, browser: Any, site: dict[str, Any]) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + site["seed"].url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Chuyển đến nội dung chính"
    page.screenshot(path=str(SHOTS / "portal-article-360.png"), full_page=True)
    context.close()
