"""Every list of the board as a table, and a table as CSV that Excel opens in Chinese.

`TABLES[name](scope, args)` gives `(columns, rows)`; `to_csv` writes UTF-8 with a byte-order
mark, which is what makes Excel on Windows read 中文 correctly instead of as mojibake.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from sync.vocabulary import label

from ..business_time import business_today
from ..csv_safe import safe_cell
from . import counts
from .activity import activity
from .due import language_of
from .filters import ReportScope
from .funnel import funnel, struggling
from .overdue import by_group, overdue, overdue_items
from .targets import targets

Table = tuple[list[str], list[dict[str, Any]]]


def _cohort(scope: ReportScope, args: dict[str, Any]) -> Table:
    year = args.get("graduation_year") or counts.cohort_year(business_today())
    data = counts.cohort(scope, year)
    return ["graduation_year", "status", "count"], [
        {"graduation_year": year, **row} for row in data["statuses"]]


def _targets(scope: ReportScope, args: dict[str, Any]) -> Table:
    rows = []
    for name, result in targets(scope, business_today()).items():
        if "targets" in result:
            rows.append({"target": name, "measure": "population", "value": result["population"]})
            rows.append({"target": name, "measure": "met_all", "value": result["met"]})
            rows += [{"target": name, "measure": k, "value": result[k]}
                     for k in ("in_progress", "missed") if k in result]
            rows += [{"target": name, "measure": f"{t['service']}>={t['target']}", "value": t["met"]}
                     for t in result["targets"]]
        else:
            rows += [{"target": name, "measure": k, "value": v} for k, v in result.items()]
    return ["target", "measure", "value"], rows


def _funnel(scope: ReportScope, args: dict[str, Any]) -> Table:
    data = funnel(scope)
    rows = [*data["stages"], *({"stage": k, "count": data[k]} for k in ("declined", "rejected"))]
    return ["stage", "count"], rows


def _struggling(scope: ReportScope, args: dict[str, Any]) -> Table:
    rows = struggling(scope, days=args.get("days", 90), min_attempts=args.get("min_attempts", 3))
    columns = ["person_id", "name", "committee", "helper_name", "status", "category", "attempts",
               "applied", "interviews", "rejections", "last_attempt_at"]
    return columns, rows


def _overdue_persons(scope: ReportScope, args: dict[str, Any]) -> Table:
    """Every overdue person, with the reason line in the reader's language (never a raw code)."""
    lang = language_of(scope.user)
    rows = [{**item, "category": label("category", item["category"], lang),
             "group_name": item["group_name"] or ""}
            for item in overdue_items(scope)]
    columns = ["person_id", "name", "address", "group_name", "category", "last_contact_on", "due_on", "days_overdue", "attempts", "reason"]
    return columns, rows


def _activity(scope: ReportScope, args: dict[str, Any]) -> Table:
    return ["helper_id", "name", "contacts", "attempts"], activity(scope)["by_helper"]


TABLES: dict[str, Callable[[ReportScope, dict[str, Any]], Table]] = {
    "status": lambda s, a: (["status", "count"], counts.by_status(s)),
    "category": lambda s, a: (["category", "count"], counts.by_category(s)),
    "committee": lambda s, a: (["committee_id", "name", "persons", "households"],
                               counts.by_committee(s)),
    "helper": lambda s, a: (["helper_id", "name", "persons", "households"], counts.by_helper(s)),
    "cohort": _cohort,
    "overdue": lambda s, a: (["helper_id", "name", "overdue", "most_days_overdue"],
                             overdue(s)["by_helper"]),
    "overdue_persons": _overdue_persons,
    "group": lambda s, a: (["group_name", "persons", "overdue"], by_group(s)),
    "activity": _activity,
    "targets": _targets,
    "funnel": _funnel,
    "struggling": _struggling,
}


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return out.getvalue()

