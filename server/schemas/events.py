"""Recruitment events, their participants, candidates for a vacancy or an event, the board."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from sync.vocabulary import VOCABULARY

from .common import UTCDateTime, one_of, text
from .jobs import JobSchema
from .matching import MatchSchema

EVENT_KINDS: tuple[str, ...] = tuple(VOCABULARY["event_kinds"])
PARTICIPATION_STATES: tuple[str, ...] = tuple(VOCABULARY["participation_states"])

_IDS = fields.List(fields.UUID(), validate=validate.Length(max=100))

_EVENT_FIELDS: dict[str, fields.Field[Any]] = dict(
    kind=fields.String(validate=one_of(EVENT_KINDS)),
    title=fields.String(validate=validate.Length(min=1, max=160)),
    starts_at=UTCDateTime(),
    ends_at=UTCDateTime(allow_none=True),
    place=text(160, allow_none=True),
    channel=text(160, allow_none=True),
    area_id=fields.UUID(allow_none=True),
    employer_ids=_IDS,
    job_ids=_IDS,
    capacity=fields.Integer(allow_none=True, validate=validate.Range(min=1, max=1_000_000)),
    description=text(10000, allow_none=True),
    cancelled=fields.Boolean(),
)
#: Organisers' counts for people not on file; REST only (phones never write them).
_REPORTED: dict[str, fields.Field[Any]] = {
    name: fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000))
    for name in ("reported_attendance", "reported_interviews", "reported_hires")
}

#: What a device may write (the sync map validates ops with it).
EventWire = Schema.from_dict(dict(_EVENT_FIELDS), name="EventWire")
EventUpdate = Schema.from_dict({**_EVENT_FIELDS, **_REPORTED}, name="EventUpdate")


class EventCreate(EventUpdate):  # type: ignore[misc,valid-type]
    id = fields.UUID()
    kind = fields.String(required=True, validate=one_of(EVENT_KINDS))
    title = fields.String(required=True, validate=validate.Length(min=1, max=160))
    starts_at = UTCDateTime(required=True)


class ParticipantCounts(Schema):
    invited = fields.Integer()
    signed_up = fields.Integer()
    attended = fields.Integer()
    declined = fields.Integer()
    no_show = fields.Integer()


class EventSchema(Schema):
    id = fields.UUID()
    kind = fields.String()
    title = fields.String()
    starts_at = UTCDateTime()
    ends_at = UTCDateTime(allow_none=True)
    place = fields.String(allow_none=True)
    channel = fields.String(allow_none=True)
    area_id = fields.UUID(allow_none=True)
    employer_ids = fields.List(fields.String())
    job_ids = fields.List(fields.String())
    capacity = fields.Integer(allow_none=True)
    description = fields.String(allow_none=True)
    cancelled = fields.Boolean()
    reported_attendance = fields.Integer(allow_none=True)
    reported_interviews = fields.Integer(allow_none=True)
    reported_hires = fields.Integer(allow_none=True)
    created_at = UTCDateTime()


class EventDetail(EventSchema):
    jobs = fields.List(fields.Nested(JobSchema))
    counts = fields.Nested(ParticipantCounts)
    #: The caller's own participant row (a graduate), if any.
    mine = fields.Dict(allow_none=True)


class EventQuery(Schema):
    upcoming = fields.Boolean(load_default=False,
                              metadata={"description": "Only events not over yet"})
    kind = fields.String(validate=one_of(EVENT_KINDS))


class EventList(Schema):
    items = fields.List(fields.Nested(EventSchema))


class ParticipantCreate(Schema):
    id = fields.UUID()
    person_id = fields.UUID(required=True)
    state = fields.String(load_default="invited", validate=one_of(("invited", "signed_up")))


class ParticipantUpdate(Schema):
    state = fields.String(required=True, validate=one_of(PARTICIPATION_STATES))
    check_in_via = fields.String(validate=one_of(("list", "qr")))
    expected_from = fields.String(validate=one_of(PARTICIPATION_STATES))


class ParticipantSchema(Schema):
    id = fields.UUID()
    event_id = fields.UUID()
    person_id = fields.UUID()
    person_name = fields.String(attribute="person_name", allow_none=True)
    state = fields.String()
    check_in_via = fields.String(allow_none=True)
    checked_in_at = UTCDateTime(allow_none=True)
    invited_by = fields.UUID(allow_none=True)


class ParticipantList(Schema):
    items = fields.List(fields.Nested(ParticipantSchema))


class CheckIn(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class PassSchema(Schema):
    participant_id = fields.UUID()
    token = fields.String(metadata={"description": "Show it as a QR code at the door"})


class CandidateQuery(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class CandidatePerson(Schema):
    id = fields.UUID()
    name = fields.String()
    status = fields.String()
    category = fields.String()
    major = fields.String(allow_none=True)
    household_id = fields.UUID()


class Candidate(Schema):
    person = fields.Nested(CandidatePerson)
    job_id = fields.UUID(metadata={"description": "The vacancy the match is for"})
    match = fields.Nested(MatchSchema)


class CandidateList(Schema):
    scored = fields.Integer(metadata={"description": "Persons looking for work in your scope"})
    took_ms = fields.Float()
    items = fields.List(fields.Nested(Candidate))


class EventReportQuery(Schema):
    period = fields.String(load_default=None, validate=validate.Length(max=40))
    committee_id = fields.UUID()


class EventFigures(Schema):
    id = fields.UUID(allow_none=True)
    title = fields.String()
    kind = fields.String(allow_none=True)
    starts_at = UTCDateTime(allow_none=True)
    events = fields.Integer()
    invited = fields.Integer()
    attended = fields.Integer()
    interviews = fields.Integer()
    hires = fields.Integer()
    reported_attendance = fields.Integer()
    reported_interviews = fields.Integer()
    reported_hires = fields.Integer()


class EventReport(Schema):
    period = fields.Dict()
    totals = fields.Nested(EventFigures)
    by_kind = fields.List(fields.Nested(EventFigures))
    events = fields.List(fields.Nested(EventFigures))
