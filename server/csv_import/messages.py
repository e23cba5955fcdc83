"""An import's reasons in the reader's language: the checks speak English, the line report
can speak Chinese.

The messages come from three places: this package's own checks, the API's marshmallow schemas
(one set of rules for JSON and files, so their messages are marshmallow's) and the domain's
refusals. Rather than thread a language through all three, the report translates the English
text it is given, pattern by pattern; a message with no pattern is shown as it is (English is
better than nothing, and the test of this module lists the ones it knows).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..labels import column, label, language

Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _r(pattern: str, zh: str | Callable[[re.Match[str]], str]) -> Rule:
    return re.compile(f"^{pattern}$", re.S), zh


def _columns(m: re.Match[str]) -> str:
    return "未知的列；可用的列：" + "、".join(column(c.strip(), "zh") for c in m.group(1).split(","))


def _wanted(m: re.Match[str]) -> str:
    options = [" 和 ".join(column(c, "zh") for c in o.split(" and ")) for o in m.group(1).split(" or ")]
    return "表头必须包含" + " 或 ".join(options)


RULES: list[Rule] = [
    # the reader and the importers
    _r(r"unknown column; the columns are: (.*)", _columns),
    _r(r"column appears more than once", "该列出现了不止一次"),
    _r(r"required column is missing", "缺少必填列"),
    _r(r"the header must name (.*)", _wanted),
    _r(r"the file is empty; the first line must name the columns", "文件是空的；第一行应为列名"),
    _r(r"(\d+) cells but the header names (\d+) columns", r"有 \1 个单元格，但表头只有 \2 列"),
    _r(r"more than (\d+) rows; split the file", r"超过 \1 行，请拆分文件"),
    _r(r"no data rows under the header", "表头下没有数据行"),
    _r(r"cannot read the file's characters: save it as CSV UTF-8 or as \.xlsx",
       "无法识别文件的字符编码：请另存为 CSV UTF-8 或 .xlsx"),
    _r(r"not a readable \.xlsx workbook", "无法读取该 .xlsx 工作簿"),
    _r(r"old \.xls workbooks are not read: save the file as \.xlsx or CSV", "不支持旧版 .xls：请另存为 .xlsx 或 CSV"),
    _r(r"unreadable CSV near line (\d+): .*", r"CSV 在第 \1 行附近无法读取"),
    _r(r"give household_id or address and committee, not both", "家庭编号与地址加居委会只能填一种"),
    _r(r"no such household", "没有这个家庭"),
    _r(r"required when there is no household_id", "没有家庭编号时必填"),
    _r(r"no residential committee of this name in (.*)", r"\1没有这个名称的居委会"),
    _r(r"no residential committee of this name", "没有这个名称的居委会"),
    _r(r"several committees have this name; add a subdistrict column", "有多个同名居委会，请增加“街道”列"),
    _r(r"not in your sub-district", "不在您的街道"),
    _r(r"this helper does not work in the committee's sub-district", "该专员不在此居委会所属街道工作"),
    _r(r"no helper with this username", "没有这个账号的专员"),
    _r(r"a person with this id exists already", "该编号的人员已存在"),
    _r(r"a job with this id exists already", "该编号的岗位已存在"),
    _r(r"the same ID number is on line (\d+)", r"第 \1 行已有相同的身份证号"),
    _r(r"only administrators and supervisors may import", "只有管理员和主管可以导入"),
    _r(r"give area or area_id, not both", "所属区域与区域编号只能填一种"),
    _r(r"no area of this name", "没有这个名称的区域"),
    _r(r"several areas have this name; add an area_kind column", "有多个同名区域，请增加“区域级别”列"),
    _r(r"no such area", "没有这个区域"),
    _r(r"already on file", "已有此身份证号的档案"),
    _r(r"already on file outside your caseload", "已有此身份证号的档案（不在您的辖区）"),
    _r(r"must not be less than (\w+)", lambda m: f"不能小于{column(m.group(1), 'zh')}"),
    # the domain's refusals
    _r(r"Pay range is reversed\.", "薪资范围颠倒了"),
    _r(r"Not a helper of this sub-district\.", "不是本街道的专员"),
    _r(r"Unknown committee\.", "未知的居委会"),
    _r(r"That committee is outside your sub-district\.", "该居委会不在您的街道"),
    _r(r"No area with that id\.", "没有该编号的区域"),
    _r(r"That helper is unknown\.", "未知的专员"),
    _r(r"Vacancies of that area are kept by another office\.", "该区域的岗位由其他办公室管理"),
    _r(r"A file with the same phone, or the same name and birth date, exists\..*", "已有电话相同或姓名与出生日期相同的档案"),
    # marshmallow's
    _r(r"Missing data for required field\.", "必填"),
    _r(r"Field may not be null\.", "不能为空"),
    _r(r"Unknown field\.", "未知字段"),
    _r(r"Not a valid date\.", "不是有效的日期"),
    _r(r"Not a valid datetime\.", "不是有效的日期时间"),
    _r(r"Not a valid integer\.", "不是有效的整数"),
    _r(r"Not a valid number\.", "不是有效的数字"),
    _r(r"Not a valid boolean\.", "应为“是”或“否”"),
    _r(r"Not a valid string\.", "不是有效的文本"),
    _r(r"Not a valid UUID\.", "不是有效的编号（UUID）"),
    _r(r"Not a valid email address\.", "不是有效的邮箱地址"),
    _r(r"Not a valid list\.", "不是有效的列表"),
    _r(r"Invalid value\.", "无效的值"),
    _r(r"Longer than maximum length (\d+)\.", r"超过最大长度 \1"),
    _r(r"Shorter than minimum length (\d+)\.", r"短于最小长度 \1"),
    _r(r"Length must be between (\d+) and (\d+)\.", r"长度应在 \1 到 \2 之间"),
    _r(r"Must be one of: (.*)\.", r"应为以下之一：\1"),
    _r(r"Must be greater than or equal to (\S+) and less than or equal to (\S+)\.", r"应在 \1 到 \2 之间"),
    _r(r"Must be greater than or equal to (\S+)\.", r"应不小于 \1"),
    _r(r"Must be less than or equal to (\S+)\.", r"应不大于 \1"),
    _r(r"String does not match expected pattern\.", "格式不正确"),
]
ITEM = re.compile(r"^item (\d+): (.*)$", re.S)
CHOICES = re.compile(r"^Must be one of: (.*)\.$", re.S)
#: Columns whose choices are codes of a vocabulary (`cells.CODED`): said by their labels.
FAMILIES = {"status": "status", "category": "category", "education_level": "education_level",
            "gender": "gender", "source": "source", "guidance_step": "guidance_step"}


def translate(message: str, lang: str, code: str | None = None) -> str:
    """`message` in `lang`: as it is in English, translated (when a rule knows it) in Chinese.
    The choices of a coded column (`code`) are given by their labels in Chinese."""
    if language(lang) != "zh":
        return message
    choices = CHOICES.match(message)
    if choices and code in FAMILIES:
        names = [label(FAMILIES[code], c.strip(), "zh") for c in choices.group(1).split(",")]
        return "应为以下之一：" + "、".join(names)
    item = ITEM.match(message)
    if item:
        return f"第 {item.group(1)} 项：{translate(item.group(2), lang)}"
    for pattern, zh in RULES:
        found = pattern.match(message)
        if found:
            return zh(found) if callable(zh) else found.expand(zh)
    return message


def where(line: int, code: str, lang: str) -> str:
    """`line 3, column name` / `第 3 行，姓名`."""
    if language(lang) != "zh":
        return f"line {line}, column {code}"
    return f"第 {line} 行" if code == "*" else f"第 {line} 行，{column(code, 'zh')}"
