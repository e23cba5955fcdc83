"""The supervisor's board and the targeted-help list, computed with GROUP BY in the database.

Each module answers one question over the persons a user may see (`filters.ReportScope`):
`counts` (by status, category, committee, helper, and the graduate cohort), `targets` (1-3-1,
3-3-3-3, zero-employment family within a month), `funnel` (recommended → hired) and `struggling`
(applied or interviewed 3+ times in 90 days, not hired), `due` (the due list, by the shared
follow-up rule), `overdue` (follow-ups past due per helper and group), `activity` (contacts and
attempts per helper). `summary.summary()` puts them together; `tables` turns each list into CSV rows.
"""
