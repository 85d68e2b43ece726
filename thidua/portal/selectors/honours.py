"""The honour board (Bảng vàng): a pluggable source of exemplary collectives and individuals.

The portal does not read the awards registry itself. The registry registers a source from its
AppConfig.ready() (honour_source_register), as core's job runners are plugged in, and the page shows
what the last registered source gives (the awards registry: awards/selectors/honours.py). While no
source is registered, or it has nothing to show, the board lists the cluster results that the province
has published (selectors/results.py), which is what the emulation side can already say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.portal.selectors.results import PublishedResult


@dataclass(frozen=True)
class HonourEntry:
    name: str  # the collective or person honoured
    honour: str  # the title or award, e.g. "Cờ thi đua của UBND tỉnh" or "Dẫn đầu Cụm Thi đua số 1"
    kind: str  # "collective" or "individual"
    year: int | None = None
    decision: str = ""  # the decision's number and date, when there is one
    url: str = ""


HonourSource = Callable[[int], list[HonourEntry]]

_sources: list[HonourSource] = []


def honour_source_register(source: HonourSource) -> None:
    """Plug in a source of honours, `source(limit) -> list[HonourEntry]`; the last registered wins,
    so the awards registry replaces the default when it lands."""
    if source not in _sources:
        _sources.append(source)


def honour_board(*, limit: int, published: list[PublishedResult] | None = None) -> list[HonourEntry]:
    """The registered source's entries; by default the leaders of the published results (given
    `published`, the caller's already-read results are used instead of reading them again)."""
    if _sources:
        entries = _sources[-1](limit)
        if entries:
            return entries
    # No source, or nothing in it yet: the leaders of the published results.
    from thidua.portal.selectors.results import results_as_honours

    return results_as_honours(limit=limit, published=published)
