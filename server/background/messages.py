"""What a task says to the person who asked, in zh or en (they are its only reader)."""

from __future__ import annotations

from typing import Any

from ..labels import language

MESSAGES: dict[str, tuple[str, str]] = {
    "queued": ("排队等待中…", "Waiting in the queue…"),
    "reading": ("正在读取文件…", "Reading the file…"),
    "checking": ("正在检查第 {done}/{total} 行", "Checking row {done} of {total}"),
    "writing": ("正在写入第 {done}/{total} 行", "Writing row {done} of {total}"),
    "imported": ("已导入 {rows} 行", "Imported {rows} rows"),
    "rejected": ("{count} 处错误，未导入任何数据", "{count} errors; nothing was imported"),
    "exporting": ("正在生成表格…", "Building the workbook…"),
    "exported": ("表格已生成（{rows} 行）", "The workbook is ready ({rows} rows)"),
    "failed": ("任务失败，请稍后重试或联系管理员", "The task failed; try again later or ask an administrator"),
    "lost": ("任务中断（服务重启），请重新提交", "The task was interrupted (server restart); please start it again"),
    "bad_request": ("参数有误：{reason}", "The request is not valid: {reason}"),
}


def say(key: str, lang: str, **values: Any) -> str:
    """The message `key` in `lang` (zh unless en), with `values` filled in."""
    zh, en = MESSAGES[key]
    return (en if language(lang) == "en" else zh).format(**values)
