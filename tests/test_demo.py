"""The demo data loads through the services and shows the seed's facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from thidua.accounts.models import User
from thidua.core.models import AuditEvent
from thidua.demo import loader
from thidua.emulation.models import Period
from thidua.org.models import EmulationGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any) -> list[loader.DemoLogin]:
    settings.DEMO = True
    call_command("org_load_units", province=["86"], verbosity=0)
    return loader.load_demo()


# Loading the demo takes seconds, so each test checks several of its promises.
def test_demo_data(demo: Any) -> None:
    _groups_past_and_present()
    _mid_year_review_2023_matches_the_seed()
    _period_2026_is_open()


def _groups_past_and_present() -> None:
    g2023 = EmulationGroup.objects.get(year=2023)
    assert [m.organisation.admin_unit.code for m in g2023.memberships.order_by("order")] == [
        "847",
        "848",
        "850",
        "851",
        "849",
    ]
    assert (g2023.head.admin_unit.name, g2023.deputy.admin_unit.name) == (
        "Huyện Châu Thành",
        "Thị xã Duyên Hải",
    )
    assert g2023.head_person.full_name == "Đỗ Minh Tiến"
    g2026 = EmulationGroup.objects.get(year=2026)
    assert g2026.province.code == "86" and g2026.province.valid_until is None
    names = {m.organisation.admin_unit.name for m in g2026.memberships.all()}
    assert {"Phường Duyên Hải", "Phường Trường Long Hòa", "Xã Long Hữu", "Xã Đôn Châu"} <= names


def _mid_year_review_2023_matches_the_seed() -> None:
    period = Period.objects.get(pact__group__year=2023, kind="so_ket")
    assert period.closed_at is not None and period.pact.illustrative
    ranking = [(r.organisation.admin_unit.code, r.rank, r.total) for r in period.results.order_by("rank")]
    # the same ranking as contracts/examples/scoring-cum-1-2023.expected.json
    assert ranking == [
        ("848", 1, Decimal("776.17")),
        ("850", 2, Decimal("696.97")),
        ("851", 3, Decimal("686.40")),
        ("847", 4, Decimal("629.59")),
        ("849", 5, Decimal("564.63")),
    ]
    assert period.aggregates[0]["display"] == "31.434,47 tỷ đồng, đạt 43,31% so kế hoạch"
    assert period.aggregates[1]["count"] == 2
    # the illustrative vote chose the ranking's leader, a candidate for the provincial flag
    vote = period.pact.group.vote
    assert vote.status == "closed"
    cau_ngang = vote.group.memberships.get(organisation__admin_unit__code="848").organisation_id
    assert vote.tally["leaders"] == [str(cau_ngang)]
    assert (vote.tally["cast"], vote.tally["results"][0]["votes"], vote.tally["results"][0]["percent"]) == (
        5,
        4,
        "80.00",
    )
    # the abolished districts' officers can no longer sign in
    assert not User.objects.filter(username__endswith="2023", is_active=True).exists()
    # the story's timestamps are its dates, not the day the demo was loaded (#17 item 9)
    local = timezone.localtime
    assert local(period.closed_at).date() == dt.date(2023, 8, 4)
    reports = period.reports.all()
    assert {local(r.submitted_at).date() for r in reports} <= {dt.date(2023, 7, d) for d in range(20, 31)}
    assert {local(r.appraised_at).date() for r in reports} == {dt.date(2023, 8, 1)}
    assert local(vote.closed_at).year == 2023
    closing = AuditEvent.objects.get(action="emulation.period.close", target_id=str(period.pk))
    assert local(closing.created_at).date() == dt.date(2023, 8, 4)
    assert not AuditEvent.objects.filter(
        target_type="emulation.report", target_id__in=[str(r.pk) for r in reports], created_at__year__gt=2023
    ).exists()


def _period_2026_is_open() -> None:
    period = Period.objects.get(pact__group__year=2026, kind="so_ket")
    assert period.closed_at is None and period.pact.status == "signed"
    assert sorted(period.reports.values_list("status", flat=True)) == ["draft", "submitted"]


def test_demo_logins_and_scoping(demo: list[loader.DemoLogin]) -> None:
    assert {login.role for login in demo} == {
        "system_admin",
        "province_officer",
        "group_head_officer",
        "member_officer",
        "council_member",
        "portal_editor",
        "editor_in_chief",
    }
    for login in demo:
        client = Client()
        assert client.login(username=login.username, password=loader.DEMO_PASSWORD), login.username
        assert client.get("/admin/").status_code == 200, login.username
    # the member officer sees only the own unit's people
    client = Client()
    client.login(username="donvi", password=loader.DEMO_PASSWORD)
    body = client.get("/admin/org/people/").content.decode()
    assert "Nguyễn Văn An" in body  # works at donvi's unit
    assert "Trần Thị Bích" not in body and "Đỗ Minh Tiến" not in body


def test_self_scores_agree_between_screens(demo: list[loader.DemoLogin]) -> None:
    """One reader of the self and appraised scores (#17 item 3): the reports list, each report's page,
    the results screen and its export show the same figures, in 2023 (closed) and 2026 (open)."""
    from thidua.emulation.presenters.dashboard import period_dashboard
    from thidua.emulation.selectors.scoring import period_figures

    province = next(login.username for login in demo if login.role == "province_officer")
    client = Client()
    assert client.login(username=province, password=loader.DEMO_PASSWORD)
    for year in (2023, 2026):
        period = Period.objects.select_related("pact__group").get(pact__group__year=year, kind="so_ket")
        figures = period_figures(period=period)
        dashboard = period_dashboard(period=period)
        assert dashboard.rows, year
        listed = client.get(f"/admin/emulation/periods/{period.pk}/reports/")
        assert listed.status_code == 200
        by_org = {row["organisation"].pk: row["figures"] for row in listed.context["rows"]}
        for row in dashboard.rows:
            assert by_org[row.organisation_id] == figures.of(row.organisation_id), (year, row.name)
            assert row.self_total == figures.of(row.organisation_id).self_total, (year, row.name)
            # the ranking's total is the appraised score, or the self-score until the report is appraised
            mine = figures.of(row.organisation_id)
            assert row.total == (
                mine.appraised_total if mine.appraised_total is not None else mine.self_total
            )
        for report in period.reports.all():
            page = client.get(f"/admin/emulation/reports/{report.pk}/")
            assert page.status_code == 200, (year, report.pk)
            assert page.context["figures"] == figures.of(report.organisation_id), (year, report.pk)
    # 2023: the appraisal changed no value, so self-scores equal the final scores (the list said 660,15
    # against 629,59 for Châu Thành while every screen now reads 629,59 for both).
    closed = period_figures(period=Period.objects.get(pact__group__year=2023, kind="so_ket"))
    assert {f.self_total == f.appraised_total for f in closed.members.values()} == {True}
