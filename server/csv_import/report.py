"""What an import says back: every error with its line and column, or what it created.

Errors are kept as the checks wrote them (English); `to_dict(lang)` and `text(lang)` give
them in the reader's language (`messages.translate`), so the same report serves the command
line, a REST client and a Chinese supervisor's screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..labels import column as column_label
from ..labels import language
from .messages import translate, where


@dataclass(frozen=True, order=True)
class RowError:
    #: 1-based line of the file (the header is line 1); a row spanning lines gives its first.
    line: int
    #: The column's header name, or `*` for a problem with the whole line or file.
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"

    def text(self, lang: str | None = None) -> str:
        """The error as one line in `lang` (English, the default, is `str(error)`)."""
        if lang is None or language(lang) == "en":
            return str(self)
        return f"{where(self.line, self.column, lang)}：{translate(self.message, lang, self.column)}"

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "column": self.column, "message": self.message}
        if lang is not None:
            out.update(message=translate(self.message, lang, self.column), text=self.text(lang),
                       column_label="" if self.column == "*" else column_label(self.column, lang))
        return out


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

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"kind": self.kind, "ok": self.ok, "rows": self.rows, "created": self.created,
                "errors": [e.to_dict(lang) for e in sorted(self.errors)]}

    def summary(self, lang: str | None = None) -> str:
        zh = lang is not None and language(lang) == "zh"
        if self.ok:
            if zh:
                return "已导入 {} 行：{}".format(self.rows, "，".join(f"{what} {n}" for what, n in self.created.items()))
            counts = ", ".join(f"{n} {what}" for what, n in self.created.items())
            return f"imported {self.rows} rows: {counts}"
        if zh:
            return f"文件中有 {len(self.errors)} 处错误，未导入任何数据"
        return f"{len(self.errors)} errors in {self.kind} file; nothing was imported"
