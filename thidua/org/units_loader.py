"""Parse the administrative units of the `vietnamadminunits` package into plain records.

The package (MIT) carries both structures: the 63 provinces with their districts and communes as they
stood on 30/06/2025 (table admin_units_legacy), today's 34 provinces and 3,321 communes, wards and
special zones (table admin_units), and the mapping from each old commune to the new one(s) it went to
(converter_2025.json). Everything here except read_package_data() is a pure function over plain data,
so it is tested on small slices without a database; org_load_units only writes what it returns.

Dates and legal bases:
- Nghị quyết số 202/2025/QH15 ngày 12/6/2025 of the National Assembly rearranged the provinces; the
  new provinces and communes operate from 01/07/2025, so every old unit's last day is 30/06/2025 and
  every lineage link takes effect on 01/07/2025.
- Districts ended on the same day: the two-tier local government (Luật Tổ chức chính quyền địa
  phương 2025) has no district level.
- The communes of each province were rearranged by one resolution of the National Assembly Standing
  Committee per province. Only the number for tỉnh Vĩnh Long was verified here (see
  COMMUNE_LEGAL_BASIS_BY_PROVINCE); the others get the generic COMMUNE_LEGAL_BASIS.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata, resources
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.formatting import nfc
from thidua.org.models import LEVEL_ORDER

PACKAGE = "vietnamadminunits"

REFORM_DATE = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)

PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"

MERGED = "merged"
SPLIT = "split"
RENAMED = "renamed"

PROVINCE_LEGAL_BASIS = (
    "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"
)
COMMUNE_LEGAL_BASIS = "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025"
# Keyed by the code of the current (post-2025) province. Add a province only with a checked source.
COMMUNE_LEGAL_BASIS_BY_PROVINCE: dict[str, str] = {
    # Tỉnh Vĩnh Long (Bến Tre, Trà Vinh and the old Vĩnh Long): 124 commune-level units, 105 xã and
    # 19 phường, as the package data also has. Source: Lao Động, "Vĩnh Long công bố nghị quyết sắp
    # xếp 124 xã, phường" (https://ja.laodong.vn/thoi-su/vinh-long-cong-bo-nghi-quyet-sap-xep-124-xa-
    # phuong-1532298.ldo), which names Nghị quyết số 1687/NQ-UBTVQH15. Its date is not given there,
    # so it is left out rather than guessed.
    "86": (
        "Nghị quyết số 1687/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị "
        "hành chính cấp xã của tỉnh Vĩnh Long năm 2025"
    ),
}

_COORD = Decimal("0.000001")
_AREA = Decimal("0.01")


# ---------------------------------------------------------------------------------------------------
# Plain records


@dataclass(frozen=True)
class UnitKey:
    """Natural key of an administrative unit: (level, code, last day or None while current)."""

    level: str
    code: str
    valid_until: dt.date | None = None

    def sort_key(self) -> tuple[int, str, dt.date]:
        """Provinces before districts before communes, then by code, then the older unit first."""
        return (LEVEL_ORDER[self.level], self.code, self.valid_until or dt.date.max)

    def __str__(self) -> str:
        if self.valid_until:
            # Translators: a unit of the source data in an error message: level, code, last day.
            return _("%(level)s %(code)s đến %(until)s") % {
                "level": self.level,
                "code": self.code,
                "until": f"{self.valid_until:%d/%m/%Y}",
            }
        return f"{self.level} {self.code}"


@dataclass(frozen=True)
class UnitRecord:
    level: str
    code: str
    name: str
    short_name: str
    kind: str
    parent: UnitKey | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    latitude: Decimal | None
    longitude: Decimal | None
    area_km2: Decimal | None
    # Code of the current province the record belongs to (itself, its communes, and every old unit
    # that became part of it). Used to filter a load and to attribute audit rows.
    province: str

    @property
    def key(self) -> UnitKey:
        return UnitKey(self.level, self.code, self.valid_until)


@dataclass(frozen=True)
class LineageRecord:
    predecessor: UnitKey
    successor: UnitKey
    effective_on: dt.date
    kind: str
    legal_basis: str
    province: str


@dataclass(frozen=True)
class UnitsDataset:
    source: str
    units: tuple[UnitRecord, ...]
    lineage: tuple[LineageRecord, ...]

    def counts(self) -> dict[str, int]:
        result = {PROVINCE: 0, DISTRICT: 0, COMMUNE: 0}
        for unit in self.units:
            result[unit.level] += 1
        result["lineage"] = len(self.lineage)
        return result


@dataclass(frozen=True)
class PackageData:
    """The raw material, as read from the package: rows as dicts, the converter mapping as JSON."""

    version: str
    current_rows: Sequence[Mapping[str, Any]]
    legacy_rows: Sequence[Mapping[str, Any]]
    # new province key -> old province keys
    province_map: Mapping[str, Sequence[str]]
    # new province key -> {new ward key -> ["oldProvinceKey_oldDistrictKey_oldWardKey", ...]}
    ward_whole: Mapping[str, Mapping[str, Sequence[str]]]
    # new province key -> {old key -> [{"newWardKey": ..., "isDefaultNewWard": ...}, ...]}
    ward_divided: Mapping[str, Mapping[str, Sequence[Mapping[str, Any]]]] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"{PACKAGE} {self.version}"


CURRENT_FIELDS = (
    "province",
    "provinceShort",
    "provinceCode",
    "provinceKey",
    "provinceLat",
    "provinceLon",
    "ward",
    "wardShort",
    "wardType",
    "wardCode",
    "wardKey",
    "wardLat",
    "wardLon",
    "wardAreaKm2",
)
LEGACY_FIELDS = (
    "province",
    "provinceShort",
    "provinceCode",
    "provinceKey",
    "provinceLat",
    "provinceLon",
    "district",
    "districtShort",
    "districtType",
    "districtCode",
    "districtKey",
    "districtLat",
    "districtLon",
    "ward",
    "wardShort",
    "wardType",
    "wardCode",
    "wardKey",
    "wardLat",
    "wardLon",
)


def read_package_data() -> PackageData:
    """Read the installed package's data: the tables through its public database API, the converter
    mapping (which the package exposes through no public function) as its JSON resource."""
    from vietnamadminunits.database import get_data

    current = get_data(fields=list(CURRENT_FIELDS), table="admin_units")
    legacy = get_data(fields=list(LEGACY_FIELDS), table="admin_units_legacy")
    resource = resources.files(PACKAGE).joinpath("data", "converter_2025.json")
    converter = json.loads(resource.read_text(encoding="utf-8"))
    return PackageData(
        version=metadata.version(PACKAGE),
        current_rows=current,
        legacy_rows=legacy,
        province_map=converter["DICT_PROVINCE"],
        ward_whole=converter["DICT_PROVINCE_WARD_NO_DIVIDED"],
        ward_divided=converter["DICT_PROVINCE_WARD_DIVIDED"],
    )


# ---------------------------------------------------------------------------------------------------
# Small pure helpers


def text(value: Any) -> str:
    """Strip and NFC-normalise a text value from the package; None becomes ""."""
    return nfc(str(value).strip()) if value is not None else ""


def decimal_or_none(value: Any, quantum: Decimal) -> Decimal | None:
    """A float from the package as a Decimal rounded to the model field's decimal places."""
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(quantum)


