"""The demo data loads through the services and shows the seed's facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
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


def test_demo_commendation(demo: Any) -> None:
    """The commendation demo (#12): the registry's past honours, one proposal per rule set, the
    transition, the duplicate, the 2026 draft, a predecessor's honour on a timeline, and the sample
    Excel file of past decisions, which dry-runs clean against the loaded demo."""
    _registry_holds_past_honours()
    _one_proposal_per_rule_set()
    _draft_and_duplicate_2026()
    _timelines()
    _sample_registry_file_dry_runs()


def _registry_holds_past_honours() -> None:
    from thidua.awards.models import AwardRecipient, Discipline, Initiative, PendingMatter, TaskRating

    def held(award: str, **subject: Any) -> list[int]:
        rows = AwardRecipient.objects.filter(decision__award=award, **subject)
        return sorted(rows.values_list("decision__period_to_year", flat=True))

    assert held("chien_si_thi_dua_co_so", person__full_name="Nguyễn Văn An") == [2023, 2024, 2025, 2026]
    assert held("co_thi_dua_cap_tinh", organisation__name="Ủy ban nhân dân huyện Cầu Ngang") == [2023]
    assert held("tap_the_lao_dong_xuat_sac", organisation__name="Ủy ban nhân dân xã Nguyệt Hóa") == [
        2023,
        2024,
    ]
    flag = AwardRecipient.objects.get(decision__award="co_thi_dua_cap_tinh").decision
    assert flag.issuer.name == "Ủy ban nhân dân tỉnh Trà Vinh" and flag.issuer.dissolved_on == dt.date(
        2025, 6, 30
    )
    # everything illustrative says so
    from thidua.awards.models import AwardDecision

    for decision in AwardDecision.objects.all():
        assert "inh họa" in f"{decision.summary} {decision.note} {decision.signer_name}", decision.number
    assert TaskRating.objects.filter(person__full_name="Nguyễn Văn An", year__range=(2021, 2025)).count() == 5
    assert Initiative.objects.get(person__full_name="Nguyễn Văn An").scope == "tinh"
    assert (
        Discipline.objects.count() == 1 and PendingMatter.objects.filter(closed_on__isnull=True).count() == 1
    )


def _one_proposal_per_rule_set() -> None:
    from thidua.awards.models import Proposal

    proposals = list(Proposal.objects.order_by("id"))
    assert len(proposals) == 5
    rule_sets = [{item.eligibility["rule_set"] for item in p.items.all()} for p in proposals]
    assert rule_sets[:3] == [
        {"luat-06-2022/nd-98-2023"},
        {"luat-06-2022/nd-152-2025"},
        {"luat-06-2022/nd-152-2025"},  # received before 01/10/2026: the old law, by the transition
    ]
    assert rule_sets[3:] == [{"luat-06-2022/sd-06-2026"}, {"luat-06-2022/sd-06-2026"}]
    assert [p.received_on for p in proposals[:3]] == [
        dt.date(2024, 1, 15),
        dt.date(2025, 12, 10),
        dt.date(2026, 9, 25),
    ]
    (transition,) = proposals[2].items.all()
    first = transition.eligibility["reasons"][0]
    assert first["citation"] == "Luật số 06/2026/QH16, Điều 4 khoản 4" and not first["verified"]
    assert not any(
        r["code"].startswith("transition")
        for p in proposals[:2]
        for i in p.items.all()
        for r in i.eligibility["reasons"]
    )
    decided = proposals[:3]
    assert {p.state for p in decided} == {"decided"}
    assert [timezone.localtime(p.decided_at).date() for p in decided] == [
        dt.date(2024, 3, 5),
        dt.date(2026, 1, 12),
        dt.date(2026, 10, 15),
    ]
    assert [p.decisions.first().issuer.name for p in decided] == [  # type: ignore[union-attr]
        "Ủy ban nhân dân tỉnh Trà Vinh",
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        "Ủy ban nhân dân tỉnh Vĩnh Long",
    ]
    # the council voted: its minutes, every item passed, three of three members present
    for proposal in decided:
        assert proposal.minutes["present"] == proposal.minutes["members"] == 3
        assert all(item.council_result["passed"] for item in proposal.items.all())
    # the flag came from the 2023 cluster's vote
    assert decided[0].source_vote_id == EmulationGroup.objects.get(year=2023).vote.pk


def _draft_and_duplicate_2026() -> None:
    from thidua.awards.models import Proposal, ProposalItem

    draft = Proposal.objects.get(state="draft")
    assert draft.organisation.code == User.objects.get(username="donvi").organisation.code
    an = draft.items.get(person__full_name="Nguyễn Văn An")
    assert an.award == "chien_si_thi_dua_cap_tinh" and an.eligibility["outcome"] == "eligible"
    assert an.eligibility["unverified"] is True and an.duplicates == []
    assert draft.documents.count() == 5  # the Điều 84 dossier, ready to submit
    submitted = Proposal.objects.get(state="submitted")
    duplicated = [item for item in submitted.items.all() if item.duplicates]
    assert [item.person.full_name for item in duplicated] == ["Tran Thi Bich"]  # type: ignore[union-attr]
    (found,) = duplicated[0].duplicates
    assert (found["kind"], found["name"]) == ("registry", "Trần Thị Bích")
    # one duplicate in the whole demo: every other item's list is empty
    assert [i.pk for i in ProposalItem.objects.all() if i.duplicates] == [duplicated[0].pk]
    # the other items show their gates: a discipline (G4) and an open matter (G3)
    codes = {r["code"] for item in submitted.items.all() for r in item.eligibility["reasons"]}
    assert {"gate.g3_pending", "gate.g4_discipline"} <= codes


def _timelines() -> None:
    from thidua.awards.selectors.timeline import honours_by_year, organisation_timeline, person_timeline
    from thidua.org.models import Organisation, Person

    ward = User.objects.get(username="donvi").organisation
    timeline = organisation_timeline(organisation=ward)  # type: ignore[arg-type]
    marked = [(y, h.predecessor) for y, rows in honours_by_year(timeline).items() for h in rows]
    assert (2023, "Ủy ban nhân dân xã Nguyệt Hóa") in marked and (
        2024,
        "Ủy ban nhân dân xã Nguyệt Hóa",
    ) in marked
    # a decision made from a proposal, on a person's timeline
    bich = Person.objects.get(full_name="Trần Thị Bích")
    honours = honours_by_year(person_timeline(person=bich))
    assert [h.number for h in honours[2025] if h.award == "bang_khen_chu_tich_ubnd_tinh"] == ["1875/QĐ-UBND"]
    assert Organisation.objects.get(name="Ủy ban nhân dân tỉnh Vĩnh Long")


def _sample_registry_file_dry_runs() -> None:
    from thidua.awards.services.imports import import_award_decisions
    from thidua.demo.sample_registry import ROWS, sample_bytes
    from thidua.org.spreadsheets import read_rows

    rows, errors = read_rows("award_decisions", sample_bytes())
    assert errors == [] and len(rows) == len(ROWS)
    report = import_award_decisions(actor=User.objects.get(username="tinh"), rows=rows, dry_run=True)
    assert report.errors == [], report.errors
    assert report.created >= 3  # three decisions, none in the registry yet


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
        assert client.login(
            request=RequestFactory().post("/admin/login/"),
            username=login.username,
            password=loader.DEMO_PASSWORD,
        ), login.username
        assert client.get("/admin/").status_code == 200, login.username
    # the member officer sees only the own unit's people
    client = Client()
    client.login(
        request=RequestFactory().post("/admin/login/"), username="donvi", password=loader.DEMO_PASSWORD
    )
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
    assert client.login(
        request=RequestFactory().post("/admin/login/"), username=province, password=loader.DEMO_PASSWORD
    )
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
