"""Questions a graduate asks their helper, and the answers: request and response bodies."""

from __future__ import annotations

from marshmallow import Schema, fields

from .common import PageQuery, UTCDateTime, field_text, page_schema


class QuestionCreate(Schema):
    id = fields.UUID(metadata={"description": "Made by the phone; a new one when left out"})
    person_id = fields.UUID(metadata={"description": "Your own file (the default)"})
    text = field_text("question", "text", min_len=1, required=True)
    asked_at = UTCDateTime(metadata={"description": "When it was typed (default: now)"})


class QuestionAnswer(Schema):
    answer = field_text("question", "answer", min_len=1, required=True)


class QuestionSchema(Schema):
    id = fields.UUID()
    person_id = fields.UUID()
    text = fields.String()
    asked_at = UTCDateTime()
    answer = fields.String(allow_none=True)
    answered_by = fields.UUID(allow_none=True)
    answered_at = UTCDateTime(allow_none=True)
    updated_at = UTCDateTime()


class QuestionQuery(PageQuery):
    person_id = fields.UUID()
    waiting = fields.Boolean(metadata={"description": "Only questions not answered yet (true) "
                                                      "or only answered ones (false)"})


QuestionPage = page_schema(QuestionSchema, "QuestionPage")
