"""Duplicate detection across units, levels and years, from tables; pure."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.awards.eligibility.codes import AwardCode, SubjectKind
from thidua.awards.rules.duplicates import (
    Candidate,
    Duplicate,
    DuplicateIndex,
    MatchBasis,
    find_duplicates,
    fold_name,
    match_basis,
)

C, B = AwardCode, MatchBasis
LAN_BORN = date(1985, 3, 12)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Thị Lan", "nguyen thi lan"),
        ("nguyen thi  lan", "nguyen thi lan"),
        ("  NGUYỄN   THỊ LAN ", "nguyen thi lan"),
        ("Đặng Văn Đức", "dang van duc"),
        ("đặng văn đức", "dang van duc"),
        ("ĐẶNG VĂN ĐỨC", "dang van duc"),
        ("Ðặng Văn Ðức", "dang van duc"),  # Ð (U+00D0) from text converted out of TCVN3/VNI
        ("Trần\u00a0Thị\tHoa\n", "tran thi hoa"),  # a no-break space, a tab
        (unicodedata.normalize("NFD", "Lê Thị Thuỷ"), "le thi thuy"),  # decomposed input
        ("Lê Thị Thủy", "le thi thuy"),  # the two placements of the tone mark fold alike
        ("Ｎｇｕｙễｎ", "nguyen"),  # full-width letters
        ("", ""),
    ],
)
def test_fold_name(text: str, folded: str) -> None:
    assert fold_name(text) == folded


@given(st.text())
def test_fold_name_is_idempotent(text: str) -> None:
    assert fold_name(fold_name(text)) == fold_name(text)


@given(
    st.text(
        alphabet="aăâbdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    )
)
def test_fold_name_leaves_plain_lowercase_ascii_words(text: str) -> None:
    folded = fold_name(text)
    assert folded == " ".join(folded.split())
    assert all(char == " " or "a" <= char <= "z" for char in folded)


def person(
    ref: str,
    name: str = "Nguyễn Thị Lan",
    born: date | None = LAN_BORN,
    *,
    code: str | None = None,
    award: AwardCode = C.CHIEN_SI_THI_DUA_CO_SO,
    years: tuple[int, int] = (2025, 2025),
    unit: str = "UBND xã Long Hữu",
    org: int | None = None,
) -> Candidate:
    return Candidate(
        ref=ref,
        subject=SubjectKind.INDIVIDUAL,
        award=award,
        year_from=years[0],
        year_to=years[1],
        person_code=code,
        full_name=name,
        birth_date=born,
        organisation_id=org,
        unit_name=unit,
        source="Sổ khen thưởng tỉnh",
    )


def collective(
    ref: str, org: int | None, *, award: AwardCode = C.TAP_THE_LAO_DONG_XUAT_SAC, years=(2025, 2025)
):
    return Candidate(
        ref=ref,
        subject=SubjectKind.COLLECTIVE,
        award=award,
        year_from=years[0],
        year_to=years[1],
        organisation_id=org,
    )


NEW = person("new")
# (the other row, the expected basis or None)
CASES = [
    # the same person, name typed with and without diacritics, in another case, with extra spaces
    (person("a", "Nguyễn Thị Lan"), B.NAME_AND_BIRTH_DATE),
    (person("b", "nguyen thi lan"), B.NAME_AND_BIRTH_DATE),
    (
        person("c", "NGUYEN  THI   LAN", unit="Sở Nội vụ"),
        B.NAME_AND_BIRTH_DATE,
    ),  # another unit: still the person
    # the same name and another birth date: another person
    (person("d", "Nguyễn Thị Lan", date(1990, 7, 1)), None),
    # the same person for another form, or a disjoint period
    (person("f", award=C.LAO_DONG_TIEN_TIEN), None),
    (person("g", years=(2022, 2024)), None),
    (person("h", years=(2026, 2026)), None),
    # an overlapping period (a Bằng khen for 2024–2025 against 2025)
    (person("i", years=(2023, 2025)), B.NAME_AND_BIRTH_DATE),
    # a collective with the same award never matches a person
    (collective("j", 7, award=C.CHIEN_SI_THI_DUA_CO_SO), None),
]


@pytest.mark.parametrize(("other", "basis"), CASES, ids=[c[0].ref for c in CASES])
def test_against_a_person_without_a_code(other: Candidate, basis: MatchBasis | None) -> None:
    assert match_basis(NEW, other) == basis
    found = DuplicateIndex.from_candidates([other]).matches(NEW)
    assert [d.basis for d in found] == ([basis] if basis else [])


def test_a_name_with_a_different_letter_is_another_person() -> None:
    # "Lân" folds to "lan" too: without the marks the letters are the same, and the birth date decides
    assert fold_name("Nguyễn Thị Lân") == "nguyen thi lan"
    assert match_basis(NEW, person("x", "Nguyễn Thị Lân", date(1990, 1, 1))) is None
    assert match_basis(NEW, person("x", "Nguyễn Thị Lài")) is None


@pytest.mark.parametrize(
    ("item", "other", "basis"),
    [
        # the code decides when both have one: the same code is one person, however the name is typed
        (
            person("n", code="01.003.123"),
            person("o", "Ng. Thị Lan", None, code=" 01.003.123 "),
            B.CIVIL_SERVANT_CODE,
        ),
        # two codes are two people, even with the same name and birth date
        (person("n", code="01.003.123"), person("o", code="01.003.999"), None),
        # one code only: the name and birth date decide
        (person("n", code="01.003.123"), person("o"), B.NAME_AND_BIRTH_DATE),
        (person("n", code="01.003.123"), person("o", born=date(1990, 1, 1)), None),
        # the same code, another form: not a duplicate
        (person("n", code="X1"), person("o", code="X1", award=C.GIAY_KHEN), None),
    ],
)
def test_the_code_beats_the_name(item: Candidate, other: Candidate, basis: MatchBasis | None) -> None:
    assert match_basis(item, other) == basis
    assert [d.basis for d in DuplicateIndex.from_candidates([other]).matches(item)] == (
        [basis] if basis else []
    )


@pytest.mark.parametrize(
    ("item", "other", "basis"),
    [
        # no birth date on one side: a weak match, and only in the same unit
        (person("n", born=None), person("o"), B.NAME_IN_SAME_UNIT),
        (
            person("n", born=None, org=5, unit=""),
            person("o", born=None, org=5, unit="x"),
            B.NAME_IN_SAME_UNIT,
        ),
        (person("n", born=None, unit="UBND XA LONG HUU"), person("o", born=None), B.NAME_IN_SAME_UNIT),
        (person("n", born=None), person("o", unit="Sở Y tế"), None),
        (person("n", born=None, org=5), person("o", born=None, org=6), None),  # ids decide over names
        (person("n", born=None, unit=""), person("o", born=None, unit=""), None),  # no unit on either side
        # a code on one side only does not help: the name in the same unit, weakly
        (person("n", born=None, code="C1"), person("o", born=None), B.NAME_IN_SAME_UNIT),
        # no name at all matches nothing
        (person("n", "", None), person("o", "", None), None),
    ],
)
def test_a_name_without_a_birth_date_is_a_weak_match_in_the_same_unit(
    item: Candidate, other: Candidate, basis: MatchBasis | None
) -> None:
    assert match_basis(item, other) == basis
    found = DuplicateIndex.from_candidates([other]).matches(item)
    assert [d.basis for d in found] == ([basis] if basis else [])
    assert all(d.weak for d in found)


@pytest.mark.parametrize(
    ("item", "other", "basis"),
    [
        (collective("n", 7), collective("o", 7), B.ORGANISATION),
        (collective("n", 7), collective("o", 8), None),
        (collective("n", 7), collective("o", 7, award=C.CO_THI_DUA_CAP_TINH), None),
        (collective("n", 7, years=(2024, 2025)), collective("o", 7, years=(2025, 2026)), B.ORGANISATION),
        (collective("n", 7, years=(2024, 2024)), collective("o", 7, years=(2025, 2026)), None),
        (collective("n", None), collective("o", None), None),  # no organisation: no identity
    ],
)
def test_collectives_by_organisation(item: Candidate, other: Candidate, basis: MatchBasis | None) -> None:
    assert match_basis(item, other) == basis
    assert [d.basis for d in DuplicateIndex.from_candidates([other]).matches(item)] == (
        [basis] if basis else []
    )


def test_a_duplicate_carries_what_the_screens_word() -> None:
    other = person("record:9", "NGUYEN THI LAN", years=(2024, 2026), unit="Sở Nội vụ")
    (found,) = find_duplicates([person("item:1", years=(2025, 2027))], [other])
    assert found == Duplicate(
        item=found.item, other=other, basis=B.NAME_AND_BIRTH_DATE, year_from=2025, year_to=2026
    )
    assert (found.item_ref, found.other_ref, found.award, found.weak) == (
        "item:1",
        "record:9",
        C.CHIEN_SI_THI_DUA_CO_SO,
        False,
    )
    assert (found.other.unit_name, found.other.source) == ("Sở Nội vụ", "Sổ khen thưởng tỉnh")


def test_find_duplicates_within_the_batch_and_against_the_registry() -> None:
    registry = [person("r1", code="C1"), person("r2", "Trần Văn Bình", date(1970, 1, 1)), collective("r3", 7)]
    batch = [
        person("n1", "Nguyen Thi Lan", code="c1"),  # the registry's r1, by code
        person("n2", "Lê Văn Tám", date(1980, 5, 5)),
        person("n3", "LE VAN TAM", date(1980, 5, 5), unit="Sở Y tế"),  # n2 again, from another unit
        collective("n4", 7),  # r3
        collective("n5", 7),  # r3 and n4
    ]
    found = [(d.item_ref, d.other_ref, d.basis) for d in find_duplicates(batch, registry)]
    assert found == [
        ("n1", "r1", B.CIVIL_SERVANT_CODE),
        ("n3", "n2", B.NAME_AND_BIRTH_DATE),
        ("n4", "r3", B.ORGANISATION),
        ("n5", "r3", B.ORGANISATION),
        ("n5", "n4", B.ORGANISATION),
    ]
    # a prepared index gives the same answer and can serve another batch
    index = DuplicateIndex.from_candidates(registry)
    assert [(d.item_ref, d.other_ref) for d in find_duplicates(batch, index)] == [f[:2] for f in found]
    assert len(index) == 3


def test_strongest_first_and_one_row_once() -> None:
    registry = [
        person("w", born=None),  # weak
        person("s", code="C1"),  # by code, also found by name: reported once
        person("m", code=None),  # by name and birth date
    ]
    found = DuplicateIndex.from_candidates(registry).matches(person("n", code="C1"))
    assert [(d.other_ref, d.basis) for d in found] == [
        ("s", B.CIVIL_SERVANT_CODE),
        ("m", B.NAME_AND_BIRTH_DATE),
        ("w", B.NAME_IN_SAME_UNIT),
    ]


def test_a_row_is_not_its_own_duplicate_and_refs_are_unique() -> None:
    assert find_duplicates([NEW], [NEW]) == []
    with pytest.raises(ValueError, match="indexed already"):
        DuplicateIndex.from_candidates([NEW, replace(NEW, full_name="Khác")])
    with pytest.raises(ValueError, match="ends before it starts"):
        person("bad", years=(2026, 2025))


# --- symmetry: the basis does not depend on which side is the new item -------------------------------
_names = st.sampled_from(["Nguyễn Thị Lan", "nguyen thi lan", "NGUYỄN THỊ LAN", "Trần Văn Bình", ""])
_births = st.sampled_from([None, LAN_BORN, date(1990, 7, 1)])
_codes = st.sampled_from([None, "C1", " c1", "C2"])
_units = st.sampled_from(["UBND xã Long Hữu", "ubnd xa long huu", "Sở Y tế", ""])
_orgs = st.sampled_from([None, 1, 2])
_awards = st.sampled_from([C.CHIEN_SI_THI_DUA_CO_SO, C.GIAY_KHEN])
_years = st.tuples(st.integers(2020, 2026), st.integers(0, 3)).map(lambda t: (t[0], t[0] + t[1]))


@st.composite
def candidates(draw: st.DrawFn, ref: str) -> Candidate:
    years = draw(_years)
    return Candidate(
        ref=ref,
        subject=draw(st.sampled_from(list(SubjectKind))),
        award=draw(_awards),
        year_from=years[0],
        year_to=years[1],
        person_code=draw(_codes),
        full_name=draw(_names),
        birth_date=draw(_births),
        organisation_id=draw(_orgs),
        unit_name=draw(_units),
    )


@given(candidates("a"), candidates("b"))
def test_match_basis_is_symmetric(a: Candidate, b: Candidate) -> None:
    assert match_basis(a, b) == match_basis(b, a)
    # and the index finds exactly what the pairwise rule says, from either side
    ab = DuplicateIndex.from_candidates([b]).matches(a)
    ba = DuplicateIndex.from_candidates([a]).matches(b)
    assert (
        [d.basis for d in ab] == [d.basis for d in ba] == ([match_basis(a, b)] if match_basis(a, b) else [])
    )
    if ab:
        assert (ab[0].year_from, ab[0].year_to) == (ba[0].year_from, ba[0].year_to)


@given(st.lists(candidates("x"), max_size=12), candidates("new"))
def test_the_index_finds_what_a_scan_finds(rows: list[Candidate], item: Candidate) -> None:
    rows = [replace(row, ref=f"r{i}") for i, row in enumerate(rows)]
    scanned = sorted(row.ref for row in rows if match_basis(item, row) is not None)
    assert sorted(d.other_ref for d in DuplicateIndex.from_candidates(rows).matches(item)) == scanned
