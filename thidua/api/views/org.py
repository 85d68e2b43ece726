"""Administrative units, organisations, people and emulation groups: read only, scoped by the org
selectors (units and organisations are reference data; people and groups follow the user's units)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from thidua.api.serializers.org import (
    AdminUnitSerializer,
    GroupDetailSerializer,
    GroupSerializer,
    OrganisationSerializer,
    PersonSerializer,
)
from thidua.api.views.common import YEAR_PARAMETER, NumericLookup, RateLimited, year_param
from thidua.org.selectors.groups import group_with_members, groups_visible_to
from thidua.org.selectors.organisations import organisations_visible_to
from thidua.org.selectors.people import can_see_personal_data, people_visible_to
from thidua.org.selectors.units import units_visible_to


@extend_schema_view(
    list=extend_schema(summary="Danh mục đơn vị hành chính", tags=["Tổ chức"]),
    retrieve=extend_schema(summary="Một đơn vị hành chính", tags=["Tổ chức"]),
)
class AdminUnitViewSet(RateLimited, NumericLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = AdminUnitSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return units_visible_to(user=self.request.user).order_by("code", "pk")


@extend_schema_view(
    list=extend_schema(summary="Danh sách cơ quan, đơn vị", tags=["Tổ chức"]),
    retrieve=extend_schema(summary="Một cơ quan, đơn vị", tags=["Tổ chức"]),
)
class OrganisationViewSet(RateLimited, NumericLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return organisations_visible_to(user=self.request.user).order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Cá nhân trong phạm vi đơn vị của người dùng", tags=["Tổ chức"]),
    retrieve=extend_schema(summary="Một cá nhân", tags=["Tổ chức"]),
)
class PersonViewSet(RateLimited, NumericLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return people_visible_to(user=self.request.user).order_by("full_name", "pk")

    def get_serializer_context(self) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_serializer_context(),
            "personal_data": lambda person: can_see_personal_data(user=user, person=person),
        }


@extend_schema_view(
    list=extend_schema(summary="Cụm, khối thi đua", tags=["Tổ chức"], parameters=[YEAR_PARAMETER]),
    retrieve=extend_schema(summary="Một cụm, khối với các thành viên", tags=["Tổ chức"]),
)
class GroupViewSet(RateLimited, NumericLookup, viewsets.ReadOnlyModelViewSet):
    def get_queryset(self) -> QuerySet[Any]:
        year = year_param(self.request) if self.action == "list" else None
        return groups_visible_to(user=self.request.user, year=year).order_by("-year", "name", "pk")

    def get_serializer_class(self) -> type[GroupSerializer]:
        return GroupDetailSerializer if self.action == "retrieve" else GroupSerializer

    def get_object(self) -> Any:
        group = super().get_object()  # 404 unless the user may see the group
        return group_with_members(group_id=group.pk)
