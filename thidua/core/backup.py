"""Backup and restore of the whole installation: the database and the uploaded files (docs/operations.md).

One archive (`.tar.gz` or `.tar`) holds:

- `manifest.json`: format version, creation time, app version, database vendor, the migrations applied
  per app, and the size and SHA-256 of every other member;
- `database/…`: the vendor's own faithful dump. SQLite: the online backup API
  (`sqlite3.Connection.backup`), a consistent copy even while the server writes in WAL mode.
  PostgreSQL: `pg_dump -Fc`, restored through `pg_restore` and `psql --single-transaction`;
- `files/<storage>/…`: every file of each file-system storage of settings.STORAGES but the static
  files (`default` is MEDIA_ROOT: Wagtail images and documents, portal uploads; `private`: report
  evidence).

A restore checks every checksum before it touches anything, refuses an archive of a newer format or of
another database vendor, replaces the database, swaps each storage's directory for the archive's
(a rename), then runs `migrate`, so that an archive made by an older version is brought up to date.
Secrets and the environment (SECRET_KEY, DATABASE_URL, …) are not in the archive.

Core knows no domain app: everything here is generic (connections, storages, migrations).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import thidua
from thidua.core.audit import audit_record
from thidua.core.models import Job

if TYPE_CHECKING:
    # The project's user model subclasses it; core may not import accounts (import-linter).
    from django.contrib.auth.models import AbstractUser

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DB_DIR = "database"
FILES_DIR = "files"
DB_MEMBERS = {"sqlite": f"{DB_DIR}/db.sqlite3", "postgresql": f"{DB_DIR}/db.pgdump"}
CHUNK = 1024 * 1024

BACKUP_ACTION = "core.backup.create"
RESTORE_ACTION = "core.backup.restore"
ACTIONS = {
    BACKUP_ACTION: gettext_lazy("Sao lưu dữ liệu"),
    RESTORE_ACTION: gettext_lazy("Khôi phục dữ liệu từ bản sao lưu"),
}


class BackupError(Exception):
    """A refusal worded for the operator (Vietnamese); nothing was changed when it is raised."""


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    migrations_applied: list[str] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)


# --- What is backed up -----------------------------------------------------------------------------


def file_roots() -> dict[str, Path]:
    """Each file-system storage's directory by its alias (static files are built, not data)."""
    roots: dict[str, Path] = {}
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            roots[alias] = Path(storage.location)
    return roots


def applied_migrations(alias: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[alias])
    applied: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _walk(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        # Symbolic links are neither followed nor kept: a link out of the storage is not its data.
        if path.is_file() and not path.is_symlink():
            yield path


# --- Database dumps --------------------------------------------------------------------------------


def _pg_binary(name: str) -> str:
    """The newest installed pg_dump/pg_restore/psql: pg_dump refuses a server newer than itself."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(
        _("Không tìm thấy chương trình %(name)s của PostgreSQL. Hãy cài gói postgresql-client.")
        % {"name": name}
    )


def _pg_env(alias: str) -> dict[str, str]:
    """The connection in libpq's environment variables: a password never appears on a command line."""
    conf = connections[alias].settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", conf.get("HOST")),
        ("PGPORT", conf.get("PORT")),
        ("PGUSER", conf.get("USER")),
        ("PGPASSWORD", conf.get("PASSWORD")),
        ("PGDATABASE", conf.get("NAME")),
    ):
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str], *, env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(
            _("%(what)s thất bại (mã lỗi %(code)s): %(error)s")
            % {"what": what, "code": done.returncode, "error": done.stderr.strip()[-2000:]}
        )


def _dump_database(target: Path, alias: str) -> None:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        # The online backup API copies a consistent snapshot page by page while others keep writing.
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif connection.vendor == "postgresql":
        _run(
            [_pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(target)],
            env=_pg_env(alias),
            what=_("Sao lưu cơ sở dữ liệu bằng pg_dump"),
        )
    else:
        raise BackupError(
            _("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(vendor)s.") % {"vendor": connection.vendor}
        )


def _load_database(source: Path, alias: str) -> None:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        # Backing up INTO the live connection replaces its whole database in one step (the API holds the
        # destination's write lock throughout), whether it is the file of var/ or a test's in-memory one.
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        connection.close()
        return
    # PostgreSQL: empty the schema, then load the dump, in ONE transaction (psql -1): a failure leaves
    # the database as it was. The whole schema goes, not only the dump's objects (pg_restore --clean):
    # a newer version's tables, functions and triggers would otherwise be in migrate's way.
    env = _pg_env(alias)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = connection.ops.quote_name(cursor.fetchone()[0])
    connection.close()  # our own session must not hold a lock the restore waits for
    with tempfile.TemporaryDirectory() as work:
        script = Path(work) / "restore.sql"
        _run(
            [_pg_binary("pg_restore"), "--no-owner", "--no-privileges", "--file", str(script), str(source)],
            env=env,
            what=_("Đọc bản sao cơ sở dữ liệu bằng pg_restore"),
        )
        preface = Path(work) / "drop.sql"
        preface.write_text(
            # A server still in use would make the DROP wait forever: fail fast instead.
            f"SET lock_timeout = '15s';\nDROP SCHEMA {schema} CASCADE;\nCREATE SCHEMA {schema};\n",
            encoding="utf-8",
        )
        _run(
            [
                _pg_binary("psql"),
                "--no-psqlrc",
                "--quiet",
                "--single-transaction",
                "--set",
                "ON_ERROR_STOP=1",
                "--file",
                str(preface),
                "--file",
                str(script),
            ],
            env=env,
            what=_("Khôi phục cơ sở dữ liệu bằng psql"),
        )


