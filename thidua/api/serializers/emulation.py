"""What the API shows of pacts, periods and reports, and what it accepts to save and send a report."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.api.serializers.base import ApiModelSerializer
from thidua.emulation.models import Pact, PactCriterion, Period, Report, ReportValue
from thidua.emulation.selectors.scoring import MemberFigures


class PactCriterionSerializer(ApiModelSerializer):
    class Meta:
        model = PactCriterion
        fields: tuple[str, ...] = (
            "id",
            "code",
            "name",
            "unit",
            "max_points",
            "method",
            "evidence_required",
            "parent",
            "order",
        )


class PactSerializer(ApiModelSerializer):
    year = serializers.IntegerField(source="group.year", read_only=True)

    class Meta:
        model = Pact
        fields: tuple[str, ...] = ("id", "group", "year", "title", "status", "version")


class PactDetailSerializer(PactSerializer):
    criteria = serializers.SerializerMethodField()

    class Meta(PactSerializer.Meta):
        fields = (*PactSerializer.Meta.fields, "criteria")

    @extend_schema_field(PactCriterionSerializer(many=True))
    def get_criteria(self, pact: Pact) -> Any:
        return PactCriterionSerializer(self.context["criteria"], many=True).data


class PeriodSerializer(ApiModelSerializer):
    group = serializers.IntegerField(source="pact.group_id", read_only=True)
    year = serializers.IntegerField(source="pact.group.year", read_only=True)

    class Meta:
        model = Period
        fields: tuple[str, ...] = (
            "id",
            "pact",
            "group",
            "year",
            "kind",
            "opens_on",
            "closes_on",
            "closed_at",
            "published_at",
        )


class FiguresSerializer(serializers.Serializer):
    """The scores as every screen shows them (selectors/scoring.period_figures)."""

    self_total = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    appraised_total = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    vetoed = serializers.BooleanField()
    final = serializers.BooleanField(help_text="Điểm đã chốt khi khóa kỳ.")


class ReportSerializer(ApiModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields: tuple[str, ...] = (
            "id",
            "period",
            "organisation",
            "organisation_name",
            "status",
            "version",
            "submitted_at",
            "appraised_at",
            "return_reason",
            "figures",
        )

    @extend_schema_field(FiguresSerializer)
    def get_figures(self, report: Report) -> Any:
        figures = self.context["figures"]
        member: MemberFigures = figures.of(report.organisation_id)
        return FiguresSerializer(
            {
                "self_total": _two(member.self_total),
                "appraised_total": _two(member.appraised_total),
                "vetoed": member.vetoed,
                "final": figures.final,
            }
        ).data


def _two(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


class ReportValueSerializer(ApiModelSerializer):
    criterion = serializers.CharField(source="criterion.code", read_only=True)
    value = serializers.JSONField(allow_null=True, help_text="Giá trị tự đánh giá: số (chuỗi), true/false.")
    appraised_value = serializers.JSONField(allow_null=True)

    class Meta:
        model = ReportValue
        fields: tuple[str, ...] = ("criterion", "value", "explanation", "appraised_value", "appraisal_note")


class ReportDetailSerializer(ReportSerializer):
    values = ReportValueSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = (*ReportSerializer.Meta.fields, "values")


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "maxLength": 100}, {"type": "number"}, {"type": "boolean"}],
        "nullable": True,
    }
)
class ScalarField(serializers.Field):
    """A criterion's value as a unit types it: a number (best sent as a string, "80"), true/false,
    or null. Lists and objects are refused here, before the rules ever see them."""

    default_error_messages = {"invalid": _("Giá trị phải là số, chuỗi số, true/false hoặc null.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or data is None:
            return data
        if isinstance(data, int) or (isinstance(data, float) and math.isfinite(data)):
            return str(data)
        if isinstance(data, str) and len(data) <= 100:
            return data
        self.fail("invalid")

    def to_representation(self, value: Any) -> Any:
        return value


class EntrySerializer(serializers.Serializer):
    value = ScalarField(help_text='Số (nên gửi dạng chuỗi, ví dụ "80"), true/false hoặc null.')
    explanation = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class ReportSaveSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="Phiên bản báo cáo đã đọc (khóa lạc quan)."
    )
    values = serializers.DictField(child=EntrySerializer(), help_text="Theo mã tiêu chí.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReportSubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