def province_kind(name: str) -> str:
    """ "Thành phố" for the centrally governed cities, "Tỉnh" otherwise, from the official name."""
    return "Thành phố" if nfc(name).startswith("Thành phố") else "Tỉnh"


def legacy_key(province_key: str, district_key: str, ward_key: str | None) -> str:
    """The converter's key of an old commune; the island districts without communes (Côn Đảo, Lý Sơn,
    Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa) have an empty ward part and stand for the district itself."""
    return f"{province_key}_{district_key}_{ward_key or ''}"


def commune_link_kind(*, targets_of_old: int, sources_of_new: int) -> str:
    """How one old commune relates to one new commune it went to.

    split: the old commune was divided among several new ones;
    renamed: exactly one old commune became exactly one new one, whole (the new unit may keep the
    old name: UnitLineage.Kind.RENAMED means "same territory");
    merged: the old commune went whole into a new one formed from several.
    """
    if targets_of_old > 1:
        return SPLIT
    if sources_of_new == 1:
        return RENAMED
    return MERGED


def district_link_kind(*, targets_of_district: int) -> str:
    """A district whose whole territory became a single new commune merged into it (the island
    districts became special zones); otherwise its communes went to several new ones: split."""
    return MERGED if targets_of_district == 1 else SPLIT


def commune_legal_basis(province_code: str) -> str:
    return COMMUNE_LEGAL_BASIS_BY_PROVINCE.get(province_code, COMMUNE_LEGAL_BASIS)


