"""Sync of questions to the helper: a graduate's phone inserts them, a staff phone sets `answer`.

Both go through `server/records/questions.py` with the batch's actor, so the policy (only the
graduate asks, about their own file; only staff who reach the person answer) and the
attribution (`answered_by`, `answered_at` from the op's stamp) are the REST ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marshmallow import Schema
from marshmallow import fields as mfields

from ...models.questions import Question
from ...records import questions
from ...schemas.common import UTCDateTime, field_text
from ..mapping import EntityMap, StoreRejected, _load, as_uuid, domain

if TYPE_CHECKING:
    from ..storage import SqlStorage

QuestionWire = Schema.from_dict(
    {
        "person_id": mfields.UUID(),
        "text": field_text("question", "text", min_len=1),
        "asked_at": UTCDateTime(),
        "answer": field_text("question", "answer", min_len=1),
    },
    name="QuestionWire",
)


class QuestionMap(EntityMap):
    entity, model = "question", Question
    fields = ("person_id", "text", "asked_at", "answer", "answered_by", "answered_at")
    schema = QuestionWire()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("person_id", "text") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a question needs a person and a text", missing)
        assert self.schema is not None
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return questions.ask(store.actor, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        if set(loaded) - {"answer"}:
            raise StoreRejected("forbidden", "only the answer of a question changes",
                                {k: ["not editable"] for k in sorted(set(loaded) - {"answer"})})
        with domain():
            questions.answer(store.actor, row, loaded["answer"], stamp=False)


MAPS: list[EntityMap] = [QuestionMap()]
