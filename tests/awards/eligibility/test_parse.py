"""The parser refuses what the contract does not allow, naming each path; every problem at once."""

from __future__ import annotations

from typing import Any

import pytest

from thidua.awards.eligibility import EligibilityInputError, parse_input

from .helpers import person


def problems(subject: dict[str, Any], **top: Any) -> list[tuple[str, str]]:
    document = {"as_of": "2026-01-20", "subjects": [subject], **top}
    with pytest.raises(EligibilityInputError) as caught:
        parse_input(document)
    return [(p.path, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("fields", "path", "start"),
    [
        ({"kind": "person"}, "subjects[0].kind", 'unknown kind "person"'),
        ({"requested": []}, "subjects[0].requested", "must name at least one award code"),
        ({"requested": "lao_dong_tien_tien"}, "subjects[0].requested", "must be a list"),
        (
            {"requested": ["lao_dong_tien_tien", "lao_dong_tien_tien"]},
            "subjects[0].requested[1]",
            '"lao_dong_tien_tien" is requested twice',
        ),
        ({"year": 2027}, "subjects[0].year", "must be between 1945 and 2026"),
        ({"year": "2025"}, "subjects[0].year", "must be a whole number"),
        ({"year": 2025.0}, "subjects[0].year", "must be a whole number"),
        ({"year": True}, "subjects[0].year", "must be a whole number"),
        ({"id": ""}, "subjects[0].id", "must not be empty"),
        ({"id": 7}, "subjects[0].id", "must be a string"),
        ({"ratings": {"25": "htt"}}, 'subjects[0].ratings["25"]', "the key must be a year"),
        ({"ratings": {"2025": "HTT"}}, 'subjects[0].ratings["2025"]', 'unknown rating "HTT"'),
        ({"ratings": ["htt"]}, "subjects[0].ratings", "must be an object of year: rating"),
        ({"honours": [{"code": "lao_dong_tien_tien"}]}, "subjects[0].honours[0]", "needs year"),
        ({"honours": [{"code": "x", "year": 2024}]}, "subjects[0].honours[0].code", 'unknown award code "x"'),
        (
            {"honours": [{"code": "lao_dong_tien_tien", "period": [2025, 2023]}]},
            "subjects[0].honours[0].period",
            "ends (2023) before it starts (2025)",
        ),
        (
            {"honours": [{"code": "lao_dong_tien_tien", "period": [2023]}]},
            "subjects[0].honours[0].period",
            "must be a list of two years",
        ),
        (
            {"honours": [{"code": "lao_dong_tien_tien", "period": [2023, 2024], "year": 2023}]},
            "subjects[0].honours[0].year",
            "must equal the period's last year (2024)",
        ),
        (
            {"honours": [{"code": "lao_dong_tien_tien", "year": 2024, "decision_date": "2025-1-10"}]},
            "subjects[0].honours[0].decision_date",
            "must be a date written YYYY-MM-DD",
        ),
        (
            {"initiatives": [{"id": "S", "scope": "huyen", "year": 2025}]},
            "subjects[0].initiatives[0].scope",
            'unknown scope "huyen"',
        ),
        ({"initiatives": [{"id": "S", "scope": "tinh"}]}, "subjects[0].initiatives[0].year", "required"),
        (
            {"initiatives": [{"id": "S", "scope": "tinh", "year": 2025, "used_for": "x"}]},
            "subjects[0].initiatives[0].used_for",
            'unknown award code "x"',
        ),
        (
            {"discipline": [{"level": "nhac_nho", "from": "2025-01-01", "to": "2025-06-01"}]},
            "subjects[0].discipline[0].level",
            'unknown level "nhac_nho"',
        ),
        (
            {"discipline": [{"level": "canh_cao", "from": "2025-06-01", "to": "2025-05-31"}]},
            "subjects[0].discipline[0].to",
            "ends (2025-05-31) before it starts (2025-06-01)",
        ),
        ({"pending": [{"kind": "audit"}]}, "subjects[0].pending[0].since", "required"),
        (
            {"recruited_on": "2025-13-01"},
            "subjects[0].recruited_on",
            '"2025-13-01" is not a date in the calendar',
        ),
        (
            {
                "members": {
                    "total": 0,
                    "completed": 0,
                    "ldtt": 0,
                    "cstdcs": 0,
                    "disciplined_canh_cao_or_above": 0,
                }
            },
            "subjects[0].members.total",
            "must be at least 1",
        ),
        (
            {"members": {"total": 5, "ldtt": 0, "cstdcs": 0, "disciplined_canh_cao_or_above": 0}},
            "subjects[0].members.completed",
            "required",
        ),
        (
            {
                "members": {
                    "total": 5,
                    "completed": -1,
                    "ldtt": 0,
                    "cstdcs": 0,
                    "disciplined_canh_cao_or_above": 0,
                }
            },
            "subjects[0].members.completed",
            "must be at least 0",
        ),
        (
            {"lineage": [{"date": "2025-07-01", "predecessors": []}]},
            "subjects[0].lineage[0].predecessors",
            "must name at least one predecessor",
        ),
        ({"leads_group": "yes"}, "subjects[0].leads_group", 'must be true or false, not "yes"'),
        ({"rating": {"2025": "htt"}}, "subjects[0].rating", "unknown key"),
    ],
)
def test_one_problem_named_by_its_path(fields: dict[str, Any], path: str, start: str) -> None:
    found = problems(person("lao_dong_tien_tien", **fields))
    assert [p for p, _ in found] == [path]
    assert found[0][1].startswith(start), found


@pytest.mark.parametrize("missing", ["id", "kind", "requested", "year"])
def test_required_fields(missing: str) -> None:
    subject = person("lao_dong_tien_tien")
    del subject[missing]
    assert problems(subject) == [("subjects[0]." + missing, "required")]


def test_every_problem_at_once_in_document_order() -> None:
    subject = person("lao_dong", ratings={"2025": "xs"}, pending=[{"kind": "audit", "since": "hôm qua"}])
    subject["year"] = "x"
    found = problems(subject, received_on="2026-13-01", rules=[])
    assert [p for p, _ in found] == [
        "received_on",
        "subjects[0].requested[0]",
        "subjects[0].year",
        'subjects[0].ratings["2025"]',
        "subjects[0].pending[0].since",
        "rules",
    ]


def test_duplicate_subject_ids() -> None:
    document = {"as_of": "2026-01-20", "subjects": [person("lao_dong_tien_tien"), person("giay_khen")]}
    with pytest.raises(EligibilityInputError) as caught:
        parse_input(document)
    assert [str(p) for p in caught.value.problems] == [
        'subjects[1].id: duplicate id "P" (first used at subjects[0].id)'
    ]


def test_absent_lists_are_empty_and_null_means_absent() -> None:
    document = parse_input(
        {
            "as_of": "2026-01-20",
            "received_on": None,
            "subjects": [person("lao_dong_tien_tien", honours=None, recruited_on=None)],
        }
    )
    subject = document.inputs.subjects[0]
    assert (subject.honours, subject.recruited_on, document.inputs.received_on) == ((), None, None)


def test_names_are_nfc() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Xã An Phú")
    document = parse_input(
        {
            "as_of": "2026-01-20",
            "subjects": [
                {
                    "id": "T",
                    "kind": "collective",
                    "requested": ["giay_khen"],
                    "year": 2025,
                    "lineage": [{"date": "2025-07-01", "predecessors": [decomposed]}],
                }
            ],
        }
    )
    assert document.inputs.subjects[0].lineage[0].predecessors == ("Xã An Phú",)
