"""`thidua backup` / `thidua restore` (thidua.core.backup): the round trip on the database the suite runs
on (SQLite under `make test`, PostgreSQL in CI), refusals before anything is touched, and an archive of
an older schema brought up to date by the restore's migrate.

A native restore replaces the whole database, which a test wrapped in a transaction cannot see:
these tests are transactional (pytest-django flushes the tables after each)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from tests.factories import OrganisationFactory
from thidua.core import backup
from thidua.core.audit import audit_record
from thidua.core.backup import BackupError, backup_create, backup_restore
from thidua.core.models import AuditEvent
from thidua.org.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def storage_dirs(settings: Any, tmp_path: Path) -> dict[str, Path]:
    """MEDIA_ROOT and the private storage in this test's own directory: a restore replaces them whole,
    and the suite's shared var/ is used by other tests running at the same time."""
    media, private = tmp_path / "media", tmp_path / "private"
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(private), "base_url": None}},
    }
    return {"default": media, "private": private}


def _world() -> dict[str, Any]:
    user = get_user_model().objects.create_user(
        username="sao-luu", password="mật-khẩu-dài-đủ", first_name="Sao"
    )
    unit = OrganisationFactory(name="Ủy ban nhân dân xã Sao Lưu")
    with transaction.atomic():
        audit_record(
            actor=user, action="org.organisation.create", target=unit, changes={"name": [None, unit.name]}
        )
    image = storages["default"].save("original_images/anh.txt", ContentFile(b"anh goc \xe1\xba\xa3nh"))
    evidence = storages["private"].save("evidence/minh-chung.pdf", ContentFile(b"%PDF-1.4 minh chung"))
    return {"user": user, "unit": unit, "image": image, "evidence": evidence}


def _state() -> dict[str, Any]:
    return {
        "users": sorted(get_user_model().objects.values_list("username", "first_name")),
        "units": sorted(Organisation.objects.values_list("pk", "name")),
        "audit": sorted(AuditEvent.objects.values_list("action", "target_repr", "actor_name")),
    }


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_round_trip_restores_the_database_and_the_files(
    storage_dirs: dict[str, Path], tmp_path: Path
) -> None:
    world = _world()
    before = _state()
    files_before = {alias: _files(root) for alias, root in storage_dirs.items()}
    archive = tmp_path / "archives" / "sao-luu.tar.gz"

    manifest = backup_create(path=archive)

    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["file_counts"] == {"default": 1, "private": 1}
    assert manifest["migrations"]["core"]
    # Everything changes after the backup: a unit renamed, one added, users changed, files gone.
    # (The user is not deleted: the append-only audit log refuses the SET NULL of its rows' actor.)
    Organisation.objects.filter(pk=world["unit"].pk).update(name="Đổi tên sau sao lưu")
    OrganisationFactory(name="Đơn vị thêm sau sao lưu")
    get_user_model().objects.filter(pk=world["user"].pk).update(first_name="Đổi")
    get_user_model().objects.create_user(username="them-sau", password="mật-khẩu-dài-đủ")
    storages["default"].delete(world["image"])
    storages["private"].save("evidence/them-sau.pdf", ContentFile(b"them sau"))
    assert _state() != before

    report = backup_restore(path=archive)

    after = _state()
    # The restore writes one audit row of its own after loading the archive (the backup's own row was
    # written after the dump, so it is not in the archive either).
    restored_rows = [row for row in after["audit"] if row[0] == backup.RESTORE_ACTION]
    assert len(restored_rows) == 1
    after["audit"] = [row for row in after["audit"] if row[0] != backup.RESTORE_ACTION]
    assert after == before
    assert {alias: _files(root) for alias, root in storage_dirs.items()} == files_before
    assert report.files == {"default": 1, "private": 1}
    assert report.migrations_applied == []
    event = AuditEvent.objects.get(action=backup.RESTORE_ACTION)
    assert event.changes["archive"] == str(archive)
    assert event.actor_name == "hệ thống"


