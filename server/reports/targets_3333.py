"""3-3-3-3, counted from the real records, within the person's assistance period.

For a graduate from a disadvantaged family the helper holds 3 heart-to-heart talks, revises the
CV 3 times, attends 3 recruitment events with them and recommends 3 suitable vacancies. Each is
counted from the record that proves it, and from the visit that says it was delivered, the
larger of the two (a helper may log both for the same thing, as for recommendations before):

- talks: contacts naming the person with the service `heart_to_heart`;
- CV revisions: the person's `attachment` rows of kind `cv` (each version), or contacts with
  `cv_revision`;
- events: the person's `event_participant` rows in state `attended`, or contacts with
  `recruitment_event`;
- vacancies: the person's recommendations, or contacts with `job_recommendation`.

Contacts are counted as everywhere (`targets.py`): a visit amended by another once, as its
amendment; attempts not at all. Only records whose office day lies within the person's
assistance period count: from the first period's start to the last one's end (open while a
period is open); a person without a period counts everything. The day of a CV version is its
upload (its recording, until it arrives); of an attendance, the check-in (else the event's
start). The phone counts the same way (`pwa/js/domain/targets.js`), both pinned by
`sync/vectors/targets/`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, and_, case, distinct, func, literal, or_, select, true

from sync.vocabulary import CONTACT_OUTCOMES

from ..business_time import business_zone
from ..extensions import db
from ..models import Household, Person, Recommendation, Visit, visit_person
from ..models.attachments import Attachment
from ..models.recruitment_events import Event, EventParticipant
from ..models.support import AssistancePeriod
from .activity import not_replaced
from .filters import ReportScope
from .sql import dialect, greatest, json_elements, json_text

SERVICE_3333 = {"heart_to_heart": 3, "cv_revision": 3, "recruitment_event": 3,
                "job_recommendation": 3}
OPEN_END = date(9999, 12, 31)


def local_date(column: Any) -> Any:
    """The office day of a stored (naive UTC) instant, as a DATE both databases compare."""
    offset = business_zone().utcoffset(datetime.now(UTC).replace(tzinfo=None))
    hours = int(offset.total_seconds() // 3600) if offset else 0
    if dialect() == "postgresql":
        return func.cast(column + func.make_interval(0, 0, 0, 0, hours), Date)
    return func.date(column, f"{hours:+d} hours")


def periods() -> Any:
    """Per person with an assistance period: the span its periods cover."""
    return (select(AssistancePeriod.person_id.label("pid"),
                   func.min(AssistancePeriod.start_on).label("start_on"),
                   func.max(func.coalesce(AssistancePeriod.end_on, literal(OPEN_END, Date)))
                   .label("end_on"))
            .group_by(AssistancePeriod.person_id).subquery("periods"))


def _before(at: Any, until: datetime | None) -> Any:
    """`at` before `until` (no bound without one)."""
    return true() if until is None else at < until


def _within(span: Any, day: Any) -> Any:
    return or_(span.c.start_on.is_(None), and_(day >= span.c.start_on, day <= span.c.end_on))


def _per_person(scope: ReportScope, population: Any, span: Any, source: Any, label: str,
                *conditions: Any, day: Any, join: Any = None) -> Any:
    """Per person of `population`: how many rows of `source` (person_id) fall in the span."""
    query = (select(Person.id.label("pid"), func.count(distinct(source.id)).label(label))
             .select_from(Person).join(Household, Household.id == Person.household_id)
             .join(source, source.person_id == Person.id))
    if join is not None:
        query = query.join(*join)
    return (query.outerjoin(span, span.c.pid == Person.id)
            .where(scope.persons(), population, _within(span, day), *conditions)
            .group_by(Person.id).subquery(f"{label}_rows"))


def counts_3333(scope: ReportScope, population: Any, until: datetime | None = None) -> Any:
    """A subquery: per person of `population`, the four counts (columns named by service);
    with `until`, only what happened before it (a period report as of its end)."""
    span = periods()
    svc = json_elements(Visit.services, "svc", strings=True)
    name = json_text(svc)
    visit_day = local_date(Visit.occurred_at)
    visits = (
        select(Person.id.label("pid"), *[
            func.count(distinct(case((name == s, Visit.id)))).label(s) for s in SERVICE_3333])
        .select_from(Person).join(Household, Household.id == Person.household_id)
        .join(visit_person, visit_person.c.person_id == Person.id)
        .join(Visit, Visit.id == visit_person.c.visit_id).join(svc, true())
        .outerjoin(span, span.c.pid == Person.id)
        .where(scope.persons(), population, not_replaced(),
               or_(Visit.outcome.is_(None), Visit.outcome.in_(CONTACT_OUTCOMES)),
               _within(span, visit_day), _before(Visit.occurred_at, until))
        .group_by(Person.id).subquery("visits")
    )
    recs = _per_person(scope, population, span, Recommendation, "recs",
                       _before(Recommendation.created_at, until),
                       day=local_date(Recommendation.created_at))
    # A CV counts once the server holds it: an announced one never uploaded is no revision.
    cvs = _per_person(scope, population, span, Attachment, "cvs", Attachment.kind == "cv",
                      Attachment.uploaded_at.is_not(None), _before(Attachment.uploaded_at, until),
                      day=local_date(Attachment.uploaded_at))
    attended = _per_person(
        scope, population, span, EventParticipant, "attended", EventParticipant.state == "attended",
        _before(func.coalesce(EventParticipant.checked_in_at, Event.starts_at), until),
        day=local_date(func.coalesce(EventParticipant.checked_in_at, Event.starts_at)),
        join=(Event, Event.id == EventParticipant.event_id))
    records = {"heart_to_heart": None, "cv_revision": cvs.c.cvs,
               "recruitment_event": attended.c.attended, "job_recommendation": recs.c.recs}
    columns = {}
    for service, record in records.items():
        from_visits = func.coalesce(visits.c[service], 0)
        columns[service] = from_visits if record is None else greatest(
            from_visits, func.coalesce(record, 0))
    return (
        select(Person.id.label("pid"), *[c.label(s) for s, c in columns.items()])
        .select_from(Person).join(Household, Household.id == Person.household_id)
        .outerjoin(visits, visits.c.pid == Person.id).outerjoin(recs, recs.c.pid == Person.id)
        .outerjoin(cvs, cvs.c.pid == Person.id).outerjoin(attended, attended.c.pid == Person.id)
        .where(scope.persons(), population).subquery("per_person")
    )


def person_counts(scope: ReportScope, person_id: Any) -> dict[str, int]:
    """One person's four counts (the file's figures, and what the vectors pin)."""
    per_person = counts_3333(scope, Person.id == person_id)
    row = db.session.execute(select(*[per_person.c[s] for s in SERVICE_3333])).first()
    return {s: int(getattr(row, s) or 0) if row else 0 for s in SERVICE_3333}