def current_province_codes(raw: PackageData) -> dict[str, str]:
    """{code: name} of the current provinces in the package."""
    return {text(row["provinceCode"]): text(row["province"]) for row in raw.current_rows}


# ---------------------------------------------------------------------------------------------------
# Building the dataset


def build_dataset(raw: PackageData, *, provinces: Collection[str] | None = None) -> UnitsDataset:
    """All units and lineage links in the package, or only those of the given current provinces
    (codes such as "86") and of the old units that became part of them.

    Raises ValueError for an unknown province code or for package data that does not hold together
    (a mapping that names a unit the tables lack), so that a changed package fails loudly.
    """
    known = current_province_codes(raw)
    if provinces is not None:
        wanted = {code.strip() for code in provinces}
        unknown = sorted(wanted - set(known))
        if unknown:
            raise ValueError(
                _(
                    "Không có tỉnh, thành phố hiện hành mã %(codes)s trong %(source)s; các mã hợp lệ: %(valid)s."
                )
                % {"codes": ", ".join(unknown), "source": raw.source, "valid": ", ".join(sorted(known))}
            )
    else:
        wanted = set(known)

    current_by_province: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in raw.current_rows:
        current_by_province[text(row["provinceKey"])].append(row)
    legacy_by_province: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in raw.legacy_rows:
        legacy_by_province[text(row["provinceKey"])].append(row)

    units: list[UnitRecord] = []
    lineage: list[LineageRecord] = []
    for new_key in sorted(current_by_province):
        rows = current_by_province[new_key]
        code = text(rows[0]["provinceCode"])
        if code not in wanted:
            continue
        old_keys = list(raw.province_map.get(new_key, ()))
        if not old_keys:
            raise ValueError(
                _("%(source)s: tỉnh %(key)s không có trong DICT_PROVINCE.")
                % {"source": raw.source, "key": new_key}
            )
        for old_key in old_keys:
            if old_key not in legacy_by_province:
                raise ValueError(
                    _("%(source)s: tỉnh cũ %(key)s không có trong bảng admin_units_legacy.")
                    % {"source": raw.source, "key": old_key}
                )
        part_units, part_lineage = _build_province(
            raw,
            new_key=new_key,
            current_rows=rows,
            legacy_rows={old_key: legacy_by_province[old_key] for old_key in old_keys},
        )
        units.extend(part_units)
        lineage.extend(part_lineage)

    units.sort(key=lambda unit: unit.key.sort_key())
    lineage.sort(key=lambda link: (link.predecessor.sort_key(), link.successor.sort_key()))
    _check_unique(units, lineage)
    return UnitsDataset(source=raw.source, units=tuple(units), lineage=tuple(lineage))


