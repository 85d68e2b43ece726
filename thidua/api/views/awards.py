"""The awards registry (decisions and their recipients) and proposals, through the awards selectors;
a proposal's writes through awards.services.proposals, as on its screen: create, add items (each
checked by the eligibility engine as it is saved), remove one, submit, withdraw, and the province's
return and appraisal. The services check the roles and the workflow and write the audit row; a
refusal saves nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.api.selectors.awards import item_subjects, recipients_visible_to
from thidua.api.serializers.awards import (
    DecisionDetailSerializer,
    DecisionSerializer,
    ProposalAppraiseSerializer,
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalItemsAddedSerializer,
    ProposalItemsAddSerializer,
    ProposalReasonSerializer,
    ProposalSerializer,
)
from thidua.api.views.common import YEAR_PARAMETER, NumericLookup, RateLimited, year_param
from thidua.awards.models import ProposalItem
from thidua.awards.selectors.access import decisions_visible_to
from thidua.awards.selectors.proposals import proposal_items, proposals_visible_to
from thidua.awards.services.proposals import (
    ItemRow,
    proposal_appraise,
    proposal_create,
    proposal_item_remove,
    proposal_items_add,
    proposal_return,
    proposal_submit,
    proposal_withdraw,
)
from thidua.org.selectors.organisations import organisations_visible_to

TAGS = ["Khen thưởng"]


def _item_rows(*, user: Any, rows: Sequence[dict[str, Any]]) -> list[ItemRow]:
    """The rows as the service takes them, each id found among what the user may see; an unknown id
    is refused naming its row and field, before anything is saved."""
    people, organisations = item_subjects(
        user=user,
        person_ids=[row["person"] for row in rows if row["person"] is not None],
        organisation_ids=[row["organisation"] for row in rows if row["organisation"] is not None],
    )
    # Keyed by the row's index, as DRF keys a list's invalid rows: {"items": {"1": {"person": […]}}}.
    errors: dict[int, dict[str, list[str]]] = {}
    for index, row in enumerate(rows):
        if row["person"] is not None and row["person"] not in people:
            errors.setdefault(index, {})["person"] = [_("Không tìm thấy cá nhân này.")]
        if row["organisation"] is not None and row["organisation"] not in organisations:
            errors.setdefault(index, {})["organisation"] = [_("Không tìm thấy cơ quan, đơn vị này.")]
    if errors:
        raise ValidationError({"items": errors})
    return [
        ItemRow(
            award=row["award"],
            year_from=row["year_from"],
            year_to=row["year_to"],
            person=people.get(row["person"]) if row["person"] is not None else None,
            organisation=organisations.get(row["organisation"]) if row["organisation"] is not None else None,
            note=row["note"],
        )
        for row in rows
    ]


@extend_schema_view(
    list=extend_schema(
        summary="Quyết định khen thưởng (sổ khen thưởng)",
        description="`year`: năm ký quyết định.",
        tags=TAGS,
        parameters=[YEAR_PARAMETER],
    ),
    retrieve=extend_schema(summary="Một quyết định với người, tập thể được khen", tags=TAGS),
)
class DecisionViewSet(RateLimited, NumericLookup, viewsets.ReadOnlyModelViewSet):
    def get_queryset(self) -> QuerySet[Any]:
        decisions = decisions_visible_to(user=self.request.user).order_by("-signed_on", "-pk")
        year = year_param(self.request) if self.action == "list" else None
        return decisions.filter(signed_on__year=year) if year is not None else decisions

    def get_serializer_class(self) -> type[DecisionSerializer]:
        return DecisionDetailSerializer if self.action == "retrieve" else DecisionSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        decision = self.get_object()
        context = {
            **self.get_serializer_context(),
            "recipients": recipients_visible_to(user=request.user, decision=decision),
        }
        return Response(DecisionDetailSerializer(decision, context=context).data)


@extend_schema_view(
    list=extend_schema(summary="Hồ sơ đề nghị khen thưởng", tags=TAGS, parameters=[YEAR_PARAMETER]),
    retrieve=extend_schema(summary="Một hồ sơ đề nghị với các đề nghị và kết quả xét điều kiện", tags=TAGS),
    create=extend_schema(
        summary="Tạo hồ sơ đề nghị của đơn vị mình",
        description="Gọi dịch vụ proposal_create như màn hình của đơn vị.",
        tags=TAGS,
        request=ProposalCreateSerializer,
        responses={201: ProposalDetailSerializer},
    ),
)
class ProposalViewSet(
    RateLimited,
    NumericLookup,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    def get_queryset(self) -> QuerySet[Any]:
        proposals = proposals_visible_to(user=self.request.user).order_by("-year", "-pk")
        year = year_param(self.request) if self.action == "list" else None
        return proposals.filter(year=year) if year is not None else proposals

    def get_serializer_class(self) -> type[Any]:
        if self.action == "retrieve":
            return ProposalDetailSerializer
        if self.action == "create":
            return ProposalCreateSerializer
        return ProposalSerializer

    def _detail(self, proposal: Any, *, code: int = status.HTTP_200_OK) -> Response:
        context = {**self.get_serializer_context(), "items": proposal_items(proposal=proposal)}
        return Response(ProposalDetailSerializer(proposal, context=context).data, status=code)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._detail(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ProposalCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        # Any organisation of the register may be named; the service refuses one the officer does not
        # act for (proposal_roles), exactly as on the screen.
        organisation = organisations_visible_to(user=request.user).filter(pk=data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("Không tìm thấy cơ quan, đơn vị này.")]})
        extra = {"commendation_kind": data["commendation_kind"]} if "commendation_kind" in data else {}
        proposal = proposal_create(
            actor=request.user, organisation=organisation, title=data["title"], year=data["year"], **extra
        )
        return self._detail(proposal, code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Thêm cá nhân, tập thể vào hồ sơ đề nghị (một hoặc nhiều dòng)",
        description=(
            "Gọi dịch vụ proposal_items_add: mỗi dòng một cá nhân (`person`) hoặc một tập thể "
            "(`organisation`) của đơn vị mình. Mỗi đề nghị được xét điều kiện và tìm khen thưởng trùng "
            "ngay khi lưu, như trên màn hình; kết quả và lý do trả về cùng đề nghị. Một dòng sai: 400 "
            "nêu dòng và trường, không dòng nào được lưu."
        ),
        tags=TAGS,
        request=ProposalItemsAddSerializer,
        responses={201: ProposalItemsAddedSerializer},
    )
    @action(detail=True, methods=["post"], url_path="items")
    def items_add(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        proposal = self.get_object()
        payload = ProposalItemsAddSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        rows = _item_rows(user=request.user, rows=payload.validated_data["items"])
        items = proposal_items_add(actor=request.user, proposal=proposal, rows=rows)
        data = ProposalItemsAddedSerializer({"items": items}, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Bỏ một cá nhân, tập thể khỏi hồ sơ đề nghị",
        description="Gọi dịch vụ proposal_item_remove; chỉ khi hồ sơ đang soạn hoặc được trả lại.",
        tags=TAGS,
        request=None,
        responses={204: None},
    )
    @action(detail=True, methods=["delete"], url_path=r"items/(?P<item_id>[0-9]{1,18})")
    def item_remove(
        self, request: Request, pk: str | None = None, item_id: str | None = None, **kwargs: Any
    ) -> Response:
        proposal = self.get_object()
        item = get_object_or_404(ProposalItem, pk=item_id, proposal=proposal)
        proposal_item_remove(actor=request.user, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Gửi hồ sơ đề nghị đến Ban Thi đua – Khen thưởng tỉnh",
        description="Gọi dịch vụ proposal_submit: từ chối khi chưa có đề nghị nào hoặc thiếu tài liệu "
        "(Điều 84, nêu từng tài liệu thiếu); mọi đề nghị được xét lại với ngày tiếp nhận là hôm nay.",
        tags=TAGS,
        request=None,
        responses=ProposalDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        proposal = proposal_submit(actor=request.user, proposal=self.get_object())
        return self._detail(proposal)

    @extend_schema(
        summary="Rút hồ sơ đề nghị (đơn vị; cần lý do)",
        description="Gọi dịch vụ proposal_withdraw; chỉ khi hồ sơ đang soạn hoặc được trả lại.",
        tags=TAGS,
        request=ProposalReasonSerializer,
        responses=ProposalDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        proposal = self.get_object()
        payload = ProposalReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        reason = payload.validated_data["reason"]
        return self._detail(proposal_withdraw(actor=request.user, proposal=proposal, reason=reason))

    @extend_schema(
        summary="Trả lại hồ sơ đề nghị cho đơn vị (cấp tỉnh; cần lý do)",
        description="Gọi dịch vụ proposal_return; khi hồ sơ đã gửi hoặc đã thẩm định, trước khi Hội đồng "
        "bỏ phiếu.",
        tags=TAGS,
        request=ProposalReasonSerializer,
        responses=ProposalDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        proposal = self.get_object()
        payload = ProposalReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        reason = payload.validated_data["reason"]
        return self._detail(proposal_return(actor=request.user, proposal=proposal, reason=reason))

    @extend_schema(
        summary="Thẩm định hồ sơ đề nghị (cấp tỉnh)",
        description="Gọi dịch vụ proposal_appraise; `received_on` sửa ngày tiếp nhận (không ở tương lai, "
        "không trước ngày lập hồ sơ) và mọi đề nghị được xét lại với ngày đó.",
        tags=TAGS,
        request=ProposalAppraiseSerializer,
        responses=ProposalDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def appraise(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        proposal = self.get_object()
        payload = ProposalAppraiseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        received_on = payload.validated_data["received_on"]
        return self._detail(proposal_appraise(actor=request.user, proposal=proposal, received_on=received_on))
