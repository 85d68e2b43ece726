"""The portal's honour board reads the awards registry (#12 ↔ #13): provincial and state honours,
newest first, a person by name and unit only; grassroots titles stay off; with none, the portal's
published results stand in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.awards.builders import decision
from thidua.awards.selectors.honours import registry_honours
from thidua.portal.selectors.honours import honour_board

pytestmark = pytest.mark.django_db


def test_the_board_lists_the_registrys_provincial_honours(world: Any, personas: dict[str, Any]) -> None:
    province = personas["province"]
    decision(province, issuer=world.office, people=[world.home_person])  # CSTĐ cơ sở: not on the board
    decision(
        province,
        issuer=world.office,
        number="88/QĐ-UBND",
        award="bang_khen_chu_tich_ubnd_tinh",
        signed_on=dt.date(2025, 3, 2),
        people=[world.other_person],
    )
    decision(
        province,
        issuer=world.office,
        number="90/QĐ-UBND",
        award="tap_the_lao_dong_xuat_sac",
        signed_on=dt.date(2025, 4, 5),
        organisations=[world.other],
    )

    entries = honour_board(limit=5)

    assert entries == registry_honours(5)
    assert [(e.kind, e.honour, e.year) for e in entries] == [
        ("collective", "Tập thể lao động xuất sắc", 2024),
        ("individual", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 2024),
    ]
    person = entries[1]
    assert person.name == f"{world.other_person.full_name} ({world.other_person.organisation})"
    assert person.decision == f"Quyết định số 88/QĐ-UBND ngày 02/03/2025 của {world.office.name}"
    assert honour_board(limit=1) == entries[:1]


def test_without_registry_honours_the_published_results_stand_in(
    world: Any, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua.portal.selectors import results
    from thidua.portal.selectors.honours import HonourEntry

    decision(personas["province"], issuer=world.office, people=[world.home_person])  # grassroots only
    assert registry_honours(5) == []
    leader = HonourEntry(name="Huyện Cầu Ngang", honour="Dẫn đầu Cụm Thi đua số 1", kind="collective")
    monkeypatch.setattr(results, "results_as_honours", lambda *, limit, published=None: [leader])

    assert honour_board(limit=5) == [leader]
