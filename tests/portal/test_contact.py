"""The contact form: a person's message enters the moderation queue; robots (honeypot, too fast,
forged time) are thanked and nothing is stored; an editor answers publicly or closes it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.portal import builders
from thidua.portal.forms import _SALT
from thidua.portal.models import ContactPage, Feedback
from thidua.portal.services.feedback import feedback_moderate

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact() -> ContactPage:
    page = ContactPage(title="Liên hệ, góp ý", slug="lien-he")
    builders.home().add_child(instance=page)
    page.save_revision().publish()
    return page


def _form(seconds_ago: float = 10, **changes: Any) -> dict[str, str]:
    data = {
        "name": "Nguyễn Văn Dân",
        "email": "dan@example.vn",
        "phone": "",
        "subject": "Hỏi về hồ sơ khen thưởng",
        "message": "Hồ sơ đề nghị khen thưởng gồm những gì?",
        "website": "",
        "shown": signing.dumps(time.time() - seconds_ago, salt=_SALT),
    }
    data.update(changes)
    return data


def test_a_person_is_queued(client: Any, contact: ContactPage) -> None:
    page = client.get(contact.url).content.decode()
    assert 'name="website"' in page and 'class="hp" aria-hidden="true"' in page
    response = client.post(contact.url, _form())
    assert response.status_code == 302 and response["Location"].endswith("?da-gui=1")
    item = Feedback.objects.get()
    assert item.status == Feedback.Status.NEW and item.subject == "Hỏi về hồ sơ khen thưởng"
    assert "Hồ sơ đề nghị khen thưởng gồm những gì?" not in client.get(contact.url).content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"website": "http://spam.example"},  # the honeypot
        {"seconds_ago": 0.5},  # faster than a person
        {"shown": "forged"},  # a time the server did not sign
    ],
)
def test_robots_are_thanked_and_forgotten(client: Any, contact: ContactPage, changes: dict[str, Any]) -> None:
    response = client.post(contact.url, _form(**changes))
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_a_form_kept_too_long_asks_to_send_again(client: Any, contact: ContactPage) -> None:
    response = client.post(contact.url, _form(seconds_ago=2 * 24 * 3600))
    assert "Biểu mẫu đã mở quá lâu" in response.content.decode()
    assert not Feedback.objects.exists()


def test_editor_answers_publicly_without_the_senders_details(
    client: Any, contact: ContactPage, personas: dict[str, Any]
) -> None:
    client.post(contact.url, _form())
    item = Feedback.objects.get()
    with pytest.raises(ValidationError):
        feedback_moderate(actor=personas["editor"], feedback=item, status="answered", answer="")
    with pytest.raises(PermissionDenied):
        feedback_moderate(actor=personas["member"], feedback=item, status="closed")
    feedback_moderate(
        actor=personas["editor"], feedback=item, status="answered", answer="Theo Điều 84 Luật TĐKT."
    )
    page = client.get(contact.url).content.decode()
    assert "Theo Điều 84 Luật TĐKT." in page and "dan@example.vn" not in page


def test_the_admin_queue(contact: ContactPage, personas: dict[str, Any]) -> None:
    Client().post(contact.url, _form())
    item = Feedback.objects.get()
    editor = Client()
    editor.force_login(personas["editor"])
    assert "Hỏi về hồ sơ khen thưởng" in editor.get("/admin/cong-thong-tin/gop-y/").content.decode()
    editor.post(f"/admin/cong-thong-tin/gop-y/{item.pk}/", {"status": "closed", "answer": ""})
    item.refresh_from_db()
    assert item.status == Feedback.Status.CLOSED
    member = Client()
    member.force_login(personas["member"])
    refused = member.get("/admin/cong-thong-tin/gop-y/")  # Wagtail turns the refusal into a redirect
    assert refused.status_code in (302, 403) and "Hỏi về hồ sơ" not in refused.content.decode()
