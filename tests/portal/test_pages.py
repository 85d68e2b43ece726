"""The portal's pages as a reader gets them: home, sections with pages, articles, plain pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.portal import builders

pytestmark = pytest.mark.django_db


def test_article_shows_title_date_author_count_body_and_tools(client: Any) -> None:
    news = builders.section()
    page = builders.article(news, "Cụm Thi đua số 1 sơ kết", body="Tổng giá trị sản xuất.", author="Đức Huy")
    html = client.get(page.url).content.decode()
    assert "<h1>Cụm Thi đua số 1 sơ kết</h1>" in html
    assert "04/08/2023" in html
    assert "Đức Huy" in html
    assert "Lượt xem" in html
    assert "Tổng giá trị sản xuất." in html
    assert "In bài viết" in html and "Lưu bài viết" in html
    assert 'lang="vi"' in html
    assert 'href="#noi-dung"' in html


def test_save_copy_is_a_download(client: Any) -> None:
    page = builders.article(builders.section(), "Bài lưu")
    response = client.get(page.url + "luu/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}.html"'
    assert "Bài lưu" in response.content.decode()


def test_illustrative_article_says_so(client: Any) -> None:
    page = builders.article(builders.section(), "Bài mẫu", illustrative=True)
    assert "Bài minh họa" in client.get(page.url).content.decode()


def test_related_articles_are_the_same_section(client: Any) -> None:
    news = builders.section()
    notices = builders.section("Thông báo", "thong-bao")
    page = builders.article(news, "Bài chính")
    builders.article(news, "Bài cùng chuyên mục")
    builders.article(notices, "Bài chuyên mục khác")
    html = client.get(page.url).content.decode()
    assert "Bài cùng chuyên mục" in html
    assert "Bài chuyên mục khác" not in html


def test_section_paginates_newest_first(client: Any) -> None:
    news = builders.section()
    for n in range(7):
        builders.article(news, f"Tin số {n}", date=dt.date(2023, 1, 1) + dt.timedelta(days=n))
    first = client.get(news.url).content.decode()
    assert "Tin số 6" in first and "Tin số 1" not in first
    assert "Trang 1/2" in first
    second = client.get(news.url + "?trang=2").content.decode()
    assert "Tin số 1" in second and "Tin số 6" not in second


def test_draft_is_not_listed_nor_served(client: Any) -> None:
    news = builders.section()
    draft = builders.article(news, "Bản nháp", live=False)
    assert "Bản nháp" not in client.get(news.url).content.decode()
    assert client.get(f"/tin-tuc/{draft.slug}/").status_code == 404


def test_home_queries_do_not_grow_with_articles(client: Any, settings: Any) -> None:
    # A cache of this process only: on a Redis shared with other test workers, Wagtail's cached site
    # root paths could vanish between the two counts and add a query that has nothing to do with this.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    news = builders.section()
    builders.article(news, "Một", featured=True)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(12):
        builders.article(news, f"Thêm {n}", featured=n % 3 == 0)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert len(many) == len(few)
    assert "Tin nổi bật" in html and "Thống kê truy cập" in html


def test_standard_page_and_menu(client: Any) -> None:
    builders.standard("Giới thiệu", "Thị xã Duyên Hải nằm ven biển.")
    html = client.get("/").content.decode()
    assert ">Giới thiệu</a>" in html
    assert "ven biển" in client.get("/gioi-thieu/").content.decode()


def test_rich_text_is_sanitised_when_saved() -> None:
    news = builders.section()
    page = builders.article(news, "Có mã độc", body='Chữ <script>alert(1)</script><b onclick="x()">đậm</b>')
    stored = page.body.raw_data[0]["value"]
    assert "<script" not in stored and "onclick" not in stored
    assert "<b>đậm</b>" in stored


def test_csp_header_on_public_and_admin(client: Any) -> None:
    builders.home()
    public = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in public and "unsafe-inline" not in public
    assert "'unsafe-inline'" in client.get("/admin/login/")["Content-Security-Policy"]


def test_an_editor_can_create_every_portal_page_type_somewhere() -> None:
    # A page type no other page accepts as a child can only be made in code (the map and contact pages
    # were, until the home page listed them): each one must have a portal parent that allows it.
    from django.apps import apps
    from wagtail.models import Page

    from thidua.portal.models import HomePage

    page_types = [model for model in apps.get_app_config("portal").get_models() if issubclass(model, Page)]
    assert len(page_types) >= 9
    for model in page_types:
        if model is HomePage:
            continue
        parents = [parent for parent in model.allowed_parent_page_models() if parent in page_types]
        assert any(model in parent.allowed_subpage_models() for parent in parents), model.__name__
