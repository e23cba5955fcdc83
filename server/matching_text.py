"""Text for matching: normalising free text, comparing it, and the reasons people read.

Matching compares what helpers type (majors, industries, roles, places) in Chinese or English, so
everything goes through `norm()` once, when features are built, never per comparison. Reasons
are codes with parameters plus ready zh-CN and en sentences, so the PWA can translate the code
or show the sentence as it is.
"""

from __future__ import annotations

import re
from typing import Any

_PUNCT = re.compile(r"[\s·・,，、.。;；:：/\\|()（）\[\]【】\"'“”‘’\-_]+")

#: Free-text places that mean "anywhere": no place preference.
ANYWHERE = frozenset({"", "不限", "任意", "均可", "都可以", "any", "anywhere", "none"})

#: Majors that lead to the same kinds of jobs. A helper accepts a related major as a fit, at
#: less than an exact one. Each family lists normalised names in Chinese and English.
MAJOR_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(norm_name for norm_name in (name.lower().replace(" ", "") for name in family))
    for family in (
        ("计算机科学与技术", "软件工程", "网络工程", "信息管理与信息系统", "数据科学与大数据技术",
         "人工智能", "物联网工程", "计算机应用技术", "computer science", "software engineering",
         "information systems", "data science"),
        ("会计学", "财务管理", "审计学", "金融学", "会计", "accounting", "finance",
         "financial management"),
        ("市场营销", "电子商务", "工商管理", "国际经济与贸易", "marketing", "e-commerce",
         "business administration", "international trade"),
        ("服装设计", "服装与服饰设计", "服装设计与工程", "纺织工程", "fashion design",
         "textile engineering"),
        ("机械设计制造及其自动化", "机械工程", "机电一体化", "数控技术", "自动化",
         "mechanical engineering", "mechatronics", "automation"),
        ("护理学", "护理", "临床医学", "康复治疗学", "nursing", "clinical medicine",
         "rehabilitation"),
        ("学前教育", "小学教育", "汉语言文学", "英语", "教育学", "early childhood education",
         "primary education", "chinese language and literature", "english", "education"),
        ("物流管理", "交通运输", "供应链管理", "logistics", "supply chain management"),
        ("土木工程", "工程造价", "建筑学", "工程管理", "civil engineering", "construction cost",
         "architecture"),
        ("酒店管理", "旅游管理", "烹饪工艺与营养", "hotel management", "tourism management",
         "culinary arts"),
        ("视觉传达设计", "环境设计", "数字媒体艺术", "广告学", "visual communication design",
         "digital media art", "advertising"),
    )
)
_FAMILY_OF: dict[str, int] = {name: i for i, fam in enumerate(MAJOR_FAMILIES) for name in fam}

EDUCATION_RANK = {
    "secondary": 1, "vocational": 2, "associate": 3, "bachelor": 4, "master": 5, "doctorate": 6,
}
EDUCATION_LABEL = {
    "secondary": ("高中/中专", "secondary school"), "vocational": ("职业院校", "vocational school"),
    "associate": ("大专", "associate degree"), "bachelor": ("本科", "bachelor's degree"),
    "master": ("硕士", "master's degree"), "doctorate": ("博士", "doctorate"),
}
SUPPORT_LABEL = {
    "zero_employment_family": ("零就业家庭", "a zero-employment family"),
    "employment_difficulty": ("就业困难人员", "a person with employment difficulties"),
    "disadvantaged": ("困难家庭毕业生", "a graduate from a disadvantaged family"),
}


def norm(text: str | None) -> str:
    """Lower case without spaces and punctuation: `"Software Engineering"` → `softwareengineering`."""
    return _PUNCT.sub("", (text or "").lower())


def grams(text: str) -> frozenset[str]:
    """Character bigrams of normalised text (the text itself when it is one character)."""
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two gram sets in [0, 1]."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def contains_either(a: str, b: str) -> bool:
    return bool(a and b and (a in b or b in a))


def major_family(name: str) -> int | None:
    return _FAMILY_OF.get(name)


# --- reasons ----------------------------------------------------------------------------------

#: code → (zh-CN template, en template). Parameters are filled with str.format.
TEMPLATES: dict[str, tuple[str, str]] = {
    "major_same": ("专业对口：{major}", "Major fits: {major}"),
    "major_related": ("相关专业：{major}（岗位要求{job_major}）",
                      "Related major: {major} (job asks for {job_major})"),
    "industry_same": ("意向行业：{industry}", "Wanted industry: {industry}"),
    "role_same": ("意向岗位：{role}", "Wanted role: {role}"),
    "role_similar": ("岗位接近意向：{role}", "Close to the wanted role: {role}"),
    "skills": ("技能匹配：{skills}", "Skills match: {skills}"),
    "place_committee": ("同一居委：{area}", "Same residential committee: {area}"),
    "place_subdistrict": ("同一街道：{area}", "Same sub-district: {area}"),
    "place_district": ("同一区：{area}", "Same district: {area}"),
    "place_wanted": ("意向地点：{place}", "Wanted place: {place}"),
    "pay_meets": ("薪资{pay}达到期望{want}", "Pay {pay} meets the expected {want}"),
    "pay_reaches": ("薪资上限可达期望{want}（{pay}）", "Pay can reach the expected {want} ({pay})"),
    "pay_close": ("薪资{pay}略低于期望{want}", "Pay {pay} is a little below the expected {want}"),
    "pay_below": ("薪资{pay}低于期望{want}", "Pay {pay} is below the expected {want}"),
    "pay_unknown": ("岗位未写明薪资", "The job does not state its pay"),
    "education_met": ("学历符合要求（{required}）", "Meets the education asked ({required})"),
    "education_unmet": ("学历要求{required}，本人{level}",
                        "Asks for {required}; the person has {level}"),
    "education_unknown": ("学历要求{required}，请核实", "Asks for {required}; check education"),
    "public_welfare": ("公益性岗位，适合{group}", "Public-welfare post, suited to {group}"),
}


def reason(part: str, code: str, positive: bool = True, **params: Any) -> dict[str, Any]:
    """One reason: machine code and parameters, and the sentence in both languages."""
    zh, en = TEMPLATES[code]
    zh_params = {k: v[0] if isinstance(v, tuple) else v for k, v in params.items()}
    en_params = {k: v[1] if isinstance(v, tuple) else v for k, v in params.items()}
    return {
        "part": part,
        "code": code,
        "positive": positive,
        "params": {k: v[1] if isinstance(v, tuple) else v for k, v in params.items()},
        "zh": zh.format(**zh_params),
        "en": en.format(**en_params),
    }


def pay_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None and low != high:
        return f"{low}–{high}"
    return str(low if low is not None else high)
