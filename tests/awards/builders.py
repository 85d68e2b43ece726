"""Small helpers that record registry rows through the services, as officers would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.awards.models import AwardDecision
from thidua.awards.services.decisions import award_decision_create


def decision(actor: Any, **overrides: Any) -> AwardDecision:
    data: dict[str, Any] = {
        "number": "15/QĐ-UBND",
        "signed_on": dt.date(2025, 1, 10),
        "award": "chien_si_thi_dua_co_so",
        "period_from_year": 2024,
        "period_to_year": 2024,
        "signer_name": "Nguyễn Văn Ký",
        "signer_title": "Chủ tịch",
    }
    data.update(overrides)
    if "issuer" not in data:
        raise TypeError("decision() needs an issuer")
    return award_decision_create(actor=actor, **data)


def decision_post(world: Any, **overrides: Any) -> dict[str, Any]:
    """The registry's decision form as an officer fills it in (the admin screen's POST): a collective
    honour for home and other, signed by the chairman with no signing authority chosen."""
    data = {
        "number": "20/QĐ-UBND",
        "signed_on": "10/01/2025",
        "issuer": world.office.pk,
        "signing": "",
        "head_title": "",
        "signer_name": "Nguyễn Văn Ký",
        "signer_title": "Chủ tịch",
        "award": "tap_the_lao_dong_tien_tien",
        "period_from_year": "2024",
        "period_to_year": "2024",
        "summary": "",
        "note": "",
        "organisations": [world.home.pk, world.other.pk],
    }
    data.update(overrides)
    return data
