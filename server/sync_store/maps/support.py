"""Sync maps of policy cases, training enrolments and assistance periods (issue 12.5-7).

Values a phone sends are validated with the REST wire schemas (`server/schemas/support.py`)
and written through `server/records/support.py` with the push's actor, so a graduate's
"ask to join" from the phone meets exactly the policy a REST request meets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from ...records import support
from ...schemas.support import AssistancePeriodWire, PolicyCaseWire, TrainingEnrolmentWire
from ..mapping import EntityMap, StoreRejected, _load, as_uuid, domain

if TYPE_CHECKING:
    from ..storage import SqlStorage


class TrackMap(EntityMap):
    """A person on a catalogue row moving along a machine (policy case, enrolment)."""

    track: support.Track

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        needed = ("person_id", self.track.ref)
        missing = {k: ["required"] for k in needed if k not in data}
        if missing:
            raise StoreRejected("invalid_op", f"a {self.entity} needs {' and '.join(needed)}", missing)
        assert self.schema is not None
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return support.open_track(store.actor, self.track, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            support.update(store.actor, self.track, row, loaded, stamp=False)


class PolicyCaseMap(TrackMap):
    entity, model, track = "policy_case", PolicyCase, support.POLICY
    fields = ("person_id", "policy_id", "state", "informed_on", "applied_on", "decided_on",
              "amount", "notes", "by_user_id")
    schema = PolicyCaseWire()


class TrainingEnrolmentMap(TrackMap):
    entity, model, track = "training_enrolment", TrainingEnrolment, support.TRAINING
    fields = ("person_id", "course_id", "state", "referred_on", "enrolled_on", "completed_on",
              "notes", "by_user_id")
    schema = TrainingEnrolmentWire()


class AssistancePeriodMap(EntityMap):
    entity, model = "assistance_period", AssistancePeriod
    fields = ("person_id", "start_on", "end_on", "helper_id", "notes", "by_user_id")
    schema = AssistancePeriodWire()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("person_id", "start_on") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a period needs a person and a start", missing)
        assert self.schema is not None
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return support.open_period(store.actor, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            support.update_period(store.actor, row, loaded, stamp=False)


MAPS: list[EntityMap] = [PolicyCaseMap(), TrainingEnrolmentMap(), AssistancePeriodMap()]
