"""What an import says back: every error with its line and column, or what it created."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class RowError:
    #: 1-based line of the file (the header is line 1); a row spanning lines gives its first.
    line: int
    #: The column's header name, or `*` for a problem with the whole line or file.
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    """All or nothing: `errors` is empty and `created` counts the new rows, or nothing was written."""

    kind: str
    #: Data rows read (blank lines not counted).
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "ok": self.ok, "rows": self.rows, "created": self.created,
                "errors": [e.to_dict() for e in sorted(self.errors)]}

    def summary(self) -> str:
        if self.ok:
            counts = ", ".join(f"{n} {what}" for what, n in self.created.items())
            return f"imported {self.rows} rows: {counts}"
        return f"{len(self.errors)} errors in {self.kind} file; nothing was imported"
