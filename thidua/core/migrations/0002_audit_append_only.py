"""Triggers that make the audit log append-only at the database level (thidua.core.audit_guard)."""

from django.db import migrations

from thidua.core.audit_guard import guard_sql, unguard_sql


def _run(statements_for):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements_for(schema_editor.connection.vendor):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(guard_sql), reverse_code=_run(unguard_sql)),
    ]
