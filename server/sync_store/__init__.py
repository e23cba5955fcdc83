"""The sync server: the pure core's storage on SQLAlchemy, the change log and the pull scope.

`changelog` feeds and numbers the log from every flush, `mapping` turns records into rows and
back, `storage` is the core's `Storage`, `scope` answers "whose pull sees what", and `service`
runs push, pull, API resolutions and re-applies in one transaction each.
"""

from __future__ import annotations

from . import changelog, sqlite  # noqa: F401  (install the session and connection hooks)
