"""Registers the papers' download URLs inside Wagtail's admin (login and admin access required there)."""

from __future__ import annotations

from typing import Any

from django.urls import path
from wagtail import hooks

from thidua.documents import views


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_document_urls() -> list[Any]:
    return [
        path(
            "documents/periods/<int:pk>/report.<str:fmt>",
            views.report_download,
            name="documents_report",
        ),
        path("documents/periods/<int:pk>/article/", views.article_draft_view, name="documents_article_draft"),
        path("documents/votes/<int:pk>/minutes.<str:fmt>", views.minutes_download, name="documents_minutes"),
        path("documents/pacts/<int:pk>/pact.<str:fmt>", views.pact_download, name="documents_pact"),
        path(
            "documents/decisions/<int:pk>/decision.<str:fmt>",
            views.decision_download,
            name="documents_decision",
        ),
        path(
            "documents/decisions/<int:pk>/certificates.<str:fmt>",
            views.certificates_download,
            name="documents_certificates",
        ),
        path(
            "documents/proposals/<int:pk>/letter.<str:fmt>",
            views.proposal_letter_download,
            name="documents_proposal_letter",
        ),
        path(
            "documents/proposals/<int:pk>/items/<int:item_id>/achievement.<str:fmt>",
            views.achievement_report_download,
            name="documents_achievement_report",
        ),
        path(
            "documents/decisions/<int:pk>/certificates-job.<str:fmt>",
            views.certificates_job_view,
            name="documents_certificates_job",
        ),
        path(
            "documents/certificates/<uuid:job_id>/",
            views.certificates_file_view,
            name="documents_certificates_file",
        ),
    ]


@hooks.register("register_admin_viewset")  # type: ignore[untyped-decorator]
def register_layouts() -> Any:
    from thidua.documents.viewsets import CertificateLayoutViewSet

    return CertificateLayoutViewSet()
