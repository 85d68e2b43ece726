"""Saving the provincial ruleset (quy chế cụm, khối): dated parameters the province sets itself."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc, short_date, to_decimal
from thidua.emulation.models import Ruleset
from thidua.emulation.selectors.rulesets import ruleset_in_use, ruleset_on_same_day
from thidua.org.models import AdminUnit

if TYPE_CHECKING:
    from thidua.accounts.models import User

FIELDS = [
    "province",
    "effective_from",
    "scoring_scale",
    "vote_threshold_percent",
    "vote_threshold_rule",
    "leading_units_per_group",
    "quotas_enabled",
    "quota_percent",
    "legal_basis",
]
# Once a vote or a period has applied a ruleset, only its legal basis may still be corrected.
_LOCKED_WHEN_USED = [name for name in FIELDS if name != "legal_basis"]
_PERCENT_PLACES = 2


def same_day_message(province: AdminUnit, effective_from: dt.date) -> str:
    return _("%(province)s đã có quy chế hiệu lực từ ngày %(day)s.") % {
        "province": province.name,
        "day": short_date(effective_from),
    }


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _validate(ruleset: Ruleset) -> None:
    """Collect every problem, so the officer fixes them in one go; messages in Vietnamese."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if ruleset.province_id is None:
        add("province", _("Hãy chọn tỉnh, thành phố."))
    elif ruleset.province.level != AdminUnit.Level.PROVINCE:
        add("province", _("Phải chọn một đơn vị hành chính cấp tỉnh."))
    if ruleset.effective_from is None:
        add("effective_from", _("Hãy nhập ngày quy chế có hiệu lực."))
    if ruleset.scoring_scale is None or ruleset.scoring_scale < 1:
        add("scoring_scale", _("Thang điểm phải lớn hơn 0."))

    threshold = ruleset.vote_threshold_percent
    if threshold is None:
        add("vote_threshold_percent", _("Hãy nhập tỷ lệ phiếu suy tôn."))
    elif not Decimal(0) <= threshold <= Decimal(100):
        add("vote_threshold_percent", _("Tỷ lệ phiếu suy tôn phải từ 0 đến 100%."))
    elif _places(threshold) > _PERCENT_PLACES:
        add("vote_threshold_percent", _("Tỷ lệ phiếu suy tôn chỉ được có tối đa 2 chữ số thập phân."))
    if ruleset.vote_threshold_rule not in Ruleset.ThresholdRule.values:
        add(
            "vote_threshold_rule",
            _("Cách tính ngưỡng không hợp lệ: chọn «trên tỷ lệ» hoặc «từ tỷ lệ trở lên»."),
        )
    if ruleset.leading_units_per_group is None or ruleset.leading_units_per_group < 1:
        add("leading_units_per_group", _("Số đơn vị dẫn đầu mỗi cụm, khối phải từ 1 trở lên."))

    quota = ruleset.quota_percent
    if ruleset.quotas_enabled and quota is None:
        add("quota_percent", _("Khi áp dụng tỷ lệ khen thưởng, hãy nhập tỷ lệ khen thưởng tối đa."))
    if quota is not None:
        if not Decimal(0) <= quota <= Decimal(100):
            add("quota_percent", _("Tỷ lệ khen thưởng tối đa phải từ 0 đến 100%."))
        elif _places(quota) > _PERCENT_PLACES:
            add("quota_percent", _("Tỷ lệ khen thưởng tối đa chỉ được có tối đa 2 chữ số thập phân."))

    if ruleset.province_id and ruleset.effective_from:
        if ruleset_on_same_day(
            province=ruleset.province, effective_from=ruleset.effective_from, exclude_pk=ruleset.pk
        ):
            add("effective_from", same_day_message(ruleset.province, ruleset.effective_from))
    if errors:
        raise ValidationError(errors)


# Not durable: Wagtail's admin create and edit views call it inside their own transaction.
@transaction.atomic
def ruleset_save(
    *,
    actor: User,
    province: AdminUnit,
    effective_from: dt.date,
    scoring_scale: int = 1000,
    vote_threshold_percent: Decimal = Decimal("50"),
    vote_threshold_rule: str = Ruleset.ThresholdRule.MORE_THAN,
    leading_units_per_group: int = 1,
    quotas_enabled: bool = False,
    quota_percent: Decimal | None = None,
    legal_basis: str = "",
    ruleset: Ruleset | None = None,
    reason: str = "",
) -> Ruleset:
    """Create a province's ruleset, or, when `ruleset` is given, replace that ruleset's values.

    Every value is saved as given; omitted ones take the model defaults. Only the province office
    and the system administrator may do it (Cap.MANAGE_EMULATION). A ruleset that a vote or a review
    period has already applied keeps its parameters (those decisions were made under them): only
    its legal basis may change, and a new ruleset with a later effective date is the way to change
    the rest. Raises ValidationError with Vietnamese messages per field; writes an audit row.
    """
    require(actor, Cap.MANAGE_EMULATION)
    values: dict[str, Any] = {
        "province": province,
        "effective_from": effective_from,
        "scoring_scale": scoring_scale,
        "vote_threshold_percent": None
        if vote_threshold_percent is None
        else to_decimal(vote_threshold_percent),
        "vote_threshold_rule": vote_threshold_rule,
        "leading_units_per_group": leading_units_per_group,
        "quotas_enabled": quotas_enabled,
        "quota_percent": None if quota_percent is None else to_decimal(quota_percent),
        "legal_basis": nfc((legal_basis or "").strip()),
    }
    if ruleset is None:
        target = Ruleset()
        before: dict[str, Any] = {}
    else:
        target = Ruleset.objects.select_for_update().select_related("province").get(pk=ruleset.pk)
        before = snapshot(target, FIELDS)
    for name, value in values.items():
        setattr(target, name, value)
    changes = diff(before, snapshot(target, FIELDS))
    if ruleset is not None and ruleset_in_use(ruleset=target):
        locked = [name for name in _LOCKED_WHEN_USED if name in changes]
        if locked:
            raise ValidationError(
                {
                    name: _(
                        "Quy chế này đã được áp dụng cho bỏ phiếu suy tôn hoặc kỳ đánh giá nên không sửa "
                        "được nội dung này; hãy thêm quy chế mới có ngày hiệu lực sau."
                    )
                    for name in locked
                }
            )
    _validate(target)
    target.full_clean(validate_unique=False, validate_constraints=False)
    if ruleset is not None and not changes:
        return target
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        # Another officer saved the same province and date between the check and the save.
        raise ValidationError({"effective_from": same_day_message(province, effective_from)}) from None
    action = "emulation.ruleset.create" if ruleset is None else "emulation.ruleset.update"
    audit_record(actor=actor, action=action, target=target, changes=changes, reason=reason)
    return target
