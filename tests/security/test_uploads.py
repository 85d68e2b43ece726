"""Hostile uploads: malformed, oversized and zip-bomb workbooks for every Excel import; files whose
extension lies for the evidence and the proposals' dossiers; path traversal and Unicode tricks in
upload names. Each is refused with a Vietnamese sentence, or its name made safe; nothing is saved.

The one guard is thidua.core.uploads (zip_refusal before openpyxl opens anything, upload_name for
every name people gave their files); the content sniffing is in the services (filetype).
"""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.emulation.fixtures import PactWorld, build_pact
from thidua.core.models import Job
from thidua.core.uploads import MAX_NAME_LENGTH, upload_name, zip_refusal
from thidua.emulation.models import Evidence
from thidua.emulation.services.reports import evidence_add, report_open
from thidua.org.import_kinds import import_kinds
from thidua.org.models import AdminUnit, Person
from thidua.org.services.imports.stash import upload_dir
from thidua.org.spreadsheets import MAX_UNPACKED_BYTES, SHEETS, read_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_XLSX = "Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng tệp mẫu."
TOO_BIG = "Tệp quá lớn. Hãy chia thành nhiều tệp nhỏ hơn."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- Names ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("bien-ban.pdf", "bien-ban.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("/etc/shadow.pdf", "shadow.pdf"),
        ("C:\\Users\\a\\bao-cao.pdf", "bao-cao.pdf"),
        ("tep\x00.exe.pdf", "tep.exe.pdf"),
        ("anh\u202egnp.exe", "anhgnp.exe"),  # shown as "anhexe.png" with the override
        ("a\u2066b\u2069\u200b\ufeff.pdf", "ab.pdf"),
        ("dòng\nmới\r.pdf", "dòngmới.pdf"),
        (".htaccess", "htaccess"),
        ("..", "tep"),
        ("", "tep"),
        (None, "tep"),
        ("   ", "tep"),
        ("Bie\u0302\u0301n ba\u0309n.pdf", "Biến bản.pdf"),  # NFD in, NFC out
        ('"><img src=x onerror=alert(1)>.pdf', '"><img src=x onerror=alert(1)>.pdf'),  # escaped when shown
        ("<script>alert(1)</script>.pdf", "script>.pdf"),  # the slash ends a folder's name
    ],
)
def test_upload_name(given: str | None, shown: str) -> None:
    assert upload_name(given) == shown


def test_a_very_long_name_keeps_its_extension() -> None:
    name = upload_name("a" * 10_000 + ".pdf")
    assert len(name) == MAX_NAME_LENGTH and name.endswith(".pdf")


