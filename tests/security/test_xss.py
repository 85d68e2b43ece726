"""Cross-site scripting: markup typed into names, report and proposal texts, file names, the portal's
rich text and the contact form is shown as text, in the admin, on the portal and in the documents.

Django's templates escape by default and the document renderers escape what they write; these tests
put the usual payloads through the paths where text is typed and read the output back.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import PersonFactory
from tests.portal import builders
from tests.portal.test_contact import _form
from thidua.documents.render.certificate import CertificateData, certificate_html
from thidua.documents.render.compose import DecisionData, ReceiverLine, decision_document
from thidua.documents.render.docx import render_docx
from thidua.documents.render.pdf import render_html
from thidua.portal.models import ContactPage

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">bấm</a>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
    '<img src="file:///etc/passwd">',
]


class _Elements(HTMLParser):
    """The elements and attributes a browser (or WeasyPrint) would build from the markup."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def assert_inert(markup: str) -> None:
    """No element or attribute came from a payload: no script or SVG, no event handler, no link or
    source to javascript:, file: or the payloads' "x"."""
    parser = _Elements()
    parser.feed(markup)
    for tag, attrs in parser.found:
        assert tag not in {"script", "svg"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src"}:
                target = (value or "").strip().lower()
                assert not target.startswith(("javascript:", "file:")) and target != "x", (tag, name, value)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Documents ------------------------------------------------------------------------------------------
def _decision(text: str) -> DecisionData:
    return DecisionData(
        number=f"05/QĐ-UBND{text}",
        signed_on=dt.date(2024, 2, 5),
        issuer_name="Ủy ban nhân dân tỉnh Trà Vinh",
        place="Trà Vinh",
        award_label="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        period_text="2023",
        summary=text,
        signer_title="Phó Chủ tịch",
        signer_name=text,
        people=(ReceiverLine(text, text),),
        organisations=(ReceiverLine(text, ""),),
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_documents_html_for_pdf_escapes(payload: str) -> None:
    """The HTML WeasyPrint lays out: a live <img src="file:///…"> there would also read the server's
    files into the PDF, so escaping matters beyond the browser."""
    markup = render_html(decision_document(_decision(payload)))
    assert_inert(markup)
    assert "&lt;" in markup  # the payload is there, as text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_certificate_html_escapes(payload: str) -> None:
    certificate = CertificateData(
        title="BẰNG KHEN",
        conferred_by=payload,
        recipient_name=payload,
        recipient_unit=payload,
        achievement=payload,
        decision_number=payload,
        decision_date=dt.date(2024, 2, 5),
        place="Trà Vinh",
        signer_title="Phó Chủ tịch",
        signer_name=payload,
        verify_url="https://example.test/xac-thuc/abc/",
    )
    assert_inert(certificate_html([certificate]))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_docx_keeps_markup_as_text(payload: str) -> None:
    data = render_docx(decision_document(_decision(payload)))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<script" not in xml and "<img" not in xml and "<svg" not in xml
    assert "&lt;" in xml  # the payload is there, as text


# --- The admin -----------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_person_names_in_the_admin(world: Any, personas: dict[str, Any]) -> None:
    people = [PersonFactory(full_name=payload, organisation=world.home) for payload in PAYLOADS]
    client = _client(personas["province"])
    listing = client.get("/admin/org/people/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert "<script>alert(1)</script>" not in listing and "<img src=x" not in listing
    edit = client.get(f"/admin/org/people/edit/{people[1].pk}/").content.decode()
    assert '"><img src=x onerror=alert(1)>' not in edit


@pytest.mark.django_db
def test_evidence_file_name_in_the_report_screen(world: Any, personas: dict[str, Any]) -> None:
    from tests.emulation.fixtures import build_pact
    from thidua.emulation.services.reports import evidence_add, report_open

    pw = build_pact(world, personas["province"])
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    evidence = evidence_add(
        actor=member,
        report=report,
        criterion_code="1.1",
        upload=SimpleUploadedFile('"><img src=x onerror=alert(1)>.pdf', pdf),
    )
    assert evidence.original_name == '"><img src=x onerror=alert(1)>.pdf'
    from django.urls import reverse

    page = _client(member).get(reverse("emulation_report_grid", args=[pw.period.pk])).content.decode()
    assert "<img src=x onerror" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page


# --- The portal ------------------------------------------------------------------------------------------------
@pytest.fixture
def contact() -> ContactPage:
    page = ContactPage(title="Liên hệ, góp ý", slug="lien-he")
    builders.home().add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_contact_form_payloads_reach_the_editor_as_text(
    contact: ContactPage, personas: dict[str, Any]
) -> None:
    for payload in PAYLOADS[:3]:
        response = Client().post(contact.url, _form(name=payload, subject=payload, message=payload))
        assert response.status_code == 302
    queue = _client(personas["editor"]).get("/admin/cong-thong-tin/gop-y/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in queue
    assert "<script>alert(1)</script>" not in queue and "<img src=x" not in queue


def test_rich_text_whitelist_drops_scripts_and_javascript_links() -> None:
    """What the portal's editor (Draftail) stores goes through Wagtail's converter, which keeps only the
    features the field allows: no script, no event attribute, no javascript: link."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    state = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "depth": 0,
                "text": "<script>alert(1)</script> bấm đây",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 27, "length": 7, "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}},
    }
    stored = ContentstateConverter(features=["bold", "italic", "link"]).to_database_format(json.dumps(state))
    assert "<script>" not in stored and "javascript:" not in stored
    assert "&lt;script&gt;" in stored


@pytest.mark.django_db
def test_proposal_title_and_dossier_file_name(world: Any, personas: dict[str, Any]) -> None:
    from tests.awards import proposal_builders as pb
    from thidua.awards.services.proposals import proposal_document_attach

    member = personas["member"]
    proposal = pb.draft(member, world.other, title=PAYLOADS[0])
    proposal_document_attach(
        actor=member, proposal=proposal, kind="to_trinh", upload=pb.pdf(PAYLOADS[1] + ".pdf")
    )
    client = _client(member)
    for url in ("/admin/awards/proposals/", f"/admin/awards/proposals/{proposal.pk}/"):
        page = client.get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page, url
