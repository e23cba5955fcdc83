"""Search: persons in your scope by name, pinyin, initials, phone digits or identity number."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from .. import search
from ..schemas.search import SearchQuery, SearchResult
from ..security import login_required, me

blp = Blueprint("search", __name__, url_prefix="/api/search", description="Search persons' files")


@blp.get("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(SearchQuery, location="query")
@blp.response(200, SearchResult)
def find(args: dict[str, Any]) -> dict[str, Any]:
    """Find persons in your scope (李杰, lijie, li jie, lj, 1380, the end of an ID), best first"""
    found = search.find(me(), args["q"], group=args.get("group"), limit=args["limit"])
    return {"items": [{"rank": rank, "person": person} for person, rank in found.items],
            "total": found.total}
