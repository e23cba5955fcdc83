"""Long imports and exports as background tasks, with progress a phone can poll.

A request that starts long work writes a `background_job` row (`tasks.start`), answers 202
with it, and the work runs in RQ's worker when a Redis queue is configured (`TASKS_REDIS_URL`
or `REDIS_URL`; `flask worker` runs one) or inline, in the request, when it is not (SQLite,
the demo): the same runner (`runner.run`) either way, so a task behaves the same in both.
What each kind of task does is `kinds.py`; what it says, in the asker's language, is
`messages.py`; where its files live is `files.py`.
"""

from __future__ import annotations

from .runner import Progress
from .tasks import start, visible_task

__all__ = ["Progress", "start", "visible_task"]