# --- Backup ----------------------------------------------------------------------------------------


def _add_file(archive: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as stream:
        archive.addfile(info, stream)
    return {"size": info.size, "sha256": _sha256(path)}


def backup_create(
    *, path: Path, actor: AbstractUser | None = None, alias: str = DEFAULT_DB_ALIAS
) -> dict[str, Any]:
    """Write one archive of the database and the stored files to `path`; returns its manifest.

    The archive is written under a temporary name and renamed at the end, so a crash never leaves a
    truncated file under the real name.
    """
    path = Path(path)
    connection = connections[alias]
    if connection.vendor not in DB_MEMBERS:
        raise BackupError(
            _("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(vendor)s.") % {"vendor": connection.vendor}
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    mode: Literal["w:gz", "w"] = "w:gz" if path.name.endswith((".tar.gz", ".tgz")) else "w"
    partial = path.with_name(path.name + ".partial")
    members: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    try:
        with tempfile.TemporaryDirectory(dir=path.parent) as work, tarfile.open(partial, mode) as archive:
            dump = Path(work) / "dump"
            _dump_database(dump, alias)
            db_member = DB_MEMBERS[connection.vendor]
            members[db_member] = _add_file(archive, dump, db_member)
            for storage, root in file_roots().items():
                counts[storage] = 0
                for file in _walk(root):
                    name = f"{FILES_DIR}/{storage}/{file.relative_to(root).as_posix()}"
                    members[name] = _add_file(archive, file, name)
                    counts[storage] += 1
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "app_version": thidua.__version__,
                "database": {"vendor": connection.vendor, "member": db_member},
                "migrations": applied_migrations(alias),
                "file_counts": counts,
                "members": members,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    with transaction.atomic(using=alias):
        job = _record_job(
            kind=BACKUP_ACTION, title=_("Sao lưu dữ liệu vào %(name)s") % {"name": path.name}, actor=actor
        )
        audit_record(
            actor=actor,
            action=BACKUP_ACTION,
            target=job,
            changes={"archive": str(path), "size": path.stat().st_size, "file_counts": counts},
        )
    return manifest


def _record_job(*, kind: str, title: str, actor: AbstractUser | None) -> Job:
    """A finished Job row the audit row points at, so the operation shows among the background jobs too."""
    return Job.objects.create(
        kind=kind,
        title=title[:300],
        status=Job.Status.SUCCEEDED,
        created_by_id=actor.pk if actor is not None and actor.pk else None,
    )


# --- Checking an archive ---------------------------------------------------------------------------


def _manifest_from(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST_NAME)
        stream = archive.extractfile(member)
        if stream is None:
            raise KeyError(MANIFEST_NAME)
        manifest = json.loads(stream.read().decode())
    except (KeyError, ValueError) as error:
        raise BackupError(
            _("Tệp không phải bản sao lưu của Thi đua (thiếu hoặc hỏng manifest.json).")
        ) from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("format"), int):
        raise BackupError(_("Tệp không phải bản sao lưu của Thi đua (manifest.json không hợp lệ)."))
    return manifest


def backup_inspect(path: Path) -> dict[str, Any]:
    """Check every member of the archive against the manifest's checksums; returns the manifest.

    Refuses (BackupError) a missing, extra, resized or altered member, a link or a path leaving the
    archive, and a format newer than this version reads. Reads the archive only.
    """
    try:
        archive = tarfile.open(path, "r:*")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(
            _("Không đọc được tệp sao lưu %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    with archive:
        try:
            manifest = _manifest_from(archive)
            if manifest["format"] > FORMAT_VERSION:
                raise BackupError(
                    _(
                        "Bản sao lưu có định dạng %(found)s, mới hơn định dạng %(known)s mà phiên bản này đọc được. "
                        "Hãy cập nhật phần mềm trước khi khôi phục."
                    )
                    % {"found": manifest["format"], "known": FORMAT_VERSION}
                )
            expected: dict[str, dict[str, Any]] = manifest.get("members") or {}
            seen: set[str] = set()
            for member in archive:
                if member.name == MANIFEST_NAME:
                    continue
                name = member.name
                if not member.isfile() or name.startswith("/") or ".." in Path(name).parts:
                    raise BackupError(_("Bản sao lưu chứa mục không hợp lệ: %(name)s") % {"name": name})
                if name not in expected:
                    raise BackupError(
                        _("Bản sao lưu chứa tệp không có trong manifest: %(name)s") % {"name": name}
                    )
                stream = archive.extractfile(member)
                digest = hashlib.sha256()
                while stream is not None and (chunk := stream.read(CHUNK)):
                    digest.update(chunk)
                if member.size != expected[name]["size"] or digest.hexdigest() != expected[name]["sha256"]:
                    raise BackupError(
                        _("Bản sao lưu bị hỏng hoặc đã bị sửa: tệp %(name)s không khớp mã kiểm tra SHA-256.")
                        % {"name": name}
                    )
                seen.add(name)
        except (tarfile.TarError, OSError, EOFError, KeyError, TypeError, ValueError) as error:
            raise BackupError(_("Bản sao lưu bị hỏng: %(error)s") % {"error": error}) from error
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(_("Bản sao lưu thiếu tệp: %(names)s") % {"names": ", ".join(missing[:5])})
    database = manifest.get("database") or {}
    if database.get("member") not in seen:
        raise BackupError(_("Bản sao lưu không có bản sao cơ sở dữ liệu."))
    return manifest


def _check_compatible(manifest: dict[str, Any], alias: str) -> None:
    vendor = manifest["database"]["vendor"]
    current = connections[alias].vendor
    if vendor != current:
        raise BackupError(
            _(
                "Bản sao lưu là của cơ sở dữ liệu %(archive)s, hệ thống đang dùng %(current)s. Lệnh restore không "
                "chuyển dữ liệu giữa hai loại cơ sở dữ liệu; muốn chuyển, hãy dùng dumpdata và loaddata "
                "(xem docs/operations.md)."
            )
            % {"archive": vendor, "current": current}
        )
    # An archive made by a newer version has migrations this code does not have: migrate could not
    # bring it to a schema the code knows.
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(
        f"{app}.{name}"
        for app, names in (manifest.get("migrations") or {}).items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            _(
                "Bản sao lưu được tạo bởi phiên bản mới hơn (có các bước cập nhật cơ sở dữ liệu chưa có ở đây: "
                "%(names)s). Hãy cập nhật phần mềm trước khi khôi phục."
            )
            % {"names": ", ".join(unknown[:5])}
        )


# --- Restore ---------------------------------------------------------------------------------------


def _swap_directory(staged: Path, target: Path) -> None:
    """Put `staged` in the place of `target` by renames: readers see the old tree or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f"{target.name}.before-restore")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    try:
        shutil.move(str(staged), str(target))
    except BaseException:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise
    if old.exists():
        shutil.rmtree(old)


def backup_restore(
    *, path: Path, actor: AbstractUser | None = None, alias: str = DEFAULT_DB_ALIAS, migrate: bool = True
) -> RestoreReport:
    """Replace the database and the stored files with the archive's, then migrate. Run with the web
    server and the worker stopped: they would keep writing to what is being replaced."""
    path = Path(path)
    manifest = backup_inspect(path)
    _check_compatible(manifest, alias)
    roots = file_roots()
    var_dir = Path(settings.VAR_DIR)
    var_dir.mkdir(parents=True, exist_ok=True)
    report = RestoreReport(manifest=manifest)
    # Unpacked next to the data (same file system), so the storages are swapped in by a rename.
    with tempfile.TemporaryDirectory(dir=var_dir, prefix=".restore-") as work:
        with tarfile.open(path, "r:*") as archive:
            # filter="data" refuses links, devices and paths leaving the directory (PEP 706).
            archive.extractall(work, filter="data")
        staged = Path(work)
        # Checked again on the unpacked copy: the archive could have changed since backup_inspect read it.
        for name, facts in manifest["members"].items():
            if _sha256(staged / name) != facts["sha256"]:
                raise BackupError(_("Tệp %(name)s không khớp mã kiểm tra sau khi giải nén.") % {"name": name})
        for storage in roots:
            (staged / FILES_DIR / storage).mkdir(parents=True, exist_ok=True)
        before = {(app, name) for app, names in manifest.get("migrations", {}).items() for name in names}
        _load_database(staged / manifest["database"]["member"], alias)
        for storage, root in roots.items():
            _swap_directory(staged / FILES_DIR / storage, root)
            report.files[storage] = sum(1 for _file in _walk(root))
    if migrate:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    after = {(app, name) for app, names in applied_migrations(alias).items() for name in names}
    report.migrations_applied = sorted(f"{app}.{name}" for app, name in after - before)
    with transaction.atomic(using=alias):
        job = _record_job(
            kind=RESTORE_ACTION, title=_("Khôi phục dữ liệu từ %(name)s") % {"name": path.name}, actor=actor
        )
        audit_record(
            actor=actor,
            action=RESTORE_ACTION,
            target=job,
            changes={
                "archive": str(path),
                "archive_created_at": manifest.get("created_at"),
                "archive_app_version": manifest.get("app_version"),
                "migrations_applied": report.migrations_applied,
                "file_counts": report.files,
            },
        )
    return report


def archive_default_name(now: dt.datetime | None = None) -> str:
    moment = timezone.localtime(now or timezone.now())
    return f"thidua-{moment:%Y%m%d-%H%M%S}.tar.gz"