# --- Workbooks --------------------------------------------------------------------------------------------
def _workbook(*rows: list[Any]) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = str(SHEETS["people"].title)
    wb.active.append([c.sheet_header for c in SHEETS["people"].import_columns])
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rewritten(data: bytes, member: str, change: Any) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _bomb(unpacked: int) -> bytes:
    """A real zip bomb: a workbook whose sheet is `unpacked` bytes of zeros (about 1,000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked // len(chunk)):
                sheet.write(chunk)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    # Twice the cap: enough to prove the refusal comes from the declared size (1 GB would take
    # ten seconds to compress here, for the same refusal).
    return _bomb(2 * MAX_UNPACKED_BYTES)


def _declared_rows(data: bytes) -> bytes:
    return _rewritten(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:Z1000000"/>', xml),
    )


def _far_row(data: bytes) -> bytes:
    row = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    return _rewritten(
        data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>")
    )


MALFORMED = {
    "random bytes": (bytes(range(256)) * 64, NOT_XLSX),
    "truncated zip": (_workbook(["Nguyễn Văn A"])[:2000], NOT_XLSX),
    "docx named .xlsx": (_docx(), NOT_XLSX),
    "html named .xlsx": (b"<html><script>alert(1)</script></html>", NOT_XLSX),
    "exe named .xlsx": (b"MZ\x90\x00" + b"\x00" * 4096, NOT_XLSX),
    "svg named .xlsx": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', NOT_XLSX),
    "1e6 rows declared": (
        _declared_rows(_workbook()),
        "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề).",
    ),
    "a row at 1e6": (_far_row(_workbook()), None),
}


@pytest.mark.parametrize(("data", "message"), list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_workbooks_are_refused_in_words(data: bytes, message: str | None) -> None:
    tracemalloc.start()
    try:
        rows, errors = read_rows("people", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 1024 * 1024
    if message is not None:
        assert rows == []
        assert [str(e.message) for e in errors] == [message]


def test_zip_bomb_is_refused_before_anything_unpacks(bomb: bytes) -> None:
    assert len(bomb) < 2 * 1024 * 1024  # what is uploaded is small: under the 5 MB upload cap
    assert zip_refusal(bomb, max_unpacked=MAX_UNPACKED_BYTES) == "too_big"
    tracemalloc.start()
    try:
        rows, errors = read_rows("people", bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == [] and [str(e.message) for e in errors] == [TOO_BIG]
    assert peak < 16 * 1024 * 1024  # nothing near the 128 MB it would unpack to


def test_an_archive_of_many_tiny_entries_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(10_001):
            archive.writestr(f"x/{number}", b"")
    assert zip_refusal(out.getvalue(), max_unpacked=MAX_UNPACKED_BYTES) == "too_big"


def test_every_import_kind_goes_through_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every registered Excel import (org's, the awards registry's, …) asks the shared guard, with its
    own cap, before openpyxl opens the file."""
    from thidua.org import spreadsheets

    asked: list[int] = []

    def refuse(data: bytes, *, max_unpacked: int) -> str:
        asked.append(max_unpacked)
        return "too_big"

    monkeypatch.setattr(spreadsheets, "zip_refusal", refuse)
    kinds = [entry.kind for entry in import_kinds()]
    assert {"people", "units"} < set(kinds)  # the awards registry's kinds too
    for kind in kinds:
        _rows, errors = read_rows(kind, _workbook())
        assert [str(e.message) for e in errors] == [TOO_BIG], kind
    assert asked == [spreadsheets.get_sheet(kind).unpacked_cap for kind in kinds]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pending() -> list[Path]:
    return sorted(upload_dir().glob("**/*")) if upload_dir().exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bom.xlsx", "bomb", TOO_BIG),
        ("../../etc/passwd.xlsx", bytes(range(256)), NOT_XLSX),
        ("van-ban.xlsx", _docx(), NOT_XLSX),
        ("\u202eslx.exe", b"MZ\x90\x00" + b"\x00" * 64, NOT_XLSX),
    ],
    ids=["bomb", "traversal-random", "docx", "rtl-exe"],
)
@pytest.mark.parametrize("kind", ["people", "units"])
def test_import_screen_refuses_and_saves_nothing(
    personas: dict[str, Any], bomb: bytes, kind: str, name: str, data: Any, message: str
) -> None:
    content = bomb if data == "bomb" else data
    before = (Person.objects.count(), AdminUnit.objects.count(), Job.objects.count(), _pending())
    response = _client(personas["province"]).post(
        f"/admin/org/excel/{kind}/import/", {"file": SimpleUploadedFile(name, content, content_type=XLSX)}
    )
    assert response.status_code == 200
    assert message in response.content.decode("utf-8")
    assert (Person.objects.count(), AdminUnit.objects.count(), Job.objects.count(), _pending()) == before


def test_oversized_upload_is_refused_by_the_form(personas: dict[str, Any], db: Any) -> None:
    big = SimpleUploadedFile("lon.xlsx", b"PK" + b"\x00" * (5 * 1024 * 1024 + 1), content_type=XLSX)
    before = Person.objects.count()
    response = _client(personas["province"]).post("/admin/org/excel/people/import/", {"file": big})
    assert response.status_code == 200
    assert "Tệp lớn hơn 5 MB. Hãy chia thành nhiều tệp nhỏ hơn." in response.content.decode("utf-8")
    assert Person.objects.count() == before


# --- Evidence: lying extensions, hostile names -------------------------------------------------------------
@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


