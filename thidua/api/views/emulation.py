"""Pacts, periods and reports (scores) through the emulation selectors; saving and sending a report
through the same services as the member's grid (emulation.services.reports)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.api.selectors.emulation import report_for_user, report_values
from thidua.api.serializers.emulation import (
    PactDetailSerializer,
    PactSerializer,
    PeriodSerializer,
    ReportDetailSerializer,
    ReportSaveSerializer,
    ReportSerializer,
    ReportSubmitSerializer,
    ReportValueSerializer,
)
from thidua.api.views.common import YEAR_PARAMETER, NumericLookup, RateLimited, year_param
from thidua.emulation.models import Period, Report
from thidua.emulation.selectors.access import periods_visible_to, reports_visible_to
from thidua.emulation.selectors.pacts import pact_criteria_in_order, pacts_visible_to
from thidua.emulation.selectors.scoring import period_figures
from thidua.emulation.services.reports import report_save, report_submit

TAGS = ["Thi đua"]


@extend_schema_view(
    list=extend_schema(summary="Giao ước thi đua", tags=TAGS, parameters=[YEAR_PARAMETER]),
    retrieve=extend_schema(summary="Một giao ước với bộ tiêu chí", tags=TAGS),
)
class PactViewSet(RateLimited, NumericLookup, viewsets.ReadOnlyModelViewSet):
    def get_queryset(self) -> QuerySet[Any]:
        pacts = pacts_visible_to(user=self.request.user).order_by("-group__year", "group__name", "pk")
        year = year_param(self.request) if self.action == "list" else None
        return pacts.filter(group__year=year) if year is not None else pacts

    def get_serializer_class(self) -> type[PactSerializer]:
        return PactDetailSerializer if self.action == "retrieve" else PactSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pact = self.get_object()
        context = {**self.get_serializer_context(), "criteria": pact_criteria_in_order(pact=pact)}
        return Response(PactDetailSerializer(pact, context=context).data)


@extend_schema_view(
    list=extend_schema(summary="Kỳ đánh giá (sơ kết, tổng kết)", tags=TAGS, parameters=[YEAR_PARAMETER]),
    retrieve=extend_schema(summary="Một kỳ đánh giá", tags=TAGS),
)
class PeriodViewSet(RateLimited, NumericLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodSerializer

    def get_queryset(self) -> QuerySet[Any]:
        periods = periods_visible_to(user=self.request.user).order_by("-pact__group__year", "opens_on", "pk")
        year = year_param(self.request) if self.action == "list" else None
        return periods.filter(pact__group__year=year) if year is not None else periods

    @extend_schema(
        summary="Báo cáo của kỳ mà người dùng được xem, kèm điểm",
        tags=TAGS,
        responses=ReportSerializer(many=True),
    )
    @action(detail=True, methods=["get"], serializer_class=ReportSerializer)
    # **kwargs: the router's format suffix (…/reports.json) passes `format`, which was a 500 (found
    # by the roles matrix, tests/security/test_role_matrix.py); the same on the two actions below.
    def reports(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        period = self.get_object()
        reports = reports_visible_to(user=request.user, period=period).order_by("organisation__name", "pk")
        page = self.paginate_queryset(reports)
        context = {**self.get_serializer_context(), "figures": period_figures(period=period)}
        data = ReportSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


@extend_schema_view(retrieve=extend_schema(summary="Một báo cáo với các giá trị và điểm", tags=TAGS))
class ReportViewSet(RateLimited, NumericLookup, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReportDetailSerializer
    queryset = Report.objects.none()  # every lookup goes through _scoped_report

    def get_object(self) -> Report:
        return report_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, report: Report) -> Response:
        report = Report.objects.select_related("period__pact__group", "organisation").get(pk=report.pk)
        period: Period = report.period
        context = {
            **self.get_serializer_context(),
            # The member's own draft is scored among the sent reports, as on its grid.
            "figures": period_figures(period=period, including=report.organisation_id),
        }
        data = ReportDetailSerializer(report, context=context).data
        data["values"] = ReportValueSerializer(report_values(report=report), many=True).data
        return Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        summary="Lưu giá trị tự đánh giá (đơn vị thành viên)",
        description="Gọi dịch vụ report_save như màn hình nhập liệu: kiểm tra quyền, trạng thái, giá trị, "
        "phiên bản (409 nếu người khác vừa lưu).",
        tags=TAGS,
        request=ReportSaveSerializer,
        responses=ReportDetailSerializer,
    )
    @action(detail=True, methods=["put"], url_path="values")
    def save_values(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        report = self.get_object()
        payload = ReportSaveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        values = {code: dict(entry) for code, entry in data["values"].items()}
        report = report_save(
            actor=request.user, report=report, version=data["version"], values=values, reason=data["reason"]
        )
        return self._detail(report)

    @extend_schema(
        summary="Gửi báo cáo cho đơn vị cụm trưởng",
        tags=TAGS,
        request=ReportSubmitSerializer,
        responses=ReportDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        report = self.get_object()
        payload = ReportSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = report_submit(actor=request.user, report=report, version=payload.validated_data["version"])
        return self._detail(report)
