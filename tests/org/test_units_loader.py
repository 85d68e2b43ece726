"""The parsing of vietnamadminunits (pure, on small slices and on the real package without a database)
and the org_load_units command on the real data of tỉnh Vĩnh Long (--province 86)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from importlib import metadata
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.audit_support import audit_rows_delete
from thidua.core.models import AuditEvent
from thidua.org import units_loader as ul
from thidua.org.models import AdminUnit, UnitLineage
from thidua.org.units_loader import UnitKey

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)


# ---------------------------------------------------------------------------------------------------
# A small slice shaped like the package data: part of Trà Vinh and of the old Vĩnh Long becoming the
# new tỉnh Vĩnh Long, Huế continuing unchanged, and Quảng Ngãi's island district Lý Sơn.


def _legacy(
    province: tuple[str, str, str],
    district: tuple[str, str, str, str],
    ward: tuple[str, str, str] | None,
) -> dict[str, Any]:
    province_key, province_code, province_name = province
    district_key, district_code, district_name, district_type = district
    ward_key, ward_code, ward_name = ward or (None, None, None)
    return {
        "province": province_name,
        "provinceShort": province_name.split(" ", 1)[1],
        "provinceCode": province_code,
        "provinceKey": province_key,
        "provinceLat": 9.8,
        "provinceLon": 106.3,
        "district": district_name,
        "districtShort": district_name.removeprefix(district_type + " "),
        "districtType": district_type,
        "districtCode": district_code,
        "districtKey": district_key,
        "districtLat": 9.7,
        "districtLon": 106.5,
        "ward": ward_name,
        "wardShort": ward_name.split(" ", 1)[1] if ward_name else None,
        "wardType": ward_name.split(" ", 1)[0] if ward_name else None,
        "wardCode": ward_code,
        "wardKey": ward_key,
        "wardLat": 9.6 if ward else None,
        "wardLon": 106.6 if ward else None,
    }


def _current(province: tuple[str, str, str], ward: tuple[str, str, str, str]) -> dict[str, Any]:
    province_key, province_code, province_name = province
    ward_key, ward_code, ward_name, ward_type = ward
    return {
        "province": province_name,
        "provinceShort": province_name.removeprefix("Tỉnh ").removeprefix("Thành phố "),
        "provinceCode": province_code,
        "provinceKey": province_key,
        "provinceLat": 9.99545,
        "provinceLon": 106.292,
        "ward": ward_name,
        "wardShort": ward_name.removeprefix(ward_type + " "),
        "wardType": ward_type,
        "wardCode": ward_code,
        "wardKey": ward_key,
        "wardLat": 9.6123456,
        "wardLon": 106.4,
        "wardAreaKm2": 24.975,
    }


TRA_VINH = ("tinhtravinh", "84", "Tỉnh Trà Vinh")
OLD_VINH_LONG = ("tinhvinhlong", "86", "Tỉnh Vĩnh Long")
HUE = ("thanhphohue", "46", "Thành phố Huế")
QUANG_NGAI = ("tinhquangngai", "51", "Tỉnh Quảng Ngãi")
HUYEN_DUYEN_HAI = ("huyenduyenhai", "850", "Huyện Duyên Hải", "Huyện")
THI_XA_DUYEN_HAI = ("thixaduyenhai", "851", "Thị xã Duyên Hải", "Thị xã")
TRA_ON = ("huyentraon", "862", "Huyện Trà Ôn", "Huyện")
PHU_VANG = ("huyenphuvang", "481", "Huyện Phú Vang", "Huyện")
LY_SON = ("huyenlyson", "536", "Huyện Lý Sơn", "Huyện")


def small_slice() -> ul.PackageData:
    legacy = [
        _legacy(TRA_VINH, HUYEN_DUYEN_HAI, ("xadonxuan", "29497", "Xã Đôn Xuân")),
        _legacy(TRA_VINH, HUYEN_DUYEN_HAI, ("xadonchau", "29500", "Xã Đôn Châu")),
        _legacy(TRA_VINH, HUYEN_DUYEN_HAI, ("xalongvinh", "29533", "Xã Long Vĩnh")),
        _legacy(TRA_VINH, THI_XA_DUYEN_HAI, ("phuong1", "29512", "Phường 1")),
        _legacy(TRA_VINH, THI_XA_DUYEN_HAI, ("xalongtoan", "29515", "Xã Long Toàn")),
        _legacy(OLD_VINH_LONG, TRA_ON, ("xatracon", "29836", "Xã Trà Côn")),
        _legacy(HUE, PHU_VANG, ("xaphuthuan", "20000", "Xã Phú Thuận")),
        _legacy(HUE, PHU_VANG, ("xaphuhai", "20003", "Xã Phú Hải")),
        _legacy(QUANG_NGAI, LY_SON, None),
    ]
    new_vinh_long = ("tinhvinhlong", "86", "Tỉnh Vĩnh Long")
    current = [
        _current(new_vinh_long, ("xadonchau", "29497", "Xã Đôn Châu", "Xã")),
        _current(new_vinh_long, ("xalongvinh", "29533", "Xã Long Vĩnh", "Xã")),
        _current(new_vinh_long, ("phuongduyenhai", "29512", "Phường Duyên Hải", "Phường")),
        _current(new_vinh_long, ("xatracon", "29836", "Xã Trà Côn", "Xã")),
        _current(new_vinh_long, ("xatraon", "29821", "Xã Trà Ôn", "Xã")),
        _current(HUE, ("xaphuvang", "20001", "Xã Phú Vang", "Xã")),
        _current(QUANG_NGAI, ("dackhulyson", "21000", "Đặc khu Lý Sơn", "Đặc khu")),
    ]
    return ul.PackageData(
        version="9.9.9",
        current_rows=current,
        legacy_rows=legacy,
        province_map={
            "tinhvinhlong": ["tinhtravinh", "tinhvinhlong"],
            "thanhphohue": ["thanhphohue"],
            "tinhquangngai": ["tinhquangngai"],
        },
        ward_whole={
            "tinhvinhlong": {
                "xadonchau": ["tinhtravinh_huyenduyenhai_xadonxuan", "tinhtravinh_huyenduyenhai_xadonchau"],
                "xalongvinh": ["tinhtravinh_huyenduyenhai_xalongvinh"],
                "phuongduyenhai": [
                    "tinhtravinh_thixaduyenhai_phuong1",
                    "tinhtravinh_thixaduyenhai_xalongtoan",
                ],
            },
            "thanhphohue": {
                "xaphuvang": ["thanhphohue_huyenphuvang_xaphuthuan", "thanhphohue_huyenphuvang_xaphuhai"]
            },
            "tinhquangngai": {"dackhulyson": ["tinhquangngai_huyenlyson_"]},
        },
        ward_divided={
            "tinhvinhlong": {
                "tinhvinhlong_huyentraon_xatracon": [
                    {"newWardKey": "xatracon", "isDefaultNewWard": True},
                    {"newWardKey": "xatraon", "isDefaultNewWard": False},
                ]
            }
        },
    )


def _unit(dataset: ul.UnitsDataset, level: str, code: str, until: dt.date | None = None) -> ul.UnitRecord:
    key = UnitKey(level, code, until)
    return next(u for u in dataset.units if u.key == key)


def _links(dataset: ul.UnitsDataset) -> dict[tuple[str, str], ul.LineageRecord]:
    return {(link.predecessor.code, link.successor.code): link for link in dataset.lineage}


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Tỉnh Trà Vinh", "Tỉnh"), ("Thành phố Hà Nội", "Thành phố"), ("Thành phố Huế", "Thành phố")],
)
def test_province_kind_comes_from_the_official_name(name: str, kind: str) -> None:
    assert ul.province_kind(name) == kind


@pytest.mark.parametrize(
    ("targets_of_old", "sources_of_new", "kind"),
    [
        (1, 1, ul.RENAMED),  # one old commune became one new one, whole
        (1, 3, ul.MERGED),  # merged with others into a new one
        (2, 1, ul.SPLIT),  # divided among several new ones
        (2, 4, ul.SPLIT),
    ],
)
def test_commune_link_kind(targets_of_old: int, sources_of_new: int, kind: str) -> None:
    assert ul.commune_link_kind(targets_of_old=targets_of_old, sources_of_new=sources_of_new) == kind


@pytest.mark.parametrize(("targets", "kind"), [(1, ul.MERGED), (2, ul.SPLIT), (7, ul.SPLIT)])
def test_district_link_kind(targets: int, kind: str) -> None:
    assert ul.district_link_kind(targets_of_district=targets) == kind


def test_decimals_are_rounded_to_the_model_fields() -> None:
    assert ul.decimal_or_none(9.6123456, Decimal("0.000001")) == Decimal("9.612346")
    assert ul.decimal_or_none(None, Decimal("0.01")) is None


def test_text_is_stripped_and_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", " Xã Long Vĩnh ")
    assert ul.text(decomposed) == "Xã Long Vĩnh"
    assert unicodedata.is_normalized("NFC", ul.text(decomposed))


def test_merged_province_ends_and_the_new_one_starts_on_1_july_2025() -> None:
    # when
    dataset = ul.build_dataset(small_slice())

    # then
    tra_vinh = _unit(dataset, ul.PROVINCE, "84", BEFORE)
    assert (tra_vinh.name, tra_vinh.kind, tra_vinh.valid_from) == ("Tỉnh Trà Vinh", "Tỉnh", None)
    new = _unit(dataset, ul.PROVINCE, "86")
    assert (new.valid_from, new.valid_until, new.province) == (AFTER, None, "86")
    # The old Vĩnh Long keeps its record, ended; the new one reuses the code.
    assert _unit(dataset, ul.PROVINCE, "86", BEFORE).name == "Tỉnh Vĩnh Long"
    links = _links(dataset)
    assert links[("84", "86")].kind == ul.MERGED
    assert links[("84", "86")].effective_on == AFTER
    assert links[("84", "86")].legal_basis == ul.PROVINCE_LEGAL_BASIS
    assert links[("86", "86")].predecessor.valid_until == BEFORE


def test_unchanged_province_is_one_record_valid_throughout() -> None:
    dataset = ul.build_dataset(small_slice())

    hue = [u for u in dataset.units if u.level == ul.PROVINCE and u.code == "46"]
    assert [(u.valid_from, u.valid_until, u.kind) for u in hue] == [(None, None, "Thành phố")]
    # Its old district hangs under the same record, its new commune too.
    assert _unit(dataset, ul.DISTRICT, "481", BEFORE).parent == UnitKey(ul.PROVINCE, "46")
    assert _unit(dataset, ul.COMMUNE, "20001").parent == UnitKey(ul.PROVINCE, "46")
    assert not [
        link for link in dataset.lineage if link.predecessor.level == ul.PROVINCE and link.province == "46"
    ]


def test_old_units_end_on_30_june_and_new_communes_start_on_1_july() -> None:
    dataset = ul.build_dataset(small_slice())

    district = _unit(dataset, ul.DISTRICT, "850", BEFORE)
    assert (district.name, district.kind, district.parent) == (
        "Huyện Duyên Hải",
        "Huyện",
        UnitKey(ul.PROVINCE, "84", BEFORE),
    )
    old = _unit(dataset, ul.COMMUNE, "29512", BEFORE)
    assert (old.name, old.kind, old.parent) == ("Phường 1", "Phường", UnitKey(ul.DISTRICT, "851", BEFORE))
    new = _unit(dataset, ul.COMMUNE, "29512")
    assert (new.name, new.short_name, new.kind, new.valid_from) == (
        "Phường Duyên Hải",
        "Duyên Hải",
        "Phường",
        AFTER,
    )
    assert (new.latitude, new.area_km2) == (Decimal("9.612346"), Decimal("24.98"))
    assert new.parent == UnitKey(ul.PROVINCE, "86")


def test_commune_and_district_lineage_kinds() -> None:
    links = _links(ul.build_dataset(small_slice()))

    assert links[("29497", "29497")].kind == ul.MERGED  # Đôn Xuân and Đôn Châu -> Đôn Châu
    assert links[("29500", "29497")].kind == ul.MERGED
    assert links[("29533", "29533")].kind == ul.RENAMED  # Long Vĩnh became Long Vĩnh, whole
    assert links[("29836", "29836")].kind == ul.SPLIT  # Trà Côn divided between Trà Côn and Trà Ôn
    assert links[("29836", "29821")].kind == ul.SPLIT
    assert links[("850", "29497")].kind == ul.SPLIT  # huyện Duyên Hải went to two communes
    assert links[("850", "29533")].kind == ul.SPLIT
    assert links[("851", "29512")].kind == ul.MERGED  # thị xã Duyên Hải (in this slice) became one ward
    assert links[("481", "20001")].kind == ul.MERGED
    assert all(link.effective_on == AFTER for link in links.values())


def test_island_district_without_communes_becomes_a_special_zone() -> None:
    dataset = ul.build_dataset(small_slice())

    assert not [
        u for u in dataset.units if u.level == ul.COMMUNE and u.parent == UnitKey(ul.DISTRICT, "536", BEFORE)
    ]
    link = _links(dataset)[("536", "21000")]
    assert (link.predecessor.level, link.kind) == (ul.DISTRICT, ul.MERGED)
    assert _unit(dataset, ul.COMMUNE, "21000").kind == "Đặc khu"


def test_commune_legal_basis_names_the_resolution_of_vinh_long_only() -> None:
    links = _links(ul.build_dataset(small_slice()))

    assert "1687/NQ-UBTVQH15" in links[("29533", "29533")].legal_basis
    assert links[("481", "20001")].legal_basis == ul.COMMUNE_LEGAL_BASIS


def test_filter_keeps_one_current_province_and_what_preceded_it() -> None:
    dataset = ul.build_dataset(small_slice(), provinces=["46"])

    assert {u.province for u in dataset.units} == {"46"}
    assert dataset.counts() == {"province": 1, "district": 1, "commune": 3, "lineage": 3}


def test_unknown_province_code_is_refused() -> None:
    with pytest.raises(ValueError, match="mã 99"):
        ul.build_dataset(small_slice(), provinces=["99"])


def test_mapping_naming_a_missing_unit_fails_loudly() -> None:
    raw = small_slice()
    broken = ul.PackageData(
        version=raw.version,
        current_rows=raw.current_rows,
        legacy_rows=raw.legacy_rows,
        province_map=raw.province_map,
        ward_whole={**raw.ward_whole, "thanhphohue": {"xaphuvang": ["thanhphohue_huyenphuvang_xakhong"]}},
        ward_divided=raw.ward_divided,
    )

    with pytest.raises(ValueError, match="xakhong"):
        ul.build_dataset(broken)


# ---------------------------------------------------------------------------------------------------
# The real package, without a database.


@pytest.fixture(scope="module")
def package() -> ul.PackageData:
    return ul.read_package_data()


def test_package_source_names_the_installed_version(package: ul.PackageData) -> None:
    assert package.source == f"vietnamadminunits {metadata.version('vietnamadminunits')}"


def test_full_package_has_both_structures(package: ul.PackageData) -> None:
    dataset = ul.build_dataset(package)

    current = Counter(u.level for u in dataset.units if u.valid_until is None)
    ended = Counter(u.level for u in dataset.units if u.valid_until == BEFORE)
    assert current == {ul.PROVINCE: 34, ul.COMMUNE: 3321}
    # 52 provinces ended; the 11 that continued unchanged are among the 34 current ones.
    assert ended == {ul.PROVINCE: 52, ul.DISTRICT: 696, ul.COMMUNE: 10035}
    unchanged = {
        u.code for u in dataset.units if u.level == ul.PROVINCE and u.valid_from is None and not u.valid_until
    }
    assert len(unchanged) == 11 and {"01", "46"} <= unchanged
    assert sum(1 for link in dataset.lineage if link.predecessor.level == ul.PROVINCE) == 52
    assert all(unicodedata.is_normalized("NFC", u.name) for u in dataset.units)


def test_vinh_long_slice_of_the_package(package: ul.PackageData) -> None:
    dataset = ul.build_dataset(package, provinces=["86"])

    # The dataset is ordered by level, code, then the older unit first.
    provinces = [(u.code, u.name, u.valid_until) for u in dataset.units if u.level == ul.PROVINCE]
    assert provinces == [
        ("83", "Tỉnh Bến Tre", BEFORE),
        ("84", "Tỉnh Trà Vinh", BEFORE),
        ("86", "Tỉnh Vĩnh Long", BEFORE),
        ("86", "Tỉnh Vĩnh Long", None),
    ]
    new_communes = [u for u in dataset.units if u.level == ul.COMMUNE and u.valid_until is None]
    # Nghị quyết 1687/NQ-UBTVQH15: 124 commune-level units, 105 xã and 19 phường.
    assert Counter(u.kind for u in new_communes) == {"Xã": 105, "Phường": 19}


# ---------------------------------------------------------------------------------------------------
# The command, on the real data of tỉnh Vĩnh Long.


def _load(*args: str) -> str:
    out = io.StringIO()
    call_command("org_load_units", *args, stdout=out)
    return out.getvalue()


def _delete_loaded_units() -> None:
    """Remove what the module's load committed; their lineage links go with them (CASCADE)."""
    loaded = AdminUnit.objects.filter(source__startswith="vietnamadminunits ")
    for level in (AdminUnit.Level.COMMUNE, AdminUnit.Level.DISTRICT, AdminUnit.Level.PROVINCE):
        loaded.filter(level=level).delete()
    audit_rows_delete(AuditEvent.objects.filter(action="org.adminunit.load"))


