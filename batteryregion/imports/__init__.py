"""Import and export of the map's records as CSV or Excel files, in the admin.

A coordinator uploads a file (one kind of record per CSV file, or a workbook with a sheet per kind); a background
task (django-tasks, database queue) reads it in a transaction that is rolled back and stores a preview: what would
be created, changed field by field (old → new) and refused (row, column, reason, in the coordinator's language).
Confirming runs it again, for real, in one transaction. Every changed record's history says "import" and the file's
name. Only records in the coordinator's scope (coordinators/permissions/) change.

The column layout is the bundled data's (batteryregion/data/README.md), so that an export of any filtered admin
list imports again unchanged. layouts.py holds the resources of each kind, widgets.py how a cell becomes a value,
running.py the row loop, models.py the import jobs, tasks.py the background tasks, views.py the pages.
"""
