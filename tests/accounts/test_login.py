"""The admin's login page and page titles read in the product's words, not Wagtail's English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import translation

from thidua.accounts.forms import LoginForm


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "no <title>"
    return " ".join(match.group(1).split())


@pytest.mark.django_db
def test_login_page_labels_the_password_in_vietnamese() -> None:
    response = Client().get("/admin/login/")

    html = response.content.decode()
    assert re.search(r'<label[^>]*for="id_password"[^>]*>\s*Mật khẩu', html)
    assert "Password" not in html


def test_login_form_password_label_follows_the_language() -> None:
    with translation.override("en"):
        assert str(LoginForm().fields["password"].label) == "Password"
    with translation.override("vi"):
        assert str(LoginForm().fields["password"].label) == "Mật khẩu"


@pytest.mark.django_db
def test_login_page_title_ends_with_the_product_name() -> None:
    title = _title(Client().get("/admin/login/").content.decode())

    assert title.endswith("- Thi đua – Khen thưởng")
    assert "Wagtail" not in title


@pytest.mark.django_db
@override_settings(WAGTAIL_SITE_NAME="Thi đua tỉnh Thử")
def test_admin_page_titles_end_with_the_configured_site_name(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["province"])

    for url in ("/admin/", "/admin/org/people/", "/admin/khong-co/"):
        title = _title(client.get(url).content.decode())
        assert title.endswith("- Thi đua tỉnh Thử"), (url, title)
        assert "Wagtail" not in title, url
