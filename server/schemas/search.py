"""Search over persons' files: the query and the ranked answer (`server/search.py`)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import field_text, text
from .persons import PersonSchema


class SearchQuery(Schema):
    q = text(100, load_default="", metadata={
        "description": "Name (汉字, pinyin with or without tones, initials, English), 4+ digits "
                       "of a phone, or an identity number (all of it or its last 4-6)"})
    group = field_text("person", "group_name", min_len=1, metadata={
        "description": "Only persons of this group (group_name); alone, lists the group"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class SearchHit(Schema):
    rank = fields.String(metadata={"description": "exact, prefix or substring"})
    person = fields.Nested(PersonSchema)


class SearchResult(Schema):
    items = fields.List(fields.Nested(SearchHit))
    total = fields.Integer(metadata={"description": "Matches in scope (items holds at most limit)"})
