"""Writes the outbox vectors: ``sync/vectors/80_*.json`` .. ``89_*.json`` and ``sync/vectors/floor/``.

Not a test. Run ``PYTHONPATH=. .venv/bin/python tests/sync/build_vectors_outbox.py`` after a
deliberate change to sync/PROTOCOL.md 6.1, then read the diff by hand.

The numbered vectors are ordinary engine vectors (same schema and runners as
``tests/sync/build_vectors.py``): they pin what the phone's outbox scheme relies on, namely
that every op behind a gap gets its own definitive result, and that ops re-sent after the
server forgot them (a restore, lost commits) are idempotent and converge in any order.
``floor/floor.json`` holds the cases of the envelope's ``floor`` rule (``sync/outbox_floor.py``
and ``pwa/js/sync/floor.js`` both run it), which the engine vectors cannot express yet: their
runners push each op in an envelope of its own without a floor.

This builder owns only those files; ``build_vectors.py`` owns 01..79.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sync.conformance import orders, run_order
from sync.outbox_floor import floor_of, raise_floor
from tests.sync.build_vectors import BASE_STATE, HH, OUT, A, B, Ops, P, U, ok, status

FIRST = 80
FLOOR_OUT = OUT / "floor"
VECTORS: list[dict[str, Any]] = []
#: The stamp of the starting state's values.
ORIGIN = BASE_STATE["records"]["person"][P]["stamps"]["phone"]


Check = Callable[[dict[str, Any]], None]


def both(*checks: Check) -> Check:
    """An intent check made of several."""

    def check(out: dict[str, Any]) -> None:
        for c in checks:
            c(out)

    return check


def vector(name: str, description: str, ops: list[dict[str, Any]], *,
           order_list: list[list[int]] | None = None, check: Check | None = None) -> None:
    v: dict[str, Any] = {"name": name, "description": description, "now": 1_763_700_000_000,
                         "state": BASE_STATE, "ops": ops}
    if order_list:
        v["orders"] = order_list
    v["_check"] = check
    VECTORS.append(v)


def define() -> None:
    o = Ops()
    s1 = o.op(A, 0, "person", P, "set", {"name": "n1"})
    o.op(A, 1, "person", P, "set", {"name": "never sent"})  # seq 2: parked on the phone
    s3 = o.op(A, 2, "note", U("note-3"), "insert",
              {"person_id": P, "household_id": HH, "visit_id": None, "text": "3", "corrects_note_id": None})
    s4 = o.op(A, 3, "person", P, "set", {"phone": "444"}, base={"phone": ORIGIN})
    vector(
        "outbox_gap_answers_every_op_behind_it",
        "Seq 2 never arrives: acked_seq stays 1, but seqs 3 and 4 each get a definitive result, "
        "so the phone settles them on their own result and goes on.",
        [s1, s3, s4],
        check=both(status("applied", "applied", "applied"), lambda out: ok(out["acked_seq"] == {A: 1})),
    )

    o = Ops()
    a1 = o.op(A, 0, "person", P, "set", {"phone": "222"}, base={"phone": ORIGIN})
    a2 = o.op(A, 1, "note", U("note-a2"), "insert",
              {"person_id": P, "household_id": HH, "visit_id": None, "text": "kept", "corrects_note_id": None})
    vector(
        "outbox_resent_after_a_lost_answer_is_duplicate",
        "The phone re-sends ops it kept because acked_seq went backwards, but the server had "
        "them: each answers duplicate of its first result and nothing changes.",
        [a1, a2, a1, a2],
        check=both(status("applied", "applied", "duplicate", "duplicate"),
                   lambda out: ok(out["acked_seq"] == {A: 2})),
    )

    o = Ops()
    mine = o.op(A, 0, "person", P, "set", {"phone": "222"}, base={"phone": ORIGIN})
    theirs = o.op(B, 60_000, "person", P, "set", {"phone": "333"}, base={"phone": mine["hlc"]})
    vector(
        "outbox_resent_after_restore_converges_in_any_order",
        "A restore lost two chained phone edits; both phones re-send the op they kept, in "
        "either order: the later edit wins and, chained, no conflict opens.",
        [mine, theirs],
        order_list=[[1, 0]],
        check=lambda out: ok(out["state"]["person"][P]["data"]["phone"] == "333" and not out["conflicts"]),
    )

    o = Ops()
    t1 = o.op(A, 0, "person", P, "transition", {"field": "status", "from": "seeking", "to": "internship"})
    t2 = o.op(B, 60_000, "person", P, "transition", {"field": "status", "from": "internship", "to": "employed"})
    vector(
        "outbox_resent_transitions_after_restore_keep_one_event_each",
        "Re-sent status changes after a restore, in either order: the same status and one "
        "status event per transition, none superseded.",
        [t1, t2],
        order_list=[[1, 0]],
        check=lambda out: ok(out["state"]["person"][P]["data"]["status"] == "employed"
                             and len(out["status_events"]) == 2
                             and not any(e["superseded"] for e in out["status_events"])),
    )

    o = Ops()
    e1 = o.op(A, 0, "person", P, "set", {"name": "n1"})
    o.op(A, 1, "note", U("note-bad"), "insert", {"text": "parked"})  # seq 2: parked, then edited
    e3 = o.op(A, 120_000, "note", U("note-bad"), "insert",
              {"person_id": P, "household_id": HH, "visit_id": None, "text": "corrected", "corrects_note_id": None})
    vector(
        "outbox_edited_parked_op_is_a_new_op",
        "A parked op the helper corrected goes as a new op (new op_id, seq 3, same entity id): it "
        "applies, and without a floor acked_seq stays below the abandoned seq 2.",
        [e1, e3],
        check=both(status("applied", "applied"), lambda out: ok(out["acked_seq"] == {A: 1})),
    )


#: (name, acked before, answered above it, envelope, expected acked, expected answered above).
FLOOR_CASES: list[tuple[str, int, list[int], dict[str, Any], int, list[int]]] = [
    ("no_floor_waits_for_the_gap", 1, [3, 4], {}, 1, [3, 4]),
    ("floor_jumps_an_abandoned_seq", 1, [3, 4], {"floor": 3}, 4, []),
    ("floor_at_the_next_seq_after_everything", 4, [], {"floor": 9}, 8, []),
    ("floor_never_lowers_acked", 7, [9], {"floor": 2}, 7, [9]),
    ("floor_stops_at_the_next_gap_above_it", 1, [3, 4, 6], {"floor": 3}, 4, [6]),
    ("floor_not_an_integer_is_ignored", 1, [3], {"floor": "3"}, 1, [3]),
    ("floor_true_is_ignored", 1, [3], {"floor": True}, 1, [3]),
    ("floor_zero_is_ignored", 1, [3], {"floor": 0}, 1, [3]),
    ("floor_above_seq_max_is_ignored", 1, [3], {"floor": 2**31}, 1, [3]),
    ("floor_float_is_ignored", 1, [3], {"floor": 3.5}, 1, [3]),
]
SEQ_MAX = 2_147_483_647


def build_floor() -> None:
    FLOOR_OUT.mkdir(exist_ok=True)
    cases = []
    for name, acked, answered, envelope, want_acked, want_answered in FLOOR_CASES:
        got_acked, got_answered = raise_floor(acked, set(answered), floor_of(envelope, SEQ_MAX))
        assert (got_acked, sorted(got_answered)) == (want_acked, want_answered), name
        cases.append({"name": name, "acked": acked, "answered": answered, "envelope": envelope,
                      "expect": {"acked": want_acked, "answered": want_answered}})
    doc = {"description": "The push envelope's floor (sync/PROTOCOL.md 6.1): the "
                          "device's acked seq and answered seqs above it, before and after.",
           "seq_max": SEQ_MAX, "cases": cases}
    (FLOOR_OUT / "floor.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")


def build() -> None:
    define()
    for old in OUT.glob("[8][0-9]_*.json"):
        old.unlink()
    for number, v in enumerate(VECTORS, start=FIRST):
        assert number <= 89, "the outbox vectors own 80..89"
        check = v.pop("_check")
        outs = [run_order(v, order) for order in orders(v)]
        for other in outs[1:]:
            for key in ("state", "conflicts", "status_events"):
                assert other[key] == outs[0][key], (v["name"], key)
        if check is not None:
            try:
                check(outs[0])
            except AssertionError as exc:
                raise SystemExit(f"{v['name']}: intent check failed: {exc!r}") from exc
        v["expect"] = {k: outs[0][k] for k in
                       ("results", "state", "conflicts", "status_events", "acked_seq", "quarantine")}
        path = OUT / f"{number:02d}_{v['name']}.json"
        path.write_text(json.dumps(v, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    build_floor()
    print(f"wrote {len(VECTORS)} outbox vectors and {len(FLOOR_CASES)} floor cases to {OUT}")


if __name__ == "__main__":
    build()
