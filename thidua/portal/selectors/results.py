"""Published cluster results on the portal.

Not built yet (issue #13, step 6): emulation has no "published" mark on a closed period, and the
portal must not show a period's ranking before the group chooses to publish it. Until that flag
exists these readers return nothing and the home page's box says that no result has been published.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.portal.selectors.honours import HonourEntry


@dataclass(frozen=True)
class PublishedResult:
    title: str
    sentences: list[str]
    url: str = ""


def published_results(*, limit: int) -> list[PublishedResult]:
    return []


def results_as_honours(*, limit: int) -> list[HonourEntry]:
    return []
