"""The REST API, version 1: /api/v1/… (docs/api.md). The schema and its docs are public, like the
contract they describe; every other address needs a token or a signed-in session. Every view counts
against the rate limits (thidua/api/throttling.py), the public ones per address."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from thidua.api.throttling import API_THROTTLES
from thidua.api.views.awards import DecisionViewSet, ProposalViewSet
from thidua.api.views.eligibility import EligibilityCheckView
from thidua.api.views.emulation import PactViewSet, PeriodViewSet, ReportViewSet
from thidua.api.views.org import AdminUnitViewSet, GroupViewSet, OrganisationViewSet, PersonViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", AdminUnitViewSet, basename="api-unit")
router.register("organisations", OrganisationViewSet, basename="api-organisation")
router.register("people", PersonViewSet, basename="api-person")
router.register("groups", GroupViewSet, basename="api-group")
router.register("pacts", PactViewSet, basename="api-pact")
router.register("periods", PeriodViewSet, basename="api-period")
router.register("reports", ReportViewSet, basename="api-report")
router.register("decisions", DecisionViewSet, basename="api-decision")
router.register("proposals", ProposalViewSet, basename="api-proposal")

v1 = [
    path("", include(router.urls)),
    path("eligibility/check/", EligibilityCheckView.as_view(), name="api-eligibility-check"),
    # The schema is generated on every request: not free, and open to anyone.
    path("schema/", SpectacularAPIView.as_view(throttle_classes=API_THROTTLES), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema", throttle_classes=API_THROTTLES),
        name="api-docs",
    ),
    path(
        "docs/redoc/",
        SpectacularRedocView.as_view(url_name="api-schema", throttle_classes=API_THROTTLES),
        name="api-redoc",
    ),
]

urlpatterns = [path("v1/", include(v1))]
