"""Which initiatives an award used up (gate G8), read from the eligibility result it was granted on.

An initiative supports one honour only (CV 5007/BNV-TĐKT; CV 3385/BTĐKT-P.II; legal-rules G8). When a
proposal is decided, the initiatives its eligibility rested on are marked as used for the new honour,
so the next check does not count them again. Pure: the stored result (engine's JSON) in, ids out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["initiatives_consumed"]

# Reason codes whose initiative is what made the award: one initiative each (the engine cites the
# best one first), except Bằng khen tỉnh's second route, which needs `initiatives_needed` of them
# (Law Art 74(1)(d)). Chiến sĩ thi đua cơ sở under "HTXSNV or initiative" reports its initiative only
# when the HTXSNV route did not carry it, so the reason's presence is the route taken.
_ONE = frozenset({"cstdcs.initiative", "cstd_tinh.initiative", "cstdtq.initiative"})
_MANY = "bk_tinh.initiatives"


def initiatives_consumed(result: Mapping[str, Any]) -> list[str]:
    """The ids ("SK-<pk>") of the initiatives an eligible result relied on, in the engine's order."""
    if result.get("outcome") != "eligible":
        return []
    used: list[str] = []
    for reason in result.get("reasons") or ():
        code = reason.get("code")
        facts = reason.get("facts") or {}
        ids: Sequence[str] = [i for i in facts.get("initiatives") or () if isinstance(i, str)]
        if code in _ONE:
            wanted = 1
        elif code == _MANY:
            wanted = int(facts.get("initiatives_needed") or 0)
        else:
            continue
        for initiative in ids:
            if wanted <= 0:
                break
            if initiative not in used:
                used.append(initiative)
                wanted -= 1
    return used
