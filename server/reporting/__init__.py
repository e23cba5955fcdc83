"""Reporting upwards: a period's figures for the district or a sub-district, and the ledgers.

`period.parse_period` turns "2026-07", "2026-Q3" or a from/to pair into office calendar days;
`figures.period_report(user, period)` counts what the programmes report (placement rate of the
graduates who left school without a job, placed, reached, recommended → interview → hired,
overdue now, targets), one row per sub-district (the district's view) or per committee (a
supervisor's); `ledgers` are the office's standing lists (台账). Rows carry codes; labels are
put on where they are shown (`server.labels`, `sheets.py`).
"""
