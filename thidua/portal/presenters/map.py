"""Markers of the administrative map page: units' centres placed in an SVG box (pure, no Django).

The page draws no national or provincial outline: no official boundary file is available offline,
and a map of Việt Nam that does not show Hoàng Sa and Trường Sa must never be drawn. Only the
relative positions of the units' centres are shown, and the page says so."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
HEIGHT = 480
PAD = 40


@dataclass(frozen=True)
class UnitPoint:
    name: str
    kind: str
    organisation: str
    latitude: Decimal | None
    longitude: Decimal | None


@dataclass(frozen=True)
class Marker:
    number: int
    name: str
    kind: str
    organisation: str
    latitude: Decimal
    longitude: Decimal
    x: float
    y: float


def place(points: list[UnitPoint]) -> tuple[list[Marker], list[UnitPoint]]:
    """Markers for the units with coordinates (numbered in list order) and the units without any.

    An equirectangular projection around the points' mean latitude, scaled to fit the box with the
    same scale on both axes, so distances between units keep their proportions."""
    located = [p for p in points if p.latitude is not None and p.longitude is not None]
    missing = [p for p in points if p.latitude is None or p.longitude is None]
    if not located:
        return [], missing
    lats = [float(p.latitude) for p in located]  # type: ignore[arg-type]
    lons = [float(p.longitude) for p in located]  # type: ignore[arg-type]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))
    xs = [lon * shrink for lon in lons]
    span_x = max(xs) - min(xs) or 1e-6
    span_y = max(lats) - min(lats) or 1e-6
    scale = min((WIDTH - 2 * PAD) / span_x, (HEIGHT - 2 * PAD) / span_y)
    off_x = (WIDTH - span_x * scale) / 2
    off_y = (HEIGHT - span_y * scale) / 2
    markers = [
        Marker(
            number=index,
            name=p.name,
            kind=p.kind,
            organisation=p.organisation,
            latitude=p.latitude,  # type: ignore[arg-type]
            longitude=p.longitude,  # type: ignore[arg-type]
            x=round(off_x + (x - min(xs)) * scale, 1),
            y=round(HEIGHT - (off_y + (lat - min(lats)) * scale), 1),
        )
        for index, (p, x, lat) in enumerate(zip(located, xs, lats, strict=True), start=1)
    ]
    return markers, missing