def _build_province(
    raw: PackageData,
    *,
    new_key: str,
    current_rows: Sequence[Mapping[str, Any]],
    legacy_rows: Mapping[str, Sequence[Mapping[str, Any]]],
) -> tuple[list[UnitRecord], list[LineageRecord]]:
    first = current_rows[0]
    code = text(first["provinceCode"])
    # A province whose DICT_PROVINCE entry lists only itself continued unchanged through the reform:
    # one record, valid throughout, and no lineage at province level.
    unchanged = list(raw.province_map[new_key]) == [new_key]
    units: list[UnitRecord] = []
    lineage: list[LineageRecord] = []

    province = UnitRecord(
        level=PROVINCE,
        code=code,
        name=text(first["province"]),
        short_name=text(first["provinceShort"]),
        kind=province_kind(text(first["province"])),
        parent=None,
        valid_from=None if unchanged else REFORM_DATE,
        valid_until=None,
        latitude=decimal_or_none(first["provinceLat"], _COORD),
        longitude=decimal_or_none(first["provinceLon"], _COORD),
        area_km2=None,
        province=code,
    )
    units.append(province)

    # Old provinces, districts and communes.
    old_province_key: dict[str, UnitKey] = {}
    district_of: dict[str, UnitKey] = {}  # converter key of an old commune or island district -> district
    old_commune: dict[str, UnitKey] = {}  # converter key of an old commune -> its unit key
    for old_key, rows in sorted(legacy_rows.items()):
        head = rows[0]
        if unchanged:
            old_province_key[old_key] = province.key
        else:
            record = UnitRecord(
                level=PROVINCE,
                code=text(head["provinceCode"]),
                name=text(head["province"]),
                short_name=text(head["provinceShort"]),
                kind=province_kind(text(head["province"])),
                parent=None,
                valid_from=None,
                valid_until=LAST_DAY_BEFORE_REFORM,
                latitude=decimal_or_none(head["provinceLat"], _COORD),
                longitude=decimal_or_none(head["provinceLon"], _COORD),
                area_km2=None,
                province=code,
            )
            units.append(record)
            old_province_key[old_key] = record.key
            lineage.append(
                LineageRecord(
                    predecessor=record.key,
                    successor=province.key,
                    effective_on=REFORM_DATE,
                    kind=MERGED,
                    legal_basis=PROVINCE_LEGAL_BASIS,
                    province=code,
                )
            )
        seen_districts: set[str] = set()
        for row in rows:
            district_code = text(row["districtCode"])
            district_key = UnitKey(DISTRICT, district_code, LAST_DAY_BEFORE_REFORM)
            if district_code not in seen_districts:
                seen_districts.add(district_code)
                units.append(
                    UnitRecord(
                        level=DISTRICT,
                        code=district_code,
                        name=text(row["district"]),
                        short_name=text(row["districtShort"]),
                        kind=text(row["districtType"]),
                        parent=old_province_key[old_key],
                        valid_from=None,
                        valid_until=LAST_DAY_BEFORE_REFORM,
                        latitude=decimal_or_none(row["districtLat"], _COORD),
                        longitude=decimal_or_none(row["districtLon"], _COORD),
                        area_km2=None,
                        province=code,
                    )
                )
            key = legacy_key(text(row["provinceKey"]), text(row["districtKey"]), text(row["wardKey"]))
            district_of[key] = district_key
            if not text(row["wardCode"]):
                continue  # an island district without communes
            commune = UnitRecord(
                level=COMMUNE,
                code=text(row["wardCode"]),
                name=text(row["ward"]),
                short_name=text(row["wardShort"]),
                kind=text(row["wardType"]),
                parent=district_key,
                valid_from=None,
                valid_until=LAST_DAY_BEFORE_REFORM,
                latitude=decimal_or_none(row["wardLat"], _COORD),
                longitude=decimal_or_none(row["wardLon"], _COORD),
                area_km2=None,
                province=code,
            )
            units.append(commune)
            old_commune[key] = commune.key

    # New communes.
    new_commune: dict[str, UnitKey] = {}
    for row in sorted(current_rows, key=lambda r: text(r["wardCode"])):
        record = UnitRecord(
            level=COMMUNE,
            code=text(row["wardCode"]),
            name=text(row["ward"]),
            short_name=text(row["wardShort"]),
            kind=text(row["wardType"]),
            parent=province.key,
            valid_from=REFORM_DATE,
            valid_until=None,
            latitude=decimal_or_none(row["wardLat"], _COORD),
            longitude=decimal_or_none(row["wardLon"], _COORD),
            area_km2=decimal_or_none(row["wardAreaKm2"], _AREA),
            province=code,
        )
        units.append(record)
        new_commune[text(row["wardKey"])] = record.key

    lineage.extend(
        commune_lineage(
            new_key=new_key,
            province_code=code,
            whole=raw.ward_whole.get(new_key, {}),
            divided=raw.ward_divided.get(new_key, {}),
            old_commune=old_commune,
            district_of=district_of,
            new_commune=new_commune,
            source=raw.source,
        )
    )
    return units, lineage


