"""Import of the official ESCO classification (the CSV download, one set of files per language) for the concepts
the portal holds: files.py reads and checks the files, plan.py compares them with the database, write.py applies
the plan in one transaction, report.py says what was and was not done."""

from skills.esco_import.files import EscoDownload, EscoFileError, read_download
from skills.esco_import.plan import ImportPlan, plan_import
from skills.esco_import.report import report_lines
from skills.esco_import.write import apply_plan

__all__ = [
    "EscoDownload",
    "EscoFileError",
    "ImportPlan",
    "apply_plan",
    "plan_import",
    "read_download",
    "report_lines",
]
