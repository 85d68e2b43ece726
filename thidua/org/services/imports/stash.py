"""The uploaded file, between the preview and the background task that saves it.

A large file's dry run runs as a background job (thidua/org/tasks.py, import_check); its outcome, what
the result screen shows, is kept next to the stashed file as <token>.json, not in the job's row.

Files wait in a private directory under VAR_DIR, never under MEDIA_ROOT, which may be served by URL:
people files carry personal data.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings

_PENDING = "pending"
_PENDING_MAX_AGE = 24 * 3600


def upload_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def upload_path(*, name: str) -> Path:
    return upload_dir() / name


def pending_path(token: str) -> Path:
    """Where a stashed upload waits for its confirmation."""
    # The token is a UUID made here; parsing it again keeps a forged value from naming another path.
    return upload_dir() / _PENDING / f"{uuid.UUID(token)}.xlsx"


def upload_stash(*, data: bytes) -> str:
    """Keep an uploaded file until the officer confirms the import; returns its token.

    Files never confirmed are deleted a day later, when the next file is stashed.
    """
    directory = upload_dir() / _PENDING
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - _PENDING_MAX_AGE
    for old in [*directory.glob("*.xlsx"), *directory.glob("*.json")]:
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = str(uuid.uuid4())
    pending_path(token).write_bytes(data)
    return token


def upload_discard(*, token: str) -> None:
    pending_path(token).unlink(missing_ok=True)
    check_path(token).unlink(missing_ok=True)


def check_path(token: str) -> Path:
    """Where the outcome of a stashed upload's background dry run waits, next to the file."""
    return upload_dir() / _PENDING / f"{uuid.UUID(token)}.json"


def check_store(*, token: str, outcome: dict[str, Any]) -> None:
    """Keep a background dry run's outcome (thidua.org.presenters.imports.check_outcome) by its file."""
    path = check_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")


def check_load(*, token: str) -> dict[str, Any] | None:
    """The stored outcome, or None when it (or the token) is gone: confirmed, discarded or expired."""
    try:
        outcome: dict[str, Any] = json.loads(check_path(token).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return outcome