LIARS = {
    "exe as pdf": ("bien-ban.pdf", b"MZ\x90\x00\x03" + b"\x00" * 512),
    "html as pdf": ("bien-ban.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    "svg as png": ("anh.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    "html as xlsx": ("so-lieu.xlsx", b"<html><body onload=alert(1)></body></html>"),
    "elf as jpg": ("anh.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 512),
    "xlsx as pdf": ("bang.pdf", _workbook()),  # a zip, but not one of the allowed types
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), list(LIARS.values()), ids=list(LIARS))
def test_evidence_whose_extension_lies_is_refused(
    pw: PactWorld, world: Any, personas: dict[str, Any], name: str, content: bytes
) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    before = Evidence.objects.count()
    with pytest.raises(ValidationError) as refused:
        evidence_add(
            actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile(name, content)
        )
    assert refused.value.message_dict["file"] == [
        f"Tệp «{name}» không phải PDF, ảnh (JPEG, PNG, WEBP) hoặc DOCX."
    ]
    assert Evidence.objects.count() == before


HOSTILE_NAMES = {
    "traversal": ("../../../../etc/passwd.pdf", "passwd.pdf"),
    "backslashes": ("..\\..\\x.pdf", "x.pdf"),
    "absolute": ("/var/www/index.pdf", "index.pdf"),
    "nul": ("a\x00.pdf", "a.pdf"),
    "rtl override": ("hoa-don\u202efdp.exe", "hoa-donfdp.exe"),
    "very long": ("d" * 5000 + ".pdf", "d" * (MAX_NAME_LENGTH - 4) + ".pdf"),
    "markup": ('"><img src=x onerror=alert(1)>.pdf', '"><img src=x onerror=alert(1)>.pdf'),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("given", "shown"), list(HOSTILE_NAMES.values()), ids=list(HOSTILE_NAMES))
def test_evidence_name_is_made_safe_and_the_file_stays_in_its_storage(
    pw: PactWorld, world: Any, personas: dict[str, Any], given: str, shown: str
) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    evidence = evidence_add(
        actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile(given, PDF)
    )
    assert evidence.original_name == shown
    stored = Path(evidence.file.path).resolve()
    assert Path(evidence.file.storage.location).resolve() in stored.parents
    # Named by the criterion (Django adds a suffix when the name is taken), never after the upload.
    assert re.fullmatch(r"[\w/.-]+\.pdf", evidence.file.name) and ".." not in evidence.file.name


# --- Wagtail documents: the content must be what the extension says ----------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("thong-bao.pdf", PDF, True),
        ("bang.xlsx", _workbook(), True),
        ("van-ban.docx", _docx(), True),  # a zip whose parts filetype does not recognise: still a zip
        ("thong-bao.pdf", b"<!DOCTYPE html><script>alert(1)</script>", False),
        ("thong-bao.pdf", b"MZ\x90\x00" + b"\x00" * 512, False),
        ("bang.xlsx", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", False),
        ("bang.xls", PDF, False),
        ("ghi-chu.txt", b"chu", False),
    ],
)
def test_content_matches(name: str, content: bytes, ok: bool) -> None:
    from thidua.core.uploads import content_matches

    assert content_matches(content[:8192], name) is ok


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("thong-bao.pdf", PDF, True),
        ("thong-bao.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", False),
        ("chuong-trinh.docx", b"MZ\x90\x00" + b"\x00" * 512, False),
    ],
    ids=["pdf", "html-as-pdf", "exe-as-docx"],
)
def test_wagtail_document_upload_reads_the_content(
    django_user_model: Any, name: str, content: bytes, ok: bool
) -> None:
    from wagtail.documents.models import Document

    admin = _client(django_user_model.objects.create_superuser("sieuquantri", "a@example.vn", "x"))
    before = Document.objects.count()
    single = admin.post(
        "/admin/documents/add/", {"title": "Thông báo", "file": SimpleUploadedFile(name, content)}
    )
    multiple = admin.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile(name, content)})
    if ok:
        assert single.status_code == 302 and multiple.json()["success"] is True
        assert Document.objects.count() == before + 2
    else:
        message = f"Nội dung tệp «{name}» không đúng loại tệp theo đuôi của nó. Hãy tải lên đúng tệp."
        assert single.status_code == 200 and message in single.content.decode("utf-8")
        assert multiple.json()["success"] is False and message in multiple.json()["error_message"]
        assert Document.objects.count() == before
