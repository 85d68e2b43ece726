"""The results dashboard selector: sentences, ranking with vetoes, final vs live, members left out,
the change since mid-year, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from tests.emulation.builders import (
    SEED_LABELS,
    Built,
    build_pact,
    close_period,
    fill_period,
    seed_document,
    synthetic_document,
)
from tests.factories import ProvinceFactory
from thidua.emulation.models import PactCriterion, Period, Report, ReportValue
from thidua.emulation.presenters.dashboard import (
    LIVE_BASIS,
    AggregateFigure,
    Dashboard,
    MemberChange,
    aggregate_sentence,
    count_text,
    period_dashboard,
    vn_signed,
)

SEED_SENTENCE = "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch"
SEED_ORDER = ["Huyện Cầu Ngang", "Huyện Duyên Hải", "Thị xã Duyên Hải", "Huyện Châu Thành", "Huyện Trà Cú"]

SUM = AggregateFigure(
    criterion="1.1",
    kind="sum_ratio",
    criterion_name="Tổng giá trị sản xuất so kế hoạch năm",
    display="31.434,47 tỷ đồng, đạt 43,31% so kế hoạch",
    percent=Decimal("43.31"),
)
COUNT = AggregateFigure(
    criterion="1.2",
    kind="count_true",
    criterion_name="Được công nhận đạt chuẩn huyện nông thôn mới",
    count=2,
    members=("Huyện Cầu Ngang", "Huyện Duyên Hải"),
)
NONE = AggregateFigure(criterion="1.2", kind="count_true", criterion_name="Đạt chuẩn", count=0)


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    # Labels such as the period kind follow the active language; a request made by an earlier test
    # in this thread may have left another one active.
    with translation.override("vi"):
        yield


# ---------------------------------------------------------------------------------------------------
# Pure functions


@pytest.mark.parametrize(
    ("figure", "label", "expected"),
    [
        (SUM, "Tổng giá trị sản xuất toàn Cụm là {display}", SEED_SENTENCE),
        (
            COUNT,
            "{count} huyện đạt chuẩn nông thôn mới: {members}",
            "02 huyện đạt chuẩn nông thôn mới: Huyện Cầu Ngang, Huyện Duyên Hải",
        ),
        (SUM, None, "Tổng giá trị sản xuất so kế hoạch năm: 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch"),
        (SUM, "   ", "Tổng giá trị sản xuất so kế hoạch năm: 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch"),
        (
            COUNT,
            None,
            "Được công nhận đạt chuẩn huyện nông thôn mới: 02 đơn vị (Huyện Cầu Ngang, Huyện Duyên Hải)",
        ),
        (NONE, None, "Đạt chuẩn: chưa có đơn vị nào"),
        (NONE, "{count} đơn vị đạt chuẩn", "0 đơn vị đạt chuẩn"),
        # No member: the list and the separator before it go, never a sentence ending on ":" (#17).
        (NONE, "{count} huyện đạt chuẩn nông thôn mới: {members}", "0 huyện đạt chuẩn nông thôn mới"),
        (NONE, "Các huyện đạt chuẩn ({members}).", "Các huyện đạt chuẩn."),
        (NONE, "Đạt chuẩn – {members}", "Đạt chuẩn"),
        (
            SUM,
            "Toàn Cụm đạt {percent} kế hoạch ({code}. {criterion})",
            "Toàn Cụm đạt 43,31% kế hoạch (1.1. Tổng giá trị sản xuất so kế hoạch năm)",
        ),
        # Only the named placeholders are filled; nothing reaches attributes or indexes.
        (SUM, "{display.__class__} {unknown} {0}", "{display.__class__} {unknown} {0}"),
        (SUM, "{{display}}", "{31.434,47 tỷ đồng, đạt 43,31% so kế hoạch}"),
    ],
)
def test_aggregate_sentence(figure: AggregateFigure, label: str | None, expected: str) -> None:
    assert aggregate_sentence(figure, label) == expected


# The seed's "02 huyện": counts below ten are padded; zero and two-digit counts are not.
@pytest.mark.parametrize(
    ("count", "text"), [(0, "0"), (1, "01"), (2, "02"), (9, "09"), (10, "10"), (123, "123")]
)
def test_count_text(count: int, text: str) -> None:
    assert count_text(count) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12.5"), "+12,50"),
        (Decimal("-3"), "−3,00"),
        (Decimal("0"), "0,00"),
        (Decimal("-1234.567"), "−1.234,57"),
        (None, ""),
    ],
)
def test_vn_signed(value: Decimal | None, expected: str) -> None:
    assert vn_signed(value) == expected


# ---------------------------------------------------------------------------------------------------
# Helpers


def _seed(**kwargs: Any) -> Built:
    return build_pact(
        document=seed_document(), province=ProvinceFactory(), labels=SEED_LABELS, illustrative=True, **kwargs
    )


def _dashboard(period: Period) -> Dashboard:
    return period_dashboard(period=Period.objects.select_related("pact__group").get(pk=period.pk))


def _names(dashboard: Dashboard) -> list[str]:
    return [row.name for row in dashboard.rows]


# ---------------------------------------------------------------------------------------------------
# Live results


@pytest.mark.django_db
def test_seed_pact_live_gives_the_seed_sentences_and_ranking() -> None:
    # given the demo's illustrative pact, every report sent
    built = _seed()
    period = fill_period(built)
    # when
    dashboard = _dashboard(period)
    # then
    sentences = [line.sentence for line in dashboard.aggregates]
    assert sentences[0] == SEED_SENTENCE
    assert sentences[1].startswith("02 huyện đạt chuẩn nông thôn mới")
    assert sentences[1] == "02 huyện đạt chuẩn nông thôn mới: Huyện Cầu Ngang, Huyện Duyên Hải"
    assert _names(dashboard) == SEED_ORDER
    assert [row.rank for row in dashboard.rows] == [1, 2, 3, 4, 5]
    assert dashboard.rows[0].total == Decimal("776.17")
    assert dashboard.final is False and dashboard.closed_on is None
    assert dashboard.basis == LIVE_BASIS
    assert dashboard.illustrative is True
    assert dashboard.excluded == ()
    assert dashboard.scored_count == dashboard.member_count == 5
    assert dashboard.has_changes is False


@pytest.mark.django_db
def test_vetoed_members_come_last_with_the_failed_criterion() -> None:
    built = _seed()
    period = fill_period(built, values={"cau-ngang": {"V": True}})
    dashboard = _dashboard(period)
    assert _names(dashboard) == [*SEED_ORDER[1:], "Huyện Cầu Ngang"]
    last = dashboard.rows[-1]
    assert last.vetoed is True and last.rank == 5
    assert [(f.code, f.name) for f in last.failed_vetoes] == [
        ("V", "Để xảy ra vụ việc phức tạp về an ninh, trật tự (tiêu chí phủ quyết)")
    ]
    # A vetoed member keeps its points and total.
    assert last.total == Decimal("776.17")
    assert all(not row.vetoed and row.failed_vetoes == () for row in dashboard.rows[:-1])
    assert dashboard.has_vetoed is True


@pytest.mark.django_db
def test_live_uses_appraised_values_where_present_and_shows_the_gap() -> None:
    # given Cầu Ngang's manual score 4.1 appraised down from 95 to 80
    built = _seed()
    period = fill_period(
        built,
        statuses={"cau-ngang": Report.Status.APPRAISED},
        appraised={"cau-ngang": {"4.1": "80"}},
    )
    dashboard = _dashboard(period)
    row = next(r for r in dashboard.rows if r.name == "Huyện Cầu Ngang")
    assert row.total == Decimal("761.17")
    assert row.self_total == Decimal("776.17")
    assert row.gap == Decimal("-15.00") and row.gap_text == "−15,00"
    assert row.appraised is True
    assert row.points["4.1"] == Decimal("80.00")
    other = next(r for r in dashboard.rows if r.name == "Huyện Trà Cú")
    assert other.gap == Decimal("0.00") and other.appraised is False


@pytest.mark.django_db
def test_members_left_out_while_the_period_is_open_with_the_reason() -> None:
    built = _seed()
    period = fill_period(
        built,
        statuses={"chau-thanh": Report.Status.DRAFT, "tra-cu": Report.Status.RETURNED},
        values={"duyen-hai": {"3.1": None, "4.2": "150"}},
        skip={"tx-duyen-hai"},
    )
    dashboard = _dashboard(period)
    assert _names(dashboard) == ["Huyện Cầu Ngang"]
    reasons = {e.name: e.reason for e in dashboard.excluded}
    assert reasons == {
        "Huyện Châu Thành": "Báo cáo đang nhập, đơn vị chưa gửi.",
        "Huyện Duyên Hải": "Số liệu chưa đủ hoặc chưa hợp lệ ở tiêu chí 3.1, 4.2.",
        "Thị xã Duyên Hải": "Chưa có báo cáo.",
        "Huyện Trà Cú": "Báo cáo bị trả lại, đơn vị đang bổ sung, sửa.",
    }
    # In the group's member order, with the engine's problems, in Vietnamese, for the one it refused.
    assert [e.name for e in dashboard.excluded] == [
        "Huyện Châu Thành",
        "Huyện Duyên Hải",
        "Thị xã Duyên Hải",
        "Huyện Trà Cú",
    ]
    refused = next(e for e in dashboard.excluded if e.name == "Huyện Duyên Hải")
    assert refused.problems == (
        "Tiêu chí 3.1 (Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính): chưa nhập giá trị.",
        "Tiêu chí 4.2 (Đổi mới công tác thi đua, khen thưởng (Chỉ thị 34-CT/TW)): điểm phải từ 0 đến 100.",
    )
    # The aggregates cover the scored member only.
    assert dashboard.aggregates[1].sentence == "01 huyện đạt chuẩn nông thôn mới: Huyện Cầu Ngang"
    assert dashboard.scored_count == 1 and dashboard.member_count == 5


@pytest.mark.django_db
def test_a_fault_in_the_pact_is_reported_and_nothing_is_scored() -> None:
    built = _seed()
    PactCriterion.objects.filter(pact=built.pact, code="1.1").update(params={"cap": -1})
    period = fill_period(built)
    dashboard = _dashboard(period)
    assert dashboard.rows == () and dashboard.aggregates == ()
    assert dashboard.problems and "cap" in dashboard.problems[0]
    assert {e.reason for e in dashboard.excluded} == {"Giao ước có lỗi nên chưa chấm được điểm."}


@pytest.mark.django_db
def test_nobody_has_sent_a_report() -> None:
    built = _seed()
    period = fill_period(built, default_status=Report.Status.DRAFT)
    dashboard = _dashboard(period)
    assert dashboard.rows == () and dashboard.aggregates == () and dashboard.problems == ()
    assert len(dashboard.excluded) == 5


@pytest.mark.django_db
def test_per_criterion_table_in_tree_order_with_averages() -> None:
    built = _seed()
    period = fill_period(built)
    dashboard = _dashboard(period)
    codes = [row.criterion.code for row in dashboard.criterion_rows]
    # Groups before their children; veto criteria score no points and are not listed.
    assert codes == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1", "3.2", "4", "4.1", "4.2", "B", "P"]
    by_code = {row.criterion.code: row for row in dashboard.criterion_rows}
    assert by_code["1"].criterion.max_points == Decimal("300")
    assert by_code["1"].criterion.is_group and by_code["1.1"].criterion.depth == 1
    # One value per ranked member, in rank order; 1.2: two of five members at 100.
    assert by_code["1.2"].points == (
        Decimal("100.00"),
        Decimal("100.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert by_code["1.2"].average == Decimal("40.00")
    assert by_code["P"].average == Decimal("-3.00")
    assert [c.code for c in dashboard.leaves][:2] == ["1.1", "1.2"]
    assert [c.code for c in dashboard.groups] == ["1", "2", "3", "4"]
    assert dashboard.rows[0].subtotals == (
        Decimal("186.18"),
        Decimal("197.12"),
        Decimal("189.87"),
        Decimal("188.00"),
    )


# ---------------------------------------------------------------------------------------------------
# Final results


@pytest.mark.django_db
def test_closed_period_reads_the_frozen_results_and_never_rescores() -> None:
    # given a closed period
    built = _seed()
    period = fill_period(built, values={"tra-cu": {"V": True}})
    close_period(period, closed_at=dt.datetime(2023, 8, 4, 9, 0, tzinfo=dt.UTC))
    # when a value changes afterwards (it cannot through the services; here it does)
    ReportValue.objects.filter(report__period=period, criterion__code="4.1").update(value="0")
    dashboard = _dashboard(period)
    # then the frozen figures are shown
    assert dashboard.final is True
    assert dashboard.closed_on == dt.date(2023, 8, 4)
    assert dashboard.rows[0].name == "Huyện Cầu Ngang" and dashboard.rows[0].total == Decimal("776.17")
    assert dashboard.rows[0].points["4.1"] == Decimal("95.00")
    assert dashboard.rows[-1].name == "Huyện Trà Cú" and dashboard.rows[-1].vetoed is True
    assert [f.code for f in dashboard.rows[-1].failed_vetoes] == ["V"]
    assert [line.sentence for line in dashboard.aggregates] == [
        SEED_SENTENCE,
        "02 huyện đạt chuẩn nông thôn mới: Huyện Cầu Ngang, Huyện Duyên Hải",
    ]
    assert all(row.gap == Decimal("0.00") for row in dashboard.rows)
    assert dashboard.excluded == ()


@pytest.mark.django_db
def test_closed_period_lists_a_member_without_a_frozen_result() -> None:
    built = _seed()
    period = fill_period(built)
    close_period(period)
    period.results.filter(organisation=built.org("tra-cu")).delete()
    dashboard = _dashboard(period)
    assert [e.name for e in dashboard.excluded] == ["Huyện Trà Cú"]
    assert len(dashboard.rows) == 4


# ---------------------------------------------------------------------------------------------------
# From mid-year to year-end


@pytest.mark.django_db
def test_year_end_shows_the_change_since_the_mid_year_results() -> None:
    # given closed mid-year results, and a year-end where Trà Cú reaches its production target (+113,56)
    # and the new-countryside standard (+100)
    built = _seed()
    close_period(fill_period(built, kind=Period.Kind.SO_KET))
    tong_ket = fill_period(built, kind=Period.Kind.TONG_KET, values={"tra-cu": {"1.1": "13500", "1.2": True}})
    # when
    dashboard = _dashboard(tong_ket)
    # then
    assert dashboard.compared_label == "Sơ kết 6 tháng" and dashboard.has_changes
    tra_cu = dashboard.rows[0]
    assert tra_cu.name == "Huyện Trà Cú"
    assert tra_cu.change is not None
    assert (tra_cu.change.so_ket_rank, tra_cu.change.rank_delta) == (5, 4)
    assert tra_cu.total == Decimal("778.19")
    assert tra_cu.change.total_delta == Decimal("213.56")
    assert tra_cu.change.total_delta_text == "+213,56"
    assert tra_cu.change.rank_delta_text == "tăng 4 bậc"
    cau_ngang = next(r for r in dashboard.rows if r.name == "Huyện Cầu Ngang")
    assert cau_ngang.change is not None
    assert (cau_ngang.change.so_ket_rank, cau_ngang.rank, cau_ngang.change.rank_delta) == (1, 2, -1)
    assert cau_ngang.change.total_delta == Decimal("0.00")
    assert cau_ngang.change.rank_delta_text == "giảm 1 bậc"
    same = MemberChange(so_ket_rank=3, so_ket_total=Decimal(1), rank_delta=0, total_delta=Decimal(0))
    assert same.rank_delta_text == "giữ nguyên"


@pytest.mark.django_db
def test_no_change_without_frozen_mid_year_results() -> None:
    built = _seed()
    fill_period(built, kind=Period.Kind.SO_KET)  # still open: no results yet
    dashboard = _dashboard(fill_period(built, kind=Period.Kind.TONG_KET))
    assert dashboard.has_changes is False
    assert all(row.change is None for row in dashboard.rows)


# ---------------------------------------------------------------------------------------------------
# Queries: a fixed number, whatever the number of members and criteria


def _synthetic(members: int, criteria_groups: int) -> Built:
    document = synthetic_document(members=members, groups=criteria_groups, per_group=4)
    return build_pact(document=document, province=ProvinceFactory())


# Live: criteria, members, targets, reports, values; + the mid-year results at year-end.
# Final: criteria, members, results, reports, veto values; + the mid-year results at year-end.
@pytest.mark.django_db
@pytest.mark.parametrize(("members", "criteria_groups"), [(3, 2), (30, 8)])
@pytest.mark.parametrize(
    ("kind", "closed", "queries"),
    [
        (Period.Kind.SO_KET, False, 5),
        (Period.Kind.SO_KET, True, 5),
        (Period.Kind.TONG_KET, False, 6),
        (Period.Kind.TONG_KET, True, 6),
    ],
)
def test_query_count_is_fixed(
    django_assert_num_queries: Any, members: int, criteria_groups: int, kind: str, closed: bool, queries: int
) -> None:
    built = _synthetic(members, criteria_groups)
    if kind == Period.Kind.TONG_KET:
        close_period(fill_period(built, kind=Period.Kind.SO_KET))
    period = fill_period(built, kind=kind, statuses={"m2": Report.Status.DRAFT})
    if closed:
        close_period(period)
    period = Period.objects.select_related("pact__group").get(pk=period.pk)
    with django_assert_num_queries(queries):
        dashboard = period_dashboard(period=period)
    assert len(dashboard.rows) == (members if closed else members - 1)
    assert len(dashboard.criteria) == criteria_groups * 5 + 2
    assert dashboard.has_changes is (kind == Period.Kind.TONG_KET)
