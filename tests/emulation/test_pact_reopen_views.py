"""The screen that reopens a signed pact: who sees the button and the form, who is refused (a forged
POST included), the reason it requires, and the audit row the pact's page shows afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.emulation.fixtures import CRITERIA, PactWorld, build_pact
from thidua.core.models import AuditEvent
from thidua.emulation.models import Pact, PactSignature
from thidua.emulation.services.pacts import pact_create

pytestmark = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
# The pact table: (signed, reopen) is the province office's alone (a system administrator holds it).
MAY_REOPEN = {"province", "sysadmin"}
SEES_PACT = {"province", "head", "member", "council", "sysadmin"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


def _refusal(response: Any, persona: str) -> str:
    """How the persona was turned away: "login", "denied" (Wagtail: back to the admin home), "404"."""
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    if response.status_code == 302 and response["Location"] == "/admin/":
        return "denied"
    return str(response.status_code)


def _expected_refusal(persona: str) -> str:
    if persona == "outsider":
        return "login"
    return "denied" if persona in SEES_PACT else "404"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_reopen_screen_for_every_persona(pw: PactWorld, personas: dict[str, Any], persona: str) -> None:
    url = f"/admin/emulation/pacts/{pw.pact.pk}/reopen/"
    response = _client(personas[persona]).get(url)
    if persona in MAY_REOPEN:
        assert response.status_code == 200
        html = response.content.decode()
        assert "Lý do mở lại" in html
        # what reopening does, in words: signatures kept, the next version, targets and periods kept
        effects = html[html.index("data-reopen-effects") : html.index("<form")]
        assert "giữ nguyên" in effects and "phiên bản 1" in effects and "phiên bản 2" in effects
        assert "không bản nào bị xoá" in effects and "chỉ tiêu đã đăng ký" in effects
    else:
        assert _refusal(response, persona) == _expected_refusal(persona)


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MAY_REOPEN))
def test_a_forged_reopen_by_a_denied_role_changes_nothing(
    pw: PactWorld, personas: dict[str, Any], persona: str
) -> None:
    # given a signed pact; when a persona the table refuses posts the form anyway
    audits = AuditEvent.objects.count()
    response = _client(personas[persona]).post(
        f"/admin/emulation/pacts/{pw.pact.pk}/reopen/", {"reason": "Thử mở lại"}
    )
    # then it is turned away and the pact stays signed, version 1, with nothing recorded
    assert _refusal(response, persona) == _expected_refusal(persona)
    pact = Pact.objects.get(pk=pw.pact.pk)
    assert (pact.status, pact.version) == ("signed", 1)
    assert AuditEvent.objects.count() == audits


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_empty_reason_is_refused_with_a_message(
    pw: PactWorld, personas: dict[str, Any], reason: str
) -> None:
    response = _client(personas["province"]).post(
        f"/admin/emulation/pacts/{pw.pact.pk}/reopen/", {"reason": reason}
    )
    assert response.status_code == 200
    assert "Cần nêu lý do mở lại giao ước." in response.content.decode()
    assert Pact.objects.get(pk=pw.pact.pk).status == "signed"
    assert not AuditEvent.objects.filter(action="emulation.pact.reopen").exists()


def test_province_reopens_and_the_pact_page_shows_the_audit_row(
    pw: PactWorld, personas: dict[str, Any]
) -> None:
    client = _client(personas["province"])
    # the pact's page offers the button
    detail = f"/admin/emulation/pacts/{pw.pact.pk}/"
    assert f'href="/admin/emulation/pacts/{pw.pact.pk}/reopen/"' in client.get(detail).content.decode()
    # when the province office reopens it with a reason
    response = client.post(
        f"/admin/emulation/pacts/{pw.pact.pk}/reopen/", {"reason": "Bổ sung tiêu chí theo chỉ đạo của tỉnh"}
    )
    # then the pact is a draft, version 2, its signature kept, and the page says so
    assert response.status_code == 302 and response["Location"] == detail
    pact = Pact.objects.get(pk=pw.pact.pk)
    assert (pact.status, pact.version) == ("draft", 2)
    assert PactSignature.objects.filter(pact=pact, version=1).exists()
    response = client.get(detail, follow=True)
    html = response.content.decode()
    assert "lần ký kết tới sẽ là phiên bản 2" in html
    history = html[html.index("data-history") :]
    assert "Mở lại giao ước thi đua" in history and "Bổ sung tiêu chí theo chỉ đạo của tỉnh" in history
    assert "Người Dùng province" in history
    # the pact is editable again, and no longer offered for reopening
    actions = html[html.index('class="em-actions"') : html.index("data-periods")]
    assert "Sửa bộ tiêu chí" in actions and "Ký kết giao ước" in actions and "Mở lại giao ước" not in actions
    # the head unit, who signs, sees the same row
    assert "Bổ sung tiêu chí theo chỉ đạo của tỉnh" in _client(personas["head"]).get(detail).content.decode()


def test_a_draft_is_not_offered_for_reopening(world: Any, personas: dict[str, Any]) -> None:
    pact = pact_create(actor=personas["province"], group=world.group, criteria=CRITERIA)
    client = _client(personas["province"])
    response = client.get(f"/admin/emulation/pacts/{pact.pk}/reopen/", follow=True)
    assert response.redirect_chain == [(f"/admin/emulation/pacts/{pact.pk}/", 302)]
    assert "Giao ước chưa ký kết, không cần mở lại." in response.content.decode()
    # and a POST on a draft is sent back the same way, changing nothing
    response = client.post(f"/admin/emulation/pacts/{pact.pk}/reopen/", {"reason": "Lý do"})
    assert response.status_code == 302
    assert Pact.objects.get(pk=pact.pk).version == 1
