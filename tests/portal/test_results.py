"""Published cluster results: nothing shows until the group publishes a closed period; then the
portal's results page, the home box and the honour board show its ranking and aggregate sentences."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client, RequestFactory

from thidua.core.models import AuditEvent
from thidua.demo import loader
from thidua.emulation.models import Period
from thidua.emulation.services.periods import period_publish
from thidua.portal.models import ResultsPage
from thidua.portal.selectors import honours
from thidua.portal.selectors.honours import HonourEntry, honour_board, honour_source_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any) -> None:
    settings.DEMO = True
    settings.PORTAL_COUNTERS_REDIS_URL = None
    call_command("org_load_units", province=["86"], verbosity=0)
    loader.load_demo()


def test_published_results_everywhere_and_unpublish(demo: None) -> None:
    client = Client()
    period = Period.objects.get(published_at__isnull=False)
    home = client.get("/").content.decode()
    assert "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch" in home
    # The honour board reads the awards registry, which the demo fills (its newest provincial honour
    # first); without registry honours it falls back to the published results' leaders.
    from django.utils.html import escape

    from thidua.awards.selectors.honours import registry_honours

    newest = registry_honours(1)[0]
    assert escape(newest.name) in home and escape(newest.decision) in home
    results_url = ResultsPage.objects.get().url
    detail = client.get(f"{results_url}{period.pk}/").content.decode()
    assert "<caption>Bảng xếp hạng</caption>" in detail
    assert "Cầu Ngang" in detail and "số liệu minh họa" in detail
    # The province withdraws it: gone from the portal, and the audit log says who.
    officer = loader.User.objects.get(username="tinh")
    period_publish(actor=officer, period=period, publish=False)
    assert "31.434,47" not in client.get("/").content.decode()
    assert client.get(f"{results_url}{period.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="emulation.period.unpublish", actor_name="Lê Thị Thanh").exists()


def test_only_a_closed_period_by_its_manager(demo: None) -> None:
    open_period = Period.objects.get(closed_at__isnull=True)
    with pytest.raises(ValidationError):
        period_publish(actor=loader.User.objects.get(username="tinh"), period=open_period)
    closed = Period.objects.get(closed_at__isnull=False)
    with pytest.raises(PermissionDenied):
        period_publish(actor=loader.User.objects.get(username="donvi"), period=closed, publish=False)


def test_the_admin_screen_publishes(demo: None) -> None:
    client = Client()
    client.login(
        request=RequestFactory().post("/admin/login/"), username="tinh", password=loader.DEMO_PASSWORD
    )
    period = Period.objects.get(closed_at__isnull=False)
    page = client.get("/admin/cong-thong-tin/cong-bo-ket-qua/").content.decode()
    assert "Thôi công bố" in page
    client.post("/admin/cong-thong-tin/cong-bo-ket-qua/", {"period": period.pk, "action": "unpublish"})
    period.refresh_from_db()
    assert period.published_at is None
    client.post("/admin/cong-thong-tin/cong-bo-ket-qua/", {"period": period.pk, "action": "publish"})
    period.refresh_from_db()
    assert period.published_at is not None
    other = Client()
    other.login(
        request=RequestFactory().post("/admin/login/"), username="donvi", password=loader.DEMO_PASSWORD
    )
    # A member unit that heads no group is refused the screen (Wagtail's refusal: back to the admin's
    # home with a message), and its POST publishes nothing.
    refused = other.get("/admin/cong-thong-tin/cong-bo-ket-qua/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    other.post("/admin/cong-thong-tin/cong-bo-ket-qua/", {"period": period.pk, "action": "unpublish"})
    period.refresh_from_db()
    assert period.published_at is not None


RESULTS_URL = "/admin/cong-thong-tin/cong-bo-ket-qua/"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("province", True),  # the province office manages every group
        ("head", True),  # its unit heads the world's group
        ("sysadmin", True),
        ("member", False),  # its unit is a member (the deputy), not the head
        ("council", False),
        ("editor", False),
        ("chief", False),
        ("outsider", False),
    ],
)
def test_results_screen_only_for_group_managers(personas: dict[str, Any], role: str, allowed: bool) -> None:
    client = Client()
    client.force_login(personas[role])
    response = client.get(RESULTS_URL)
    menu = client.get("/admin/").content.decode()
    if allowed:
        assert response.status_code == 200
        assert RESULTS_URL in menu
        return
    # Refused as Wagtail refuses its own screens: a redirect to the admin's home (or to the login for
    # a user with no admin access at all), and a plain 403 to a script.
    assert response.status_code == 302
    assert response["Location"] == "/admin/" or response["Location"].startswith("/admin/login/")
    assert client.get(RESULTS_URL, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    assert RESULTS_URL not in menu


@pytest.mark.django_db
def test_the_awards_registry_plugs_into_the_honour_board(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(honours, "_sources", [])
    entry = HonourEntry(name="Nguyễn Văn A", honour="Chiến sĩ thi đua cơ sở", kind="individual", year=2026)
    honour_source_register(lambda limit: [entry][:limit])
    assert honour_board(limit=6) == [entry]
