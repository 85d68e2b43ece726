"""The uploaded file, between the preview and the background task that saves it.

Files wait in a private directory under VAR_DIR, never under MEDIA_ROOT, which may be served by URL:
people files carry personal data.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

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
    for old in directory.glob("*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = str(uuid.uuid4())
    pending_path(token).write_bytes(data)
    return token


def upload_discard(*, token: str) -> None:
    pending_path(token).unlink(missing_ok=True)
