"""Import people and administrative units from rows parsed by thidua.org.spreadsheets.

Both imports run in two phases. Planning checks every row against the database with a few bulk
queries (never one per row) and collects every problem, each naming its row and column. Saving
happens only when planning found nothing wrong and the call is not a dry run: then every row goes
through the existing services (person_create, person_update, person_change_position,
adminunit_create), so each record gets its usual checks and audit row, all in ONE transaction. If a
service still refuses a row (someone saved a clashing record meanwhile), everything is rolled back
and that row is reported: a file is saved completely or not at all.

- common.py: what both imports share: the report, bulk lookups, the all-or-nothing commit;
- people.py, units.py: planning and applying each kind of row (import_people, import_units);
- stash.py: the uploaded file, kept in a private directory between the preview and the task;
- jobs.py: import_schedule, which queues the saving step as a background job.

The wording of a report is in thidua/org/presenters/imports.py, the reads of the import screen in
thidua/org/selectors/imports.py and the export rows in thidua/org/selectors/exports.py; the task that
saves a confirmed file is thidua/org/tasks.py, which imports these modules (never the reverse).
"""
