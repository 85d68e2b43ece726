"""Fixtures of the portal's tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections


@pytest.fixture(autouse=True)
def _forget_memos() -> Iterator[None]:
    # The beacon remembers which pages it counts; a page id reused by the next test must not inherit
    # it. (The shared cache is not emptied: on Redis, another xdist worker's tests use it too.)
    from thidua.portal.views.beacon import memo_clear

    memo_clear()
    yield
    memo_clear()


@pytest.fixture
def sqlite_file_db(tmp_path: Path, transactional_db: Any) -> Iterator[None]:
    """The test database copied to a file for the test's duration.

    The suite's SQLite database lives in memory with a shared cache, where two writers get "table is
    locked" at once instead of waiting: nothing like the site's file in WAL mode with a busy timeout.
    Threads of a concurrency test must meet the real thing, so the default connection points at a file
    copy (every thread's connection is made from the same settings dict) until the test ends."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    connection.ensure_connection()
    target = sqlite3.connect(tmp_path / "db.sqlite3")
    connection.connection.backup(target)
    target.close()
    wrapper = connections["default"]
    settings_dict = wrapper.settings_dict
    saved_name, memory = settings_dict["NAME"], wrapper.connection
    # Set aside, not closed: closing the last connection to the in-memory database destroys it.
    wrapper.connection = None
    settings_dict["NAME"] = str(tmp_path / "db.sqlite3")
    try:
        yield
    finally:
        wrapper.close()
        settings_dict["NAME"] = saved_name
        wrapper.connection = memory
