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
