"""The administrative map page: markers at the units' centres, today's units and the pre-2025 ones,
no outline of the country, the notice saying so."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from thidua.demo import loader
from thidua.portal.presenters.map import HEIGHT, PAD, WIDTH, UnitPoint, place


def test_place_keeps_proportions_inside_the_box() -> None:
    points = [
        UnitPoint("A", "Xã", "UBND A", Decimal("9.6"), Decimal("106.5")),
        UnitPoint("B", "Xã", "UBND B", Decimal("9.8"), Decimal("106.3")),
        UnitPoint("C", "Phường", "UBND C", None, None),
    ]
    markers, missing = place(points)
    assert [m.number for m in markers] == [1, 2] and [u.name for u in missing] == ["C"]
    for m in markers:
        assert PAD - 0.1 <= m.x <= WIDTH - PAD + 0.1 and PAD - 0.1 <= m.y <= HEIGHT - PAD + 0.1
    a, b = markers
    assert a.x > b.x and a.y > b.y  # east is right, north is up
    assert place([]) == ([], [])


@pytest.mark.django_db
def test_demo_map_shows_today_and_before_2025(settings: Any) -> None:
    settings.DEMO = True
    call_command("org_load_units", province=["86"], verbosity=0)
    loader.load_demo()
    client = Client()
    today = client.get("/ban-do-hanh-chinh/").content.decode()
    assert today.count("<circle") >= 5
    assert "không vẽ đường địa giới" in today and "Hoàng Sa và Trường Sa" in today
    assert "Phường Duyên Hải" in today
    before = client.get("/ban-do-hanh-chinh/truoc-2025/").content.decode()
    assert before.count("<circle") == 5
    assert "Huyện Cầu Ngang" in before and "Thị xã Duyên Hải" in before
    assert "<path" not in today + before  # markers only, never an outline
