"""Lists, ledgers and period reports as labelled spreadsheet sheets: labels, never codes.

A column named after a vocabulary (`status`, `category`, `channel`, `services`...) has its
codes replaced by their labels in the reader's language; headers come from `labels.column`.
The CSV exports keep their codes (they are for machines); the workbooks are for people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..labels import column, label, labels, language
from ..spreadsheets import Column, Sheet

#: Column → the vocabulary its values come from.
FAMILIES = {"status": "status", "category": "category", "channel": "channel", "outcome": "outcome",
            "services": "service", "review_state": "review", "education_level": "education_level",
            "gender": "gender", "stage": "recommendation", "source": "source"}
#: Columns of other kinds than text.
KINDS = {"graduation_date": "date", "status_since": "date", "last_contact_at": "date",
         "occurred_at": "date", "next_follow_up": "date", "due_on": "date", "birth_date": "date",
         "placement_rate": "percent"}
#: Headers of the board's own tables and the period report (zh, en).
HEADERS: dict[str, tuple[str, str]] = {
    "committee_id": ("居委会编号", "Committee id"), "helper_id": ("专员编号", "Helper id"),
    "person_id": ("人员编号", "Person id"), "graduation_year": ("毕业年份", "Graduation year"),
    "overdue": ("逾期人数", "Overdue"), "most_days_overdue": ("最长逾期（天）", "Most days overdue"),
    "target": ("目标", "Target"), "measure": ("指标", "Measure"), "value": ("数值", "Value"),
    "stage": ("环节", "Stage"), "attempts": ("求职次数", "Attempts"), "applied": ("投递", "Applied"),
    "interviews": ("面试", "Interviews"), "rejections": ("未录用", "Rejections"),
    "last_attempt_at": ("最近一次", "Last attempt"), "persons": ("人数", "Persons"),
    # period report
    "group": ("区域", "Area"), "cohort": ("毕业生（届）", "Graduates of the cohort"),
    "left_without_job": ("离校未就业", "Left school without a job"),
    "placed_of_those": ("其中已就业", "Of those, employed"), "placement_rate": ("就业率", "Placement rate"),
    "placed_in_period": ("本期新就业", "Placed in the period"), "reached": ("本期联系人数", "Reached"),
    "recommended": ("推荐岗位", "Recommended"), "interview": ("参加面试", "Interviews"),
    "hired": ("录用", "Hired"), "overdue_now": ("当前逾期未访", "Overdue now"),
    "target_131_met": ("“1-3-1”达标", "1-3-1 met"), "target_131_population": ("“1-3-1”对象", "1-3-1 persons"),
    "target_3333_met": ("“3-3-3-3”达标", "3-3-3-3 met"),
    "target_3333_population": ("“3-3-3-3”对象", "3-3-3-3 persons"),
    "zero_employment_placed": ("零就业家庭一月内就业", "Zero-employment placed in a month"),
    "zero_employment_households": ("零就业家庭", "Zero-employment households"),
}
TITLES: dict[str, tuple[str, str]] = {
    "graduates": ("毕业生就业状态台账", "Graduate status table"),
    "disadvantaged": ("困难群体台账", "Disadvantaged ledger"), "visits": ("走访记录", "Visit log"),
    "overdue": ("逾期未访名单", "Overdue list"), "status": ("按就业状态", "By status"),
    "category": ("按跟踪类别", "By category"), "committee": ("按居委会", "By committee"),
    "helper": ("按专员", "By helper"), "cohort": ("应届毕业生", "Cohort"), "targets": ("目标进度", "Targets"),
    "funnel": ("推荐漏斗", "Funnel"), "struggling": ("重点帮扶名单", "Targeted help"),
    "period": ("就业工作报表", "Employment report"),
}


def header(key: str, lang: str) -> str:
    if key in HEADERS:
        zh, en = HEADERS[key]
        return zh if language(lang) == "zh" else en
    return column(key, lang)


def title(name: str, lang: str) -> str:
    zh, en = TITLES.get(name, (name, name))
    return zh if language(lang) == "zh" else en


def _cell(key: str, value: Any, lang: str) -> Any:
    family = FAMILIES.get(key)
    if isinstance(value, list):
        return labels(family, value, lang) if family else ("、" if language(lang) == "zh" else ", ").join(map(str, value))
    if isinstance(value, bool):
        return ("是" if value else "否") if language(lang) == "zh" else ("yes" if value else "no")
    if family and isinstance(value, str):
        return label(family, value, lang)
    return value


def labelled(name: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]], lang: str,
             caption: Sequence[str] = ()) -> Sheet:
    """One table as a sheet whose headers and coded cells are in `lang`."""
    return Sheet(title(name, lang), [Column(c, header(c, lang), KINDS.get(c, "text")) for c in columns],
                 [{c: _cell(c, row.get(c), lang) for c in columns} for row in rows], caption)


def period_sheet(report: dict[str, Any], scope_name: str, lang: str) -> Sheet:
    """The period report: a caption (what, where, when), one row per area, then the total."""
    from .figures import FIGURES

    zh = language(lang) == "zh"
    period = report["period"]
    total_name = "合计" if zh else "Total"
    caption = [
        f"{title('period', lang)} · {scope_name}",
        (f"统计期：{period['from']} 至 {period['to']}（{period['name']}）；毕业生届别：{report['cohort_year']}；"
         f"逾期与目标截至 {report['today']}") if zh else
        (f"Period: {period['from']} to {period['to']} ({period['name']}); graduates of {report['cohort_year']}; "
         f"overdue and targets as of {report['today']}"),
    ]
    rows = [*({"group": r["name"], **r} for r in report["rows"]), {**report["total"], "group": total_name}]
    return labelled("period", ["group", *FIGURES], rows, lang, caption)
