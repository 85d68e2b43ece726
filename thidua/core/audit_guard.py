"""The audit log is append-only in the database too: triggers refuse to change or remove its rows.

The model refuses first (AuditEvent.save/delete, its QuerySet's update/delete); these triggers hold
for raw SQL and any other client of the database. One change stays allowed: when an account is
deleted, its rows' actor link becomes NULL (the FK is SET_NULL) while every other column, the
actor's name included, stays as written; so the row still says who acted.

Used by the migration that installs the triggers and by the test suite's flush (tests/conftest.py),
which must empty every table between transactional tests.
"""

from __future__ import annotations

TABLE = "core_auditevent"
MESSAGE = "Nhật ký thay đổi chỉ được ghi thêm, không được sửa hay xoá."

# Every column but actor_id: an UPDATE may only set actor_id to NULL and leave these as they were.
_KEPT_COLUMNS = (
    "id",
    "created_at",
    "actor_name",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "changes",
    "reason",
)

_SQLITE_KEPT = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _KEPT_COLUMNS)

SQLITE_GUARD = [
    f"""
    CREATE TRIGGER core_audit_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT (NEW.actor_id IS NULL AND {_SQLITE_KEPT})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER core_audit_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_UNGUARD = [
    "DROP TRIGGER IF EXISTS core_audit_no_update;",
    "DROP TRIGGER IF EXISTS core_audit_no_delete;",
]

POSTGRES_GUARD = [
    f"""
    CREATE OR REPLACE FUNCTION core_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
           AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER core_audit_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION core_audit_append_only();
    """,
    f"""
    CREATE TRIGGER core_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_append_only();
    """,
]
POSTGRES_UNGUARD = [
    f"DROP TRIGGER IF EXISTS core_audit_no_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS core_audit_no_update_delete ON {TABLE};",
    "DROP FUNCTION IF EXISTS core_audit_append_only();",
]


def guard_sql(vendor: str) -> list[str]:
    """The statements that install the triggers on this database vendor (none for others)."""
    return {"sqlite": SQLITE_GUARD, "postgresql": POSTGRES_GUARD}.get(vendor, [])


def unguard_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_UNGUARD, "postgresql": POSTGRES_UNGUARD}.get(vendor, [])
