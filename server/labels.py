"""What a person reads instead of a code, in their language: for exports and period reports.

Codes' labels come from the one vocabulary the phone reads too (`sync/vocabulary.json`, through
`domain.vocabulary.label`), so a spreadsheet says 已就业 exactly where the app does.
Column headers are this module's own: the exports' and the imports' (an import accepts a
header written as a code, as its Chinese label or as its English label).
"""

from __future__ import annotations

from functools import lru_cache

from sync.vocabulary import VOCABULARY

from .domain.vocabulary import label as vocabulary_label

LANGUAGES = ("zh", "en")
#: Code family → the prefix of its keys in the vocabulary's labels.
PREFIX = {"status": "status", "category": "category", "channel": "channel", "service": "service",
          "recommendation": "rec", "education_level": "edu", "outcome": "outcome", "source": "source",
          "role": "role", "review": "review", "gender": "gender", "guidance_step": "guidance"}

#: Column → (zh, en). Persons' and jobs' import columns and the exports' extra columns.
COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "Name"), "credit_code": ("统一社会信用代码", "Credit code"), "park": ("园区", "Park"),
    "category": ("跟踪类别", "Category"), "status": ("就业状态", "Status"),
    "household_id": ("家庭编号", "Household id"), "address": ("地址", "Address"),
    "committee": ("居委会", "Residential committee"), "subdistrict": ("街道", "Sub-district"),
    "district": ("区", "District"),
    "zero_employment": ("零就业家庭", "Zero-employment family"), "helper": ("专员账号", "Helper username"),
    "helper_name": ("专员", "Helper"), "id": ("编号", "Id"), "id_number": ("身份证号", "ID number"),
    "gender": ("性别", "Gender"), "birth_date": ("出生日期", "Birth date"), "phone": ("电话", "Phone"),
    "email": ("邮箱", "Email"), "wechat": ("微信", "WeChat"), "school": ("毕业院校", "School"),
    "major": ("专业", "Major"), "education_level": ("学历", "Education"),
    "graduation_date": ("毕业日期", "Graduation date"), "intention_industry": ("意向行业", "Wanted industry"),
    "intention_role": ("意向岗位", "Wanted role"), "intention_place": ("意向地点", "Wanted place"),
    "intention_pay_min": ("期望薪资下限", "Wanted pay from"),
    "intention_pay_max": ("期望薪资上限", "Wanted pay to"), "skills": ("技能", "Skills"),
    "difficulties": ("就业困难", "Difficulties"), "disadvantaged": ("困难家庭", "Disadvantaged family"),
    "group_name": ("帮扶小组", "Group"), "guidance_step": ("指导阶段", "Guidance step"),
    "registered_on": ("登记日期", "Registered on"), "notes_summary": ("备注", "Notes"),
    "last_contact_at": ("最近联系", "Last contact"),
    # jobs
    "employer": ("用人单位", "Employer"), "title": ("岗位名称", "Job title"), "industry": ("行业", "Industry"),
    "place": ("工作地点", "Place"), "area": ("所属区域", "Area"), "area_kind": ("区域级别", "Area level"),
    "area_id": ("区域编号", "Area id"), "pay_min": ("薪资下限", "Pay from"), "pay_max": ("薪资上限", "Pay to"),
    "majors": ("专业要求", "Majors"), "headcount": ("招聘人数", "Headcount"), "source": ("岗位来源", "Source"),
    "public_welfare": ("公益性岗位", "Public-welfare post"), "closing_date": ("截止日期", "Closing date"),
    "is_open": ("在招", "Open"), "description": ("岗位描述", "Description"),
    # visits and lists
    "occurred_at": ("日期", "Date"), "channel": ("方式", "Channel"), "outcome": ("结果", "Outcome"),
    "visit_persons": ("对象", "Persons"), "services": ("服务内容", "Services"), "notes": ("记录", "Notes"),
    "review_state": ("审核", "Review"), "author": ("记录人", "Recorded by"),
    "next_follow_up": ("下次跟进", "Next follow-up"), "due_on": ("应访日期", "Due on"),
    "days_overdue": ("逾期天数", "Days overdue"), "interval_days": ("走访周期（天）", "Visit every (days)"),
    "days_since_contact": ("距上次联系（天）", "Days since contact"), "count": ("人数", "Count"),
    "persons_count": ("人数", "Persons"), "households": ("户数", "Households"),
    "status_since": ("状态日期", "Status since"), "employer_now": ("就业单位", "Employer"),
}


#: Codes the shared vocabulary has no labels for yet (zh, en).
FALLBACK: dict[str, dict[str, tuple[str, str]]] = {
    "gender": {"female": ("女", "Female"), "male": ("男", "Male"), "other": ("其他", "Other")},
}


def _vocabulary_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = VOCABULARY.get("labels", {})
    return labels


def language(value: str | None) -> str:
    """`zh` or `en` from a request's `lang` or a user's locale (`zh-CN`, `en-GB`...)."""
    return "en" if (value or "").lower().startswith("en") else "zh"


def label(family: str, code: str | None, lang: str = "zh") -> str:
    """The label of `code` in `family` (`status`, `category`...), the code itself if none."""
    if code is None or code == "":
        return ""
    text = vocabulary_label(PREFIX.get(family, family), code, language(lang))
    if text == code and code in FALLBACK.get(family, {}):
        zh, en = FALLBACK[family][code]
        return zh if language(lang) == "zh" else en
    return text


def labels(family: str, codes: list[str] | None, lang: str = "zh") -> str:
    """A list of codes as one cell, labelled and joined the Chinese way (、) or with commas."""
    sep = "、" if language(lang) == "zh" else ", "
    return sep.join(label(family, c, lang) for c in codes or [])


def column(key: str, lang: str = "zh") -> str:
    """A column's header in `lang`."""
    zh, en = COLUMNS.get(key, (key, key))
    return zh if language(lang) == "zh" else en


def header_names(columns: tuple[str, ...]) -> dict[str, str]:
    """Every way a header may name one of `columns` (code, zh label, en label; lower-cased)
    → the code. Labels shared by two of the columns are left out rather than guessed."""
    names: dict[str, str] = {}
    clashes: set[str] = set()
    for code in columns:
        names[code.lower()] = code
    for code in columns:
        for text in COLUMNS.get(code, ()):
            key = text.strip().lower()
            if key in names and names[key] != code:
                clashes.add(key)
            names.setdefault(key, code)
    return {k: v for k, v in names.items() if k not in clashes or k in columns}


@lru_cache(maxsize=32)
def _codes(family: str) -> dict[str, str]:
    prefix = PREFIX.get(family, family) + "."
    found: dict[str, str] = {}
    for table in _vocabulary_labels().values():
        for key, text in table.items():
            if key.startswith(prefix):
                found.setdefault(text.strip().lower(), key[len(prefix):])
    for code, names in FALLBACK.get(family, {}).items():
        for text in names:
            found.setdefault(text.lower(), code)
    return found


def code_of(family: str, text: str) -> str:
    """The code a cell means when a ledger gives a label (已就业 → employed); else the text."""
    return _codes(family).get(text.strip().lower(), text)