@pytest.fixture(scope="module")
def vinh_long(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """tỉnh Vĩnh Long loaded once for the module, outside the tests' transactions."""
    with django_db_blocker.unblock():
        output = _load("--province", "86")
    yield output
    with django_db_blocker.unblock():
        _delete_loaded_units()


@pytest.mark.django_db
def test_command_prints_counts(vinh_long: str) -> None:
    assert "vietnamadminunits" in vinh_long
    assert "thêm mới      4" in vinh_long  # provinces: Bến Tre, Trà Vinh, old and new Vĩnh Long
    assert "Đã nạp xong" in vinh_long


@pytest.mark.django_db
def test_command_loads_the_province_and_what_preceded_it(vinh_long: str) -> None:
    tra_vinh = AdminUnit.objects.get(level="province", code="84")
    assert tra_vinh.valid_until == BEFORE
    assert tra_vinh.source == f"vietnamadminunits {metadata.version('vietnamadminunits')}"
    link = UnitLineage.objects.select_related("successor").get(predecessor=tra_vinh)
    assert (link.successor.name, link.successor.valid_from, link.successor.valid_until) == (
        "Tỉnh Vĩnh Long",
        AFTER,
        None,
    )
    assert link.kind == UnitLineage.Kind.MERGED
    assert link.legal_basis.startswith("Nghị quyết số 202/2025/QH15")
    assert AdminUnit.objects.filter(level="district", parent=tra_vinh).count() == 9
    new = link.successor
    assert AdminUnit.objects.filter(parent=new, level="commune").count() == 124
    assert AuditEvent.objects.filter(action="org.adminunit.load", target_id=str(new.pk)).exists()


@pytest.mark.django_db
def test_second_run_changes_nothing_and_says_so(vinh_long: str) -> None:
    # given
    units, links, events = AdminUnit.objects.count(), UnitLineage.objects.count(), AuditEvent.objects.count()

    # when
    output = _load("--province", "86")

    # then
    assert "Không có thay đổi" in output
    assert "thêm mới      0, cập nhật      0" in output
    assert (AdminUnit.objects.count(), UnitLineage.objects.count(), AuditEvent.objects.count()) == (
        units,
        links,
        events,
    )


@pytest.mark.django_db
def test_a_changed_row_is_updated_in_place(vinh_long: str) -> None:
    # given: someone renamed a unit the package owns
    AdminUnit.objects.filter(level="district", code="850").update(name="Tên sai")

    # when
    output = _load("--province", "86")

    # then
    assert "cập nhật      1" in output
    assert AdminUnit.objects.get(level="district", code="850").name == "Huyện Duyên Hải"


@pytest.mark.django_db
def test_unknown_province_is_a_command_error() -> None:
    with pytest.raises(CommandError, match="99"):
        _load("--province", "99")
