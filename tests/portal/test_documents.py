"""The document library (Văn bản): listing, filters, search with and without diacritics, sorting,
pagination, the document's page, home page, sitemaps, site search, editors' rights, the demo's service."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document

from tests.portal import builders
from thidua.core.models import AuditEvent
from thidua.portal.models import DocumentKind, DocumentLibraryPage, DocumentPage, SitemapPage
from thidua.portal.selectors.documents import DocumentFilters, library_documents, library_facets
from thidua.portal.selectors.pages import search
from thidua.portal.services.editorial import editorial_setup, root_collection
from thidua.portal.services.pages import document_create, document_library_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def library() -> dict[str, Any]:
    lib = builders.library()
    plan = builders.document(
        lib,
        "45/KH-UBND",
        "Tổ chức phong trào thi đua yêu nước năm 2023",
        kind=DocumentKind.KE_HOACH,
        issued_on=dt.date(2023, 2, 10),
        issuer="UBND thị xã Duyên Hải",
        field="Thi đua, khen thưởng",
    )
    rules = builders.document(
        lib,
        "512/QĐ-UBND",
        "Ban hành Quy chế hoạt động của các Cụm, Khối thi đua",
        issued_on=dt.date(2023, 3, 15),
        field="Thi đua, khen thưởng",
        effective_on=dt.date(2023, 4, 1),
    )
    guide = builders.document(
        lib,
        "03/HD-SNV",
        "Hướng dẫn hồ sơ đề nghị khen thưởng cấp xã",
        kind=DocumentKind.HUONG_DAN,
        issued_on=dt.date(2026, 2, 4),
        issuer="Sở Nội vụ tỉnh Vĩnh Long",
        field="Nội vụ",
    )
    draft = builders.document(lib, "99/QĐ-UBND", "Quyết định còn là bản nháp", live=False)
    return {"library": lib, "plan": plan, "rules": rules, "guide": guide, "draft": draft}


def _numbers(filters: DocumentFilters, lib: DocumentLibraryPage) -> list[str]:
    return [d.number for d in library_documents(library=lib, filters=filters)]


def _listed(client: Client, lib: DocumentLibraryPage, **params: Any) -> str:
    response = client.get(lib.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_listing_is_a_table_newest_first_without_drafts(client: Client, library: dict[str, Any]) -> None:
    html = _listed(client, library["library"])
    assert html.index("03/HD-SNV") < html.index("512/QĐ-UBND") < html.index("45/KH-UBND")
    assert "99/QĐ-UBND" not in html
    assert '<th scope="col">Số ký hiệu</th>' in html and '<th scope="col">Trích yếu</th>' in html
    assert "04/02/2026" in html  # dd/mm/yyyy as the rest of the portal
    assert '<label for="id_loai">Loại văn bản</label>' in html
    assert "Có 3 văn bản." in html


def test_oldest_first(client: Client, library: dict[str, Any]) -> None:
    html = _listed(client, library["library"], sap="cu")
    assert html.index("45/KH-UBND") < html.index("512/QĐ-UBND") < html.index("03/HD-SNV")


@pytest.mark.parametrize(
    ("params", "numbers"),
    [
        ({"loai": "ke-hoach"}, ["45/KH-UBND"]),
        ({"loai": "quyet-dinh"}, ["512/QĐ-UBND"]),
        ({"co_quan": "UBND tỉnh Trà Vinh"}, ["512/QĐ-UBND"]),
        ({"nam": "2023"}, ["512/QĐ-UBND", "45/KH-UBND"]),
        ({"nam": "2026"}, ["03/HD-SNV"]),
        ({"linh_vuc": "Nội vụ"}, ["03/HD-SNV"]),
        ({"nam": "2023", "loai": "ke-hoach"}, ["45/KH-UBND"]),
        # A value no longer offered (a stale shared link) drops that filter only.
        ({"nam": "1999", "loai": "ke-hoach"}, ["45/KH-UBND"]),
        ({"loai": "khong-co"}, ["03/HD-SNV", "512/QĐ-UBND", "45/KH-UBND"]),
    ],
)
def test_filters(client: Client, library: dict[str, Any], params: dict[str, str], numbers: list[str]) -> None:
    html = _listed(client, library["library"], **params)
    every = ["03/HD-SNV", "512/QĐ-UBND", "45/KH-UBND"]
    assert [n for n in every if f">{n}</a>" in html] == numbers


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("512/QĐ-UBND", ["512/QĐ-UBND"]),
        ("512/QD-UBND", ["512/QĐ-UBND"]),
        ("qd ubnd", ["512/QĐ-UBND"]),
        ("Quy chế", ["512/QĐ-UBND"]),
        ("quy che", ["512/QĐ-UBND"]),
        ("THI ĐUA", ["512/QĐ-UBND", "45/KH-UBND"]),
        ("thi dua yeu nuoc", ["45/KH-UBND"]),
        ("khen thuong cap xa", ["03/HD-SNV"]),
        ("ban nhap", []),  # drafts are not found
        ("khong co", []),
    ],
)
def test_search_with_and_without_diacritics(library: dict[str, Any], query: str, numbers: list[str]) -> None:
    assert _numbers(DocumentFilters(query=query), library["library"]) == numbers


def test_search_through_the_page(client: Client, library: dict[str, Any]) -> None:
    html = _listed(client, library["library"], q="quy che")
    assert ">512/QĐ-UBND</a>" in html and ">45/KH-UBND</a>" not in html
    assert "Bỏ lọc" in html
    assert "Không có văn bản nào phù hợp." in _listed(client, library["library"], q="khong co")


def test_facets_offer_only_listed_values(library: dict[str, Any]) -> None:
    facets = library_facets(library=library["library"])
    assert [value for value, _label in facets.kinds] == ["quyet-dinh", "ke-hoach", "huong-dan"]
    assert facets.years == [2026, 2023]
    assert facets.issuers == ["Sở Nội vụ tỉnh Vĩnh Long", "UBND thị xã Duyên Hải", "UBND tỉnh Trà Vinh"]
    assert facets.fields == ["Nội vụ", "Thi đua, khen thưởng"]


def test_pagination_keeps_the_filters(client: Client) -> None:
    lib = builders.library(per_page=2)
    for n in range(1, 6):
        builders.document(lib, f"{n}/QĐ-UBND", f"Khen thưởng đợt {n}", issued_on=dt.date(2024, 1, n))
    builders.document(lib, "7/KH-UBND", "Kế hoạch khác", kind=DocumentKind.KE_HOACH)
    first = _listed(client, lib, loai="quyet-dinh")
    assert ">5/QĐ-UBND</a>" in first and ">3/QĐ-UBND</a>" not in first
    assert "Trang 1/3" in first
    assert 'href="?loai=quyet-dinh&amp;trang=2"' in first
    second = _listed(client, lib, loai="quyet-dinh", trang="2")
    assert ">3/QĐ-UBND</a>" in second and ">5/QĐ-UBND</a>" not in second
    assert ">7/KH-UBND</a>" not in second


def test_document_page_shows_its_metadata_and_file(client: Client, library: dict[str, Any]) -> None:
    rules = library["rules"]
    rules.file = Document.objects.create(
        title="512/QĐ-UBND",
        collection=root_collection(),
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="512-qd-ubnd.pdf"),
    )
    rules.save_revision().publish()
    assert rules.slug == "512-qd-ubnd-2023"
    html = client.get(rules.url).content.decode()
    assert "<h1>Quyết định 512/QĐ-UBND</h1>" in html
    assert "ngày 15 tháng 3 năm 2023" in html  # NĐ 30's date, the issue date
    assert "01/04/2023" in html  # effective date
    assert "UBND tỉnh Trà Vinh" in html and "Thi đua, khen thưởng" in html
    assert 'name="DC.identifier" content="512/QĐ-UBND"' in html
    assert rules.file.url in html and "Tải văn bản (PDF" in html
    assert client.get(library["draft"].url or "/van-ban/99-qd-ubnd-2023/").status_code == 404


def test_months_one_and_two_get_a_zero(client: Client, library: dict[str, Any]) -> None:
    assert "ngày 04 tháng 02 năm 2026" in client.get(library["guide"].url).content.decode()


def test_home_lists_the_newest_documents(client: Client, library: dict[str, Any]) -> None:
    html = client.get("/").content.decode()
    assert "Văn bản mới" in html
    assert html.index("03/HD-SNV") < html.index("512/QĐ-UBND")
    assert "99/QĐ-UBND" not in html


def test_site_search_finds_documents(client: Client, library: dict[str, Any]) -> None:
    assert [p.specific.number for p in search(query="quy che cum").pages] == ["512/QĐ-UBND"]
    html = client.get("/tim-kiem/", {"q": "512/QD-UBND"}).content.decode()
    assert "Ban hành Quy chế hoạt động" in html and "15/03/2023" in html


def test_sitemaps(client: Client, library: dict[str, Any]) -> None:
    xml = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text or "" for loc in xml.findall("s:url/s:loc", ns)]
    assert any(loc.endswith("/van-ban/") for loc in locations)
    assert any(loc.endswith(library["rules"].url) for loc in locations)
    assert not any("99-qd-ubnd" in loc for loc in locations)
    # The HTML sitemap lists the library, not each document (the library lists those).
    sitemap = SitemapPage(title="Sơ đồ cổng", slug="so-do-cong")
    builders.home().add_child(instance=sitemap)
    sitemap.save_revision().publish()
    html = client.get("/so-do-cong/").content.decode()
    assert ">Văn bản</a>" in html and "512/QĐ-UBND" not in html and "Ban hành Quy chế" not in html


def test_editors_write_documents_and_only_the_chief_publishes(personas: dict[str, Any]) -> None:
    home = builders.home()
    editorial_setup(actor=personas["sysadmin"], home=home)
    lib = builders.library()
    editor, chief = personas["editor"], personas["chief"]
    assert lib.permissions_for_user(editor).can_add_subpage()
    assert lib.permissions_for_user(chief).can_add_subpage()
    for name in ("member", "province", "outsider"):
        assert not lib.permissions_for_user(personas[name]).can_add_subpage(), name
    document = builders.document(lib, "1/QĐ-UBND", "Văn bản thử", live=False)
    assert document.permissions_for_user(editor).can_edit()
    assert not document.permissions_for_user(editor).can_publish()
    assert document.permissions_for_user(chief).can_publish()
    # The site's approval workflow covers the library's documents as it covers articles.
    assert document.get_workflow() is not None and document.get_workflow().name == "Duyệt bài cổng thông tin"


def test_editor_opens_the_document_form(personas: dict[str, Any]) -> None:
    home = builders.home()
    editorial_setup(actor=personas["sysadmin"], home=home)
    lib = builders.library()
    url = f"/admin/pages/add/portal/documentpage/{lib.pk}/"
    editor = Client()
    editor.force_login(personas["editor"])
    response = editor.get(url)
    html = response.content.decode()
    assert response.status_code == 200, (response.status_code, html[:3000])
    assert "Trích yếu" in html and "Số ký hiệu" in html and "Cơ quan ban hành" in html
    member = Client()
    member.force_login(personas["member"])
    assert member.get(url).status_code in (302, 403)


def test_document_create_is_audited() -> None:
    # The demo loader and imports act as the system (actor None); officers use Wagtail's editor.
    home = builders.home()
    lib = document_library_create(actor=None, home=home)
    document = document_create(
        actor=None,
        library=lib,
        number="18/TB-CTĐ",
        kind=DocumentKind.THONG_BAO,
        summary="Kết quả chấm điểm thi đua",
        issued_on=dt.date(2024, 7, 25),
        issuer="Cụm Thi đua số 1",
        illustrative=True,
    )
    assert document.live and document.slug == "18-tb-ctd-2024"
    assert isinstance(DocumentPage.objects.get(pk=document.pk), DocumentPage)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"portal.library.create", "portal.document.create"} <= actions
    assert "văn bản minh họa" in Client().get(lib.url).content.decode()
