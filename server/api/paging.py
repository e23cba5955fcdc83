"""Pagination and search shared by the list endpoints (not a blueprint)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from ..extensions import db


def like_any(text: str | None, *columns: Any) -> ColumnElement[bool] | None:
    """Case-insensitive substring match over `columns`; works for Chinese (`李` finds 李杰)."""
    if not text or not text.strip():
        return None
    pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*[col.ilike(pattern, escape="\\") for col in columns])


def page(query: Select[Any], args: dict[str, Any], *order_by: Any) -> dict[str, Any]:
    """Run `query` for one page: `{items, total, page, per_page}`."""
    per_page = int(args.get("per_page", 50))
    number = int(args.get("page", 1))
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = (
        db.session.execute(
            query.order_by(*order_by).limit(per_page).offset((number - 1) * per_page)
        )
        .unique()
        .scalars()
        .all()
    )
    return {"items": rows, "total": total or 0, "page": number, "per_page": per_page}
