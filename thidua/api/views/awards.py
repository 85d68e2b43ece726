"""The awards registry (decisions and their recipients) and proposals, through the awards selectors;
a new proposal through awards.services.proposals.proposal_create, as on the unit's screen."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.api.selectors.awards import recipients_visible_to
from thidua.api.serializers.awards import (
    DecisionDetailSerializer,
    DecisionSerializer,
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
)
from thidua.api.views.common import YEAR_PARAMETER, NumericLookup, year_param
from thidua.awards.selectors.access import decisions_visible_to
from thidua.awards.selectors.proposals import proposal_items, proposals_visible_to
from thidua.awards.services.proposals import proposal_create
from thidua.org.selectors.organisations import organisations_visible_to

TAGS = ["Khen thưởng"]


@extend_schema_view(
    list=extend_schema(
        summary="Quyết định khen thưởng (sổ khen thưởng)",
        description="`year`: năm ký quyết định.",
        tags=TAGS,
        parameters=[YEAR_PARAMETER],
    ),
    retrieve=extend_schema(summary="Một quyết định với người, tập thể được khen", tags=TAGS),
)
class DecisionViewSet(NumericLookup, viewsets.ReadOnlyModelViewSet):
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
