"""#17 item 3 in a real browser, on the demo data: the self-score each unit sees on the reports list
is the one the results screen shows, for the closed 2023 period and the open 2026 one."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from thidua.demo import loader
from thidua.emulation.models import Period
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The reports list: {unit: self-score text} from its rows (the fourth cell is "Điểm tự chấm").
LIST_SCORES = """() => Object.fromEntries([...document.querySelectorAll('[data-report-list] tbody tr')]
  .map(tr => [tr.dataset.organisation, tr.querySelectorAll('td')[3]?.innerText.trim()]))"""
# The ranking table: {unit: the cell under the heading "Điểm tự chấm"}.
RANKING_SCORES = """() => {
  const table = document.querySelector('#ranking-heading ~ div[role=region] table');
  const heads = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
  const col = heads.findIndex(h => h.startsWith('Điểm tự chấm'));
  return Object.fromEntries([...table.querySelectorAll('tbody tr')]
    .map(tr => [tr.querySelector('th').innerText.trim(), tr.children[col].innerText.trim()]));
}"""


@pytest.fixture
def demo(transactional_db: Any, settings: Any) -> None:
    settings.DEMO = True
    portal_home_ensure()
    call_command("org_load_units", province=["86"], verbosity=0)
    loader.load_demo()


def test_self_scores_agree_between_the_list_and_the_results(live_server: Any, page: Any, demo: None) -> None:
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", loader.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    for year in (2023, 2026):
        period = Period.objects.get(pact__group__year=year, kind="so_ket")
        page.goto(f"{base}/admin/emulation/periods/{period.pk}/reports/")
        listed = {name: score for name, score in page.evaluate(LIST_SCORES).items() if score and score != "–"}
        page.goto(f"{base}/admin/emulation/periods/{period.pk}/dashboard/")
        ranked = page.evaluate(RANKING_SCORES)
        assert ranked, year
        # every unit ranked with a report shows the same self-score on both screens
        assert {name: listed[name] for name in ranked if name in listed} == {
            name: score for name, score in ranked.items() if name in listed
        }, year
        assert set(ranked) <= set(listed), year