def commune_lineage(
    *,
    new_key: str,
    province_code: str,
    whole: Mapping[str, Sequence[str]],
    divided: Mapping[str, Sequence[Mapping[str, Any]]],
    old_commune: Mapping[str, UnitKey],
    district_of: Mapping[str, UnitKey],
    new_commune: Mapping[str, UnitKey],
    source: str = PACKAGE,
) -> list[LineageRecord]:
    """Links old commune -> new commune and old district -> new commune for one current province.

    whole and divided are that province's entries of DICT_PROVINCE_WARD_NO_DIVIDED and
    DICT_PROVINCE_WARD_DIVIDED; the three mappings resolve the converter's keys to unit keys.
    """
    targets: dict[str, list[str]] = defaultdict(list)  # old converter key -> new ward keys
    for new_ward, old_keys in whole.items():
        for old in old_keys:
            targets[old].append(new_ward)
    for old, parts in divided.items():
        for part in parts:
            if part["newWardKey"] not in targets[old]:
                targets[old].append(part["newWardKey"])
    sources: dict[str, set[str]] = defaultdict(set)
    for old, new_wards in targets.items():
        for new_ward in new_wards:
            sources[new_ward].add(old)

    for old, new_wards in targets.items():
        if old not in district_of:
            raise ValueError(
                _("%(source)s: đơn vị cũ %(old)s (tỉnh %(province)s) không có trong admin_units_legacy.")
                % {"source": source, "old": old, "province": new_key}
            )
        for new_ward in new_wards:
            if new_ward not in new_commune:
                raise ValueError(
                    _("%(source)s: xã mới %(new)s (tỉnh %(province)s) không có trong admin_units.")
                    % {"source": source, "new": new_ward, "province": new_key}
                )

    basis = commune_legal_basis(province_code)
    links: list[LineageRecord] = []
    district_targets: dict[UnitKey, set[str]] = defaultdict(set)
    for old, new_wards in targets.items():
        district_targets[district_of[old]].update(new_wards)
        commune = old_commune.get(old)
        if commune is None:
            continue  # an island district: linked below, at district level
        for new_ward in new_wards:
            links.append(
                LineageRecord(
                    predecessor=commune,
                    successor=new_commune[new_ward],
                    effective_on=REFORM_DATE,
                    kind=commune_link_kind(
                        targets_of_old=len(new_wards), sources_of_new=len(sources[new_ward])
                    ),
                    legal_basis=basis,
                    province=province_code,
                )
            )
    for district, new_wards in district_targets.items():
        for new_ward in sorted(new_wards, key=lambda ward: new_commune[ward].sort_key()):
            links.append(
                LineageRecord(
                    predecessor=district,
                    successor=new_commune[new_ward],
                    effective_on=REFORM_DATE,
                    kind=district_link_kind(targets_of_district=len(new_wards)),
                    legal_basis=basis,
                    province=province_code,
                )
            )
    return links


def _check_unique(units: Iterable[UnitRecord], lineage: Iterable[LineageRecord]) -> None:
    seen: set[UnitKey] = set()
    for unit in units:
        if unit.key in seen:
            raise ValueError(_("Đơn vị trùng khóa %(key)s trong dữ liệu nguồn.") % {"key": unit.key})
        seen.add(unit.key)
    pairs: set[tuple[UnitKey, UnitKey]] = set()
    for link in lineage:
        pair = (link.predecessor, link.successor)
        if pair in pairs:
            raise ValueError(
                _("Quan hệ sắp xếp trùng %(before)s → %(after)s trong dữ liệu nguồn.")
                % {"before": pair[0], "after": pair[1]}
            )
        if link.predecessor not in seen or link.successor not in seen:
            raise ValueError(
                _("Quan hệ sắp xếp %(before)s → %(after)s nêu đơn vị không có trong dữ liệu.")
                % {"before": pair[0], "after": pair[1]}
            )
        pairs.add(pair)
