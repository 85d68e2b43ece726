"""The public 404 and 500 pages (thidua/templates/404.html, 500.html): Vietnamese, in the site's layout.

With DEBUG on, Django shows its technical pages instead, so every test turns DEBUG off.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.template import loader
from django.test import Client, override_settings
from django.urls import include, path


def _boom(request: Any) -> Any:
    raise RuntimeError("a view that fails")


# The site's URLs with one view that raises, placed before Wagtail's catch-all page route.
urlpatterns = [path("loi-thu/", _boom), path("", include("thidua.urls"))]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_missing_public_page_is_vietnamese_404_in_site_layout() -> None:
    response = Client().get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html
    assert "Not Found" not in html
    # The site's layout: its header, footer and stylesheet, and a way back.
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "thidua/site.css" in html
    assert '<a href="/">Về trang chủ</a>' in html
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_failing_view_answers_vietnamese_500() -> None:
    client = Client(raise_request_exception=False)

    response = client.get("/loi-thu/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Hệ thống đang gặp sự cố" in html
    assert "Server Error" not in html
    assert 'class="site-header"' in html and "thidua/site.css" in html
    assert '<a href="/">Về trang chủ</a>' in html


@pytest.mark.django_db
def test_500_page_renders_without_context_or_queries(django_assert_num_queries: Any) -> None:
    # Django's server_error renders it so: no request, no context processors. The failure may be
    # the database, so the page must not touch it.
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()

    assert '<html lang="vi">' in html
    assert "Lỗi 500" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_admin_404_stays_wagtails_in_vietnamese(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["province"])

    response = client.get("/admin/khong-co-man-hinh-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Không tìm thấy trang được yêu cầu." in html
    assert "could not be found" not in html
