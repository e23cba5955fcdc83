"""All-or-nothing import of persons and jobs from .xlsx or CSV, shared by the CLI and the API.

`import_persons(data)` and `import_jobs(data)` take the file's bytes (or text; .xlsx, or CSV in
UTF-8 or GB18030/GBK; headers as codes or as their Chinese or English labels), check every row
with the API's schemas, and either write everything in one transaction or nothing; the returned
`ImportResult` lists each error as `line N, column X: message`. Columns: docs/csv-import.md.
"""

from __future__ import annotations

from .jobs import COLUMNS as JOB_COLUMNS
from .jobs import import_jobs
from .persons import COLUMNS as PERSON_COLUMNS
from .persons import import_persons
from .report import ImportResult, RowError

__all__ = ["JOB_COLUMNS", "PERSON_COLUMNS", "ImportResult", "RowError", "import_jobs", "import_persons"]
