"""Period reports and labelled exports: what they take and what they answer."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .reports import CsvQuery


class PeriodQuery(Schema):
    period = fields.String(validate=validate.Length(max=24), metadata={
        "description": "A month (2026-07), a quarter (2026-Q3) or a year (2026); default: this quarter"})
    from_ = fields.Date(data_key="from", metadata={"description": "First day of a custom period"})
    to = fields.Date(metadata={"description": "Last day of a custom period"})
    cohort = fields.Integer(validate=validate.Range(min=1990, max=2199), metadata={
        "description": "Graduation year of the cohort (default: the last summer's at the period's end)"})
    lang = fields.String(load_default="zh", validate=validate.OneOf(("zh", "en")),
                         metadata={"description": "Language of the .xlsx labels"})


class ExportQuery(CsvQuery, PeriodQuery):
    pass


class PeriodInfo(Schema):
    name = fields.String()
    from_ = fields.Date(data_key="from", attribute="from")
    to = fields.Date()


class PeriodRow(Schema):
    group_id = fields.UUID(allow_none=True, metadata={"description": "Sub-district or committee; null for the total"})
    name = fields.String()
    persons = fields.Integer()
    cohort = fields.Integer(metadata={"description": "Graduates of the cohort year, graduated by the period's end"})
    left_without_job = fields.Integer(metadata={"description": "Of the cohort: seeking or unemployed at the end of graduation day"})
    placed_of_those = fields.Integer(metadata={"description": "Of those: employed at the period's end"})
    placement_rate = fields.Float(allow_none=True, metadata={"description": "placed_of_those / left_without_job"})
    placed_in_period = fields.Integer(metadata={"description": "Persons with a status event to employed in the period"})
    reached = fields.Integer(metadata={"description": "Persons a contact in the period named"})
    recommended = fields.Integer()
    interview = fields.Integer()
    hired = fields.Integer()
    overdue_now = fields.Integer()
    target_131_met = fields.Integer()
    target_131_population = fields.Integer()
    target_3333_met = fields.Integer()
    target_3333_population = fields.Integer()
    zero_employment_placed = fields.Integer()
    zero_employment_households = fields.Integer()


class PeriodReport(Schema):
    period = fields.Nested(PeriodInfo)
    level = fields.String(metadata={"description": "subdistrict (the district's view) or committee"})
    cohort_year = fields.Integer()
    today = fields.Date()
    scope_name = fields.String()
    rows = fields.List(fields.Nested(PeriodRow))
    total = fields.Nested(PeriodRow)