def test_commands_refuse_without_yes_and_restore_with_it(
    storage_dirs: dict[str, Path], tmp_path: Path
) -> None:
    _world()
    archive = tmp_path / "b.tar"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Đã sao lưu vào" in out.getvalue()
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", str(archive), stdout=io.StringIO())
    OrganisationFactory(name="Thêm sau")

    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert "Tệp sao lưu hợp lệ" in out.getvalue()
    assert Organisation.objects.filter(name="Thêm sau").exists()  # --check restores nothing

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=io.StringIO(), interactive=False)
    assert Organisation.objects.filter(name="Thêm sau").exists()

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "Đã khôi phục từ" in out.getvalue()
    assert not Organisation.objects.filter(name="Thêm sau").exists()


def _rewrite(archive: Path, target: Path, change: Any) -> None:
    """Copy an archive member by member, letting `change(name, data) -> data | None` alter or drop one."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source:
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            data = change(member.name, data)
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda name, data: data + b"x" if name.startswith("files/private/") else data,
            "không khớp mã kiểm tra",
        ),
        (lambda name, data: None if name.startswith("files/default/") else data, "thiếu tệp"),
        (
            lambda name, data: (
                json.dumps({**json.loads(data), "format": backup.FORMAT_VERSION + 1}).encode()
                if name == backup.MANIFEST_NAME
                else data
            ),
            "mới hơn",
        ),
        (lambda name, data: None if name == backup.MANIFEST_NAME else data, "manifest"),
    ],
    ids=["altered-file", "missing-file", "newer-format", "no-manifest"],
)
def test_a_damaged_archive_is_refused_before_anything_changes(
    storage_dirs: dict[str, Path], tmp_path: Path, change: Any, message: str
) -> None:
    world = _world()
    archive = tmp_path / "good.tar"
    backup_create(path=archive)
    OrganisationFactory(name="Thêm sau")
    storages["default"].delete(world["image"])
    damaged = tmp_path / "damaged.tar"
    _rewrite(archive, damaged, change)
    before, files_before = _state(), {alias: _files(root) for alias, root in storage_dirs.items()}

    with pytest.raises(BackupError, match=message):
        backup_restore(path=damaged)

    assert _state() == before
    assert {alias: _files(root) for alias, root in storage_dirs.items()} == files_before


def test_an_archive_of_another_database_vendor_is_refused(
    storage_dirs: dict[str, Path], tmp_path: Path
) -> None:
    archive = tmp_path / "good.tar"
    backup_create(path=archive)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def relabel(name: str, data: bytes) -> bytes:
        if name != backup.MANIFEST_NAME:
            return data
        manifest = json.loads(data)
        manifest["database"]["vendor"] = other
        return json.dumps(manifest).encode()

    foreign = tmp_path / "foreign.tar"
    _rewrite(archive, foreign, relabel)
    with pytest.raises(BackupError, match="không chuyển dữ liệu giữa hai loại cơ sở dữ liệu"):
        backup_restore(path=foreign)


def test_an_archive_of_a_newer_version_is_refused(storage_dirs: dict[str, Path], tmp_path: Path) -> None:
    archive = tmp_path / "good.tar"
    backup_create(path=archive)

    def future(name: str, data: bytes) -> bytes:
        if name != backup.MANIFEST_NAME:
            return data
        manifest = json.loads(data)
        manifest["migrations"]["core"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    newer = tmp_path / "newer.tar"
    _rewrite(archive, newer, future)
    with pytest.raises(BackupError, match="phiên bản mới hơn"):
        backup_restore(path=newer)


def test_restoring_an_older_schema_runs_the_migrations(storage_dirs: dict[str, Path], tmp_path: Path) -> None:
    """An archive made before emulation's 0004 (an older version) comes back at today's schema."""
    _world()
    before = _state()
    applied = MigrationRecorder(connection).applied_migrations()
    assert ("emulation", "0004_period_published_at") in applied
    call_command("migrate", "emulation", "0003", verbosity=0)
    try:
        archive = tmp_path / "old.tar.gz"
        manifest = backup_create(path=archive)
        assert "0004_period_published_at" not in manifest["migrations"]["emulation"]
    finally:
        call_command("migrate", "emulation", verbosity=0)

    report = backup_restore(path=archive)

    assert "emulation.0004_period_published_at" in report.migrations_applied
    assert ("emulation", "0004_period_published_at") in MigrationRecorder(connection).applied_migrations()
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "emulation_period")]
    assert "published_at" in columns
    after = _state()
    after["audit"] = [row for row in after["audit"] if row[0] != backup.RESTORE_ACTION]
    assert after == before
