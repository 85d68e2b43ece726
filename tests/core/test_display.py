"""Raw values in words on staff screens (thidua.core.display and the admin views built on it)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from tests.emulation.fixtures import CRITERIA
from thidua.core.display import EMPTY, display_value
from thidua.emulation.models import CriteriaTemplate


@pytest.mark.parametrize(
    ("value", "shown"),
    [(True, "Có"), (False, "Không"), (None, EMPTY), ("", EMPTY), (0, 0), ("abc", "abc")],
)
def test_display_value(value: object, shown: object) -> None:
    assert display_value(value) == shown


def test_display_value_follows_the_language() -> None:
    with translation.override("en"):
        assert str(display_value(True)) == "Yes"
        assert str(display_value(False)) == "No"


def _fields(html: str) -> dict[str, str]:
    """The inspect page's label -> value pairs, as text."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    return {" ".join(dt.split()): " ".join(re.sub(r"<[^>]+>", " ", dd).split()) for dt, dd in pairs}


def _get(user: Any, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


RAW = {"True", "False", "None"}


def _icon_titles(html: str) -> list[str]:
    """What a screen reader reads for the listing's icons (Wagtail's icon tag, title= argument)."""
    return [" ".join(t.split()) for t in re.findall(r'<span class="w-sr-only">(.*?)</span>', html, re.S)]


@pytest.mark.django_db
def test_person_inspect_shows_yes_no(world: Any, personas: dict[str, Any]) -> None:
    person = world.home_person
    html = _get(personas["province"], f"/admin/org/people/inspect/{person.pk}/")

    fields = _fields(html)
    assert fields["Đang công tác"] == "Có"
    assert not RAW & set(fields.values()), fields


@pytest.mark.django_db
def test_person_who_left_reads_khong(world: Any, personas: dict[str, Any]) -> None:
    person = world.home_person
    type(person).objects.filter(pk=person.pk).update(is_active=False)

    fields = _fields(_get(personas["province"], f"/admin/org/people/inspect/{person.pk}/"))

    assert fields["Đang công tác"] == "Không"


@pytest.mark.django_db
def test_group_inspect_shows_a_dash_for_no_representative(world: Any, personas: dict[str, Any]) -> None:
    group = world.group
    assert group.head_person_id is None

    fields = _fields(_get(personas["province"], f"/admin/org/groups/inspect/{group.pk}/"))

    head_person = next(v for k, v in fields.items() if k.startswith("Đại diện") and "trưởng" in k)
    assert head_person == EMPTY
    assert not RAW & set(fields.values()), fields


@pytest.mark.django_db
def test_people_listing_reads_the_ticks_as_co_khong(world: Any, personas: dict[str, Any]) -> None:
    html = _get(personas["province"], "/admin/org/people/")

    titles = _icon_titles(html)
    assert "Có" in titles
    assert not RAW & set(titles)


@pytest.mark.django_db
def test_criteria_template_is_active_reads_co_in_listing_and_inspect(personas: dict[str, Any]) -> None:
    # "is_active" is named in the template viewset's list_display, so Wagtail builds a plain column
    # for it, which printed "True".
    client = Client()
    client.force_login(personas["province"])
    response = client.post(
        "/admin/emulation/templates/new/",
        {
            "name": "Bộ tiêu chí cụm xã 2027",
            "kind": "cum",
            "criteria": json.dumps(CRITERIA, ensure_ascii=False),
            "aggregates": json.dumps([{"criterion": "1.1", "kind": "sum_ratio"}]),
            "tie_break": "1.1, 2.1",
        },
    )
    assert response.status_code == 302
    template = CriteriaTemplate.objects.get(name="Bộ tiêu chí cụm xã 2027")

    listing = _get(personas["province"], "/admin/emulation/templates/").split("</head>", 1)[1]
    inspect = _fields(_get(personas["province"], f"/admin/emulation/templates/inspect/{template.pk}/"))

    assert not re.search(r"<td[^>]*>\s*(True|False|None)\s*</td>", listing)
    assert "Có" in _icon_titles(listing)
    assert "Có" in inspect.values()
    assert not RAW & set(inspect.values()), inspect
