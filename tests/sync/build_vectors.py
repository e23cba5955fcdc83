"""Writes ``sync/vectors/*.json``: the inputs below, expectations computed by the Python core.

Not a test. Run ``PYTHONPATH=. .venv/bin/python tests/sync/build_vectors.py`` after a deliberate protocol
change, then review the diff of every vector by hand: the expectations are the contract, and
the JavaScript port must reproduce them independently. ``checks`` pin the intent of a vector
so a regenerated expectation that contradicts it fails loudly.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sync.conformance import orders, run_order

OUT = Path(__file__).resolve().parents[2] / "sync" / "vectors"
NOW = 1_763_700_000_000
HOUR = 3_600_000
A, B, C, SUP = "device-a", "device-b", "device-c", "device-sup"


def U(name: str) -> str:
    """A readable-to-reproduce UUID."""
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, f"{name}.doorstep.test"))


def T(offset_ms: int, counter: int = 0, node: str = A) -> str:
    """A stamp ``offset_ms`` from NOW."""
    return f"{NOW + offset_ms:015d}:{counter:05d}:{node}"


HH, HH2, P, P2, REC = U("household-1"), U("household-2"), U("person-1"), U("person-2"), U("rec-1")


class Ops:
    """Makes ops with per-device seqs."""

    def __init__(self) -> None:
        self.seq: dict[str, int] = {}
        self.n = 0

    def op(
        self,
        client: str,
        stamp_ms: int,
        entity: str,
        entity_id: str,
        kind: str,
        data: dict[str, Any],
        base: dict[str, Any] | None = None,
        counter: int = 0,
        seq: int | None = None,
    ) -> dict[str, Any]:
        self.n += 1
        self.seq[client] = seq if seq is not None else self.seq.get(client, 0) + 1
        op = {
            "op_id": U(f"op-{self.n}-{client}-{entity}-{stamp_ms}-{kind}"),
            "client_id": client,
            "seq": self.seq[client],
            "hlc": T(stamp_ms, counter, client),
            "entity": entity,
            "entity_id": entity_id,
            "kind": kind,
            "data": data,
        }
        if base is not None:
            op["base"] = base
        return op


def rec(data: dict[str, Any], stamp: str) -> dict[str, Any]:
    return {"data": data, "stamps": {k: stamp for k in data}}


S0 = T(-HOUR, 0, "server")
BASE_STATE = {
    "records": {
        "household": {
            HH: rec(
                {"committee_id": U("committee-1"), "address": "1 Elm Rd", "zero_employment": False},
                S0,
            )
        },
        "person": {
            P: rec(
                {
                    "household_id": HH,
                    "name": "Li Wei",
                    "phone": "111",
                    "status": "seeking",
                    "category": "graduate_active_search",
                },
                S0,
            )
        },
        "recommendation": {REC: rec({"person_id": P, "job_id": U("job-1"), "state": "viewed"}, S0)},
    }
}
VECTORS: list[dict[str, Any]] = []


def vector(
    name: str,
    description: str,
    ops: list[dict[str, Any]],
    *,
    state: dict[str, Any] | None = None,
    all_orders: bool = False,
    order_list: list[list[int]] | None = None,
    protocol: int = 2,
    check: Callable[[dict[str, Any]], Any] | None = None,
) -> None:
    v: dict[str, Any] = {"name": name, "description": description, "now": NOW}
    if protocol != 2:
        v["protocol"] = protocol
    v["state"] = BASE_STATE if state is None else state
    v["ops"] = ops
    if all_orders:
        v["orders"] = [list(p) for p in itertools.permutations(range(len(ops)))]
    elif order_list:
        v["orders"] = order_list
    VECTORS.append(v)
    v["_check"] = check


def ok(flag: object) -> None:
    """An intent check: the generated expectation must say what the vector claims."""
    assert flag


def status(*expected: str) -> Callable[[dict[str, Any]], None]:
    def check(out: dict[str, Any]) -> None:
        got = tuple(r.get("status") or r.get("error") for r in out["results"])
        assert got == expected, got

    return check


def codes(*expected: str) -> Callable[[dict[str, Any]], None]:
    def check(out: dict[str, Any]) -> None:
        got = tuple(r.get("code", r.get("status")) for r in out["results"])
        assert got == expected, got

    return check


def define() -> None:
    # ---- lww -----------------------------------------------------------------------------
    o = Ops()
    vector(
        "lww_insert_household_and_person",
        "A device creates a household and a member.",
        [
            o.op(
                A,
                0,
                "household",
                HH2,
                "insert",
                {"committee_id": U("committee-1"), "address": "9 Oak St"},
            ),
            o.op(
                A,
                1,
                "person",
                P2,
                "insert",
                {"household_id": HH2, "name": "Zhang Min", "status": "studying"},
            ),
        ],
        check=status("applied", "applied"),
    )
    o = Ops()
    vector(
        "lww_newer_stamp_wins",
        "A set newer than the stored stamp replaces the value.",
        [o.op(A, 0, "person", P, "set", {"name": "Li Wei-Min"})],
        check=status("applied"),
    )
    o = Ops()
    vector(
        "lww_older_stamp_loses",
        "A set older than the stored stamp is accepted, not current.",
        [o.op(A, -2 * HOUR, "person", P, "set", {"name": "Old Name"})],
        check=lambda out: ok(out["state"]["person"][P]["data"]["name"] == "Li Wei"),
    )
    o = Ops()
    vector(
        "lww_two_devices_converge",
        "Two devices set the same lww field; higher stamp wins in both arrival orders.",
        [
            o.op(A, 1000, "person", P, "set", {"category": "employment_difficulty"}),
            o.op(B, 500, "person", P, "set", {"category": "unemployed_seeking"}),
        ],
        all_orders=True,
        check=lambda out: ok(
            out["state"]["person"][P]["data"]["category"] == "employment_difficulty"
        ),
    )
    o = Ops()
    vector(
        "lww_tie_same_wall_counter_decides",
        "Same wall ms: the higher counter wins.",
        [
            o.op(A, 1000, "person", P, "set", {"name": "A"}, counter=1),
            o.op(B, 1000, "person", P, "set", {"name": "B"}, counter=0),
        ],
        all_orders=True,
        check=lambda out: ok(out["state"]["person"][P]["data"]["name"] == "A"),
    )
    o = Ops()
    vector(
        "lww_tie_same_wall_and_counter_node_decides",
        "Same wall and counter: the node string decides (device-b > device-a).",
        [
            o.op(A, 1000, "person", P, "set", {"name": "A"}),
            o.op(B, 1000, "person", P, "set", {"name": "B"}),
        ],
        all_orders=True,
        check=lambda out: ok(out["state"]["person"][P]["data"]["name"] == "B"),
    )
    o = Ops()
    vector(
        "lww_several_fields_one_op",
        "One set carries several lww fields.",
        [
            o.op(
                A,
                0,
                "person",
                P,
                "set",
                {"school": "Polytechnic", "major": "Nursing", "skills": ["first aid", "Excel"]},
            )
        ],
        check=status("applied"),
    )
    o = Ops()
    vector(
        "lww_list_and_object_values",
        "Lists and objects are values like any other.",
        [
            o.op(
                A,
                0,
                "recommendation",
                REC,
                "set",
                {"reasons": ["major fits"], "match": {"score": 0.8}},
            )
        ],
        check=status("applied"),
    )

    # ---- lww_review ----------------------------------------------------------------------
    o = Ops()
    vector(
        "review_sequential_edit_no_conflict",
        "The base is the current stamp: no conflict.",
        [o.op(A, 0, "person", P, "set", {"phone": "222"}, base={"phone": S0})],
        check=lambda out: ok(not out["conflicts"]),
    )
    o = Ops()
    vector(
        "review_concurrent_edit_opens_conflict",
        "Two devices change the phone from the "
        "same base: the newer value wins and one conflict keeps both.",
        [
            o.op(A, 1000, "person", P, "set", {"phone": "222"}, base={"phone": S0}),
            o.op(B, 2000, "person", P, "set", {"phone": "333"}, base={"phone": S0}),
        ],
        all_orders=True,
        check=lambda out: ok(len(out["conflicts"]) == 1),
    )
    o = Ops()
    vector(
        "review_concurrent_same_value_merges",
        "Two devices type the same new phone: merged.",
        [
            o.op(A, 1000, "person", P, "set", {"phone": "222"}, base={"phone": S0}),
            o.op(B, 2000, "person", P, "set", {"phone": "222"}, base={"phone": S0}),
        ],
        all_orders=True,
        check=lambda out: ok(not out["conflicts"]),
    )
    o = Ops()
    vector(
        "review_three_devices_one_conflict",
        "Three concurrent addresses: one conflict with three candidates, in every arrival order.",
        [
            o.op(A, 1000, "household", HH, "set", {"address": "2 Elm Rd"}, base={"address": S0}),
            o.op(B, 2000, "household", HH, "set", {"address": "3 Elm Rd"}, base={"address": S0}),
            o.op(C, 3000, "household", HH, "set", {"address": "4 Elm Rd"}, base={"address": S0}),
        ],
        all_orders=True,
        check=lambda out: ok(len(out["conflicts"][0]["candidates"]) == 3),
    )
    o = Ops()
    vector(
        "review_edit_after_seen_write_joins_by_replay",
        "D saw A's value; B was concurrent "
        "with both. The replay in stamp order decides the candidates, whatever the order.",
        [
            o.op(A, 1000, "person", P, "set", {"email": "a@x.cn"}, base={}),
            o.op(B, 2000, "person", P, "set", {"email": "b@x.cn"}, base={}),
            o.op(C, 3000, "person", P, "set", {"email": "c@x.cn"}, base={"email": T(1000, 0, A)}),
        ],
        all_orders=True,
    )
    o = Ops()
    vector(
        "review_protocol_v1_other_node_conflicts",
        "Protocol 1 has no base: a write over another node's value counts as concurrent.",
        [
            o.op(A, 1000, "person", P, "set", {"wechat": "liwei_a"}),
            o.op(B, 2000, "person", P, "set", {"wechat": "liwei_b"}),
        ],
        protocol=1,
        check=status("applied", "conflict"),
    )
    o = Ops()
    vector(
        "review_protocol_v1_same_node_no_conflict",
        "Protocol 1: a device overwriting its own value is never a conflict.",
        [
            o.op(A, 1000, "person", P, "set", {"wechat": "w1"}),
            o.op(A, 2000, "person", P, "set", {"wechat": "w2"}),
        ],
        protocol=1,
        state={"records": {"person": {P: rec({"household_id": HH}, S0)}}},
        check=status("applied", "applied"),
    )
    o = Ops()
    vector(
        "review_missing_base_entry_is_null",
        "A v2 base without the field means the device "
        "saw no value; over an existing value that is concurrent.",
        [o.op(A, 1000, "person", P, "set", {"phone": "999"}, base={})],
        check=status("conflict"),
    )
    o = Ops()
    vector(
        "review_first_value_of_unset_field",
        "Setting a reviewed field never set before.",
        [
            o.op(
                A,
                1000,
                "person",
                P,
                "set",
                {"intention_industry": "logistics"},
                base={"intention_industry": None},
            )
        ],
        check=status("applied"),
    )
    o = Ops()
    vector(
        "review_and_lww_in_one_op",
        "One op: the lww field applies, the reviewed field "
        "conflicts; the result reports the conflict.",
        [
            o.op(
                A, 1000, "person", P, "set", {"phone": "222", "name": "Li W."}, base={"phone": S0}
            ),
            o.op(
                B,
                2000,
                "person",
                P,
                "set",
                {"phone": "333", "name": "Li Wei B"},
                base={"phone": S0},
            ),
        ],
        all_orders=True,
    )

    # ---- append_only ---------------------------------------------------------------------
    V, N = U("visit-1"), U("note-1")
    visit = {
        "household_id": HH,
        "person_ids": [P],
        "channel": "home_visit",
        "occurred_at": NOW - 5000,
        "notes": "Discussed CV",
        "services": ["cv_revision"],
    }
    o = Ops()
    vector(
        "append_visit_insert",
        "A visit is inserted once with device attribution.",
        [o.op(A, 0, "visit", V, "insert", visit)],
        check=status("applied"),
    )
    o = Ops()
    note = {"person_id": P, "household_id": HH, "text": "Prefers morning calls"}
    vector(
        "append_reinsert_identical_is_duplicate",
        "The same note id and data under a new "
        "op id (a reinstalled outbox) is a duplicate, kept once.",
        [o.op(A, 0, "note", N, "insert", note), o.op(A, 10, "note", N, "insert", note)],
        check=status("applied", "duplicate"),
    )
    o = Ops()
    vector(
        "append_reinsert_different_data_id_exists",
        "Same note id, other text: rejected id_exists and quarantined; the first text is kept.",
        [
            o.op(A, 0, "note", N, "insert", note),
            o.op(B, 10, "note", N, "insert", {**note, "text": "Other"}),
        ],
        check=codes("applied", "id_exists"),
    )
    o = Ops()
    vector(
        "append_set_is_invalid",
        "Append-only entities accept only insert.",
        [
            o.op(A, 0, "visit", V, "insert", visit),
            o.op(A, 10, "visit", V, "set", {"notes": "edited"}),
        ],
        check=codes("applied", "invalid_op"),
    )
    o = Ops()
    vector(
        "append_server_only_field_rejected",
        "A device cannot write a visit's review state.",
        [o.op(A, 0, "visit", V, "insert", {**visit, "review_state": "approved"})],
        check=codes("server_only_field"),
    )
    o = Ops()
    vector(
        "append_correction_is_a_new_note",
        "A correction is an addendum referencing the note it corrects; both exist.",
        [
            o.op(A, 0, "note", N, "insert", note),
            o.op(
                A,
                10,
                "note",
                U("note-2"),
                "insert",
                {**note, "text": "Prefers evening calls", "corrects_note_id": N},
            ),
        ],
        check=status("applied", "applied"),
    )

    # ---- state machines ------------------------------------------------------------------
    def tr(field: str, src: str, dst: str) -> dict[str, Any]:
        return {"field": field, "from": src, "to": dst}

    o = Ops()
    vector(
        "status_transition_applies_with_event",
        "A transition from the current status applies and records a status event.",
        [o.op(A, 0, "person", P, "transition", tr("status", "seeking", "employed"))],
        check=lambda out: ok(len(out["status_events"]) == 1),
    )
    o = Ops()
    vector(
        "status_concurrent_transitions_conflict",
        "Two helpers move the status from the "
        "same value: the greater stamp decides, one conflict, one superseded event.",
        [
            o.op(A, 1000, "person", P, "transition", tr("status", "seeking", "internship")),
            o.op(B, 2000, "person", P, "transition", tr("status", "seeking", "employed")),
        ],
        all_orders=True,
        check=lambda out: ok(
            out["state"]["person"][P]["data"]["status"] == "employed" and len(out["conflicts"]) == 1
        ),
    )
    o = Ops()
    vector(
        "status_identical_concurrent_merges",
        "Two helpers record the same move: merged silently, no conflict.",
        [
            o.op(A, 1000, "person", P, "transition", tr("status", "seeking", "employed")),
            o.op(B, 2000, "person", P, "transition", tr("status", "seeking", "employed")),
        ],
        all_orders=True,
        check=lambda out: ok(not out["conflicts"]),
    )
    o = Ops()
    vector(
        "status_three_way_with_identical",
        "A and C make the same move, B another: the replay decides, the same in all six orders.",
        [
            o.op(A, 1000, "person", P, "transition", tr("status", "seeking", "employed")),
            o.op(B, 2000, "person", P, "transition", tr("status", "seeking", "internship")),
            o.op(C, 3000, "person", P, "transition", tr("status", "seeking", "employed")),
        ],
        all_orders=True,
    )
    o = Ops()
    vector(
        "status_chain_after_concurrent",
        "B's device saw A's employed and moved on; C was "
        "concurrent with A. Same result in every order.",
        [
            o.op(A, 1000, "person", P, "transition", tr("status", "seeking", "employed")),
            o.op(B, 3000, "person", P, "transition", tr("status", "employed", "further_study")),
            o.op(C, 2000, "person", P, "transition", tr("status", "seeking", "internship")),
        ],
        all_orders=True,
    )
    o = Ops()
    vector(
        "status_stale_from_older_stamp_loses",
        "A transition whose from no longer holds "
        "and whose stamp is older: conflict, and the current value stays.",
        [o.op(A, -2 * HOUR, "person", P, "transition", tr("status", "studying", "seeking"))],
        state={"records": {"person": {P: rec({"household_id": HH, "status": "employed"}, S0)}}},
        check=status("conflict"),
    )
    o = Ops()
    vector(
        "status_same_to_same_is_illegal",
        "seeking → seeking is not a transition.",
        [o.op(A, 0, "person", P, "transition", tr("status", "seeking", "seeking"))],
        check=codes("illegal_transition"),
    )
    o = Ops()
    vector(
        "status_unknown_value_is_illegal",
        "An unknown status is illegal.",
        [o.op(A, 0, "person", P, "transition", tr("status", "seeking", "retired"))],
        check=codes("illegal_transition"),
    )
    o = Ops()
    vector(
        "status_set_is_invalid",
        "A state machine field cannot be set.",
        [o.op(A, 0, "person", P, "set", {"status": "employed"})],
        check=codes("invalid_op"),
    )
    o = Ops()
    vector(
        "status_insert_records_initial_event",
        "A new person's initial status is an event from null.",
        [
            o.op(
                A,
                0,
                "person",
                P2,
                "insert",
                {"household_id": HH, "name": "Wang Fang", "status": "seeking"},
            )
        ],
        check=lambda out: ok(out["status_events"][0]["from_status"] is None),
    )
    o = Ops()
    vector(
        "recommendation_full_legal_chain",
        "viewed → interested → applied → interview → "
        "hired, one device, each from the previous value.",
        [
            o.op(A, 1000, "recommendation", REC, "transition", tr("state", "viewed", "interested")),
            o.op(
                A, 2000, "recommendation", REC, "transition", tr("state", "interested", "applied")
            ),
            o.op(A, 3000, "recommendation", REC, "transition", tr("state", "applied", "interview")),
            o.op(A, 4000, "recommendation", REC, "transition", tr("state", "interview", "hired")),
        ],
        check=status("applied", "applied", "applied", "applied"),
    )
    o = Ops()
    vector(
        "recommendation_illegal_skip",
        "viewed → hired skips the table: illegal.",
        [o.op(A, 0, "recommendation", REC, "transition", tr("state", "viewed", "hired"))],
        check=codes("illegal_transition"),
    )
    o = Ops()
    vector(
        "recommendation_terminal_state",
        "hired is terminal.",
        [o.op(A, 0, "recommendation", REC, "transition", tr("state", "hired", "interview"))],
        check=codes("illegal_transition"),
    )
    o = Ops()
    vector(
        "recommendation_insert_must_start_recommended",
        "An insert starting in 'applied' is invalid.",
        [
            o.op(
                A,
                0,
                "recommendation",
                U("rec-2"),
                "insert",
                {"person_id": P, "job_id": U("job-2"), "state": "applied"},
            )
        ],
        check=codes("invalid_op"),
    )
    o = Ops()
    vector(
        "recommendation_concurrent_answers",
        "The graduate declines while the helper marks interest: one conflict, same in both orders.",
        [
            o.op(A, 1000, "recommendation", REC, "transition", tr("state", "viewed", "interested")),
            o.op(B, 1000, "recommendation", REC, "transition", tr("state", "viewed", "declined")),
        ],
        all_orders=True,
    )

    # ---- registry checks -----------------------------------------------------------------
    o = Ops()
    vector(
        "catalogues_are_read_only",
        "Jobs, trainings and policies are read only.",
        [
            o.op(A, 0, "job", U("job-9"), "insert", {"title": "Driver"}),
            o.op(A, 1, "training", U("tr-9"), "set", {"title": "Forklift"}),
            o.op(A, 2, "policy", U("po-9"), "insert", {"title": "Subsidy"}),
        ],
        check=codes("read_only", "read_only", "read_only"),
    )
    o = Ops()
    vector(
        "status_events_are_server_made",
        "Devices cannot insert status events.",
        [o.op(A, 0, "status_event", U("ev-9"), "insert", {"person_id": P})],
        check=codes("read_only"),
    )
    o = Ops()
    vector(
        "unknown_entity_and_field",
        "Unknown entity, then unknown field.",
        [
            o.op(A, 0, "pet", U("pet-1"), "insert", {"name": "Rex"}),
            o.op(A, 1, "person", P, "set", {"shoe_size": 42}),
        ],
        check=codes("unknown_entity", "unknown_field"),
    )
    o = Ops()
    vector(
        "server_only_assignment_rejected",
        "A helper cannot reassign a household.",
        [o.op(A, 0, "household", HH, "set", {"primary_helper_id": U("user-9")})],
        check=codes("server_only_field"),
    )
    o = Ops()
    vector(
        "set_on_missing_entity_not_found",
        "A set on a person the server does not have.",
        [o.op(A, 0, "person", U("ghost"), "set", {"name": "X"})],
        check=codes("not_found"),
    )
    bad = o.op(A, 1, "person", P, "set", {"name": "X"})
    bad_seq = {**bad, "op_id": U("bad-seq"), "seq": 0}
    bad_id = {**bad, "op_id": "not-a-uuid", "seq": 3}
    bad_node = {**bad, "op_id": U("bad-node"), "seq": 4, "hlc": T(0, 0, B)}
    good = {**bad, "op_id": U("good-after-bad"), "seq": 5}
    vector(
        "malformed_ops_never_block",
        "Malformed ops are rejected one by one; the good op "
        "behind them applies and acked_seq stops at the gap.",
        [bad_seq, bad_id, bad_node, good],
        check=codes("invalid_op", "invalid_op", "invalid_op", "applied"),
    )

    # ---- duplicates and sequence ---------------------------------------------------------
    o = Ops()
    first = o.op(A, 0, "person", P, "set", {"name": "Li Wei 2"})
    vector(
        "duplicate_retry_changes_nothing",
        "A retried op returns the stored result.",
        [first, first],
        check=status("applied", "duplicate"),
    )
    o = Ops()
    rej = o.op(A, 0, "job", U("job-9"), "insert", {"title": "x"})
    vector(
        "duplicate_of_rejected_stays_rejected",
        "Retrying a rejected op is a duplicate of the rejection; quarantined once.",
        [rej, rej],
        check=lambda out: ok(out["quarantine"] == ["read_only"]),
    )
    o = Ops()
    s1 = o.op(A, 0, "person", P, "set", {"name": "n1"})
    s2 = o.op(A, 1, "person", P, "set", {"name": "n2"})
    s3 = o.op(A, 2, "person", P, "set", {"name": "n3"})
    vector(
        "acked_seq_waits_for_gaps",
        "Seqs 1 and 3 arrive, then 2: acked_seq is contiguous.",
        [s1, s3, s2],
        check=lambda out: ok(out["acked_seq"] == {A: 3}),
    )
    o = Ops()
    vector(
        "acked_seq_with_gap_left_open",
        "Seq 2 never arrives: acked_seq stays 1.",
        [s1, s3],
        check=lambda out: ok(out["acked_seq"] == {A: 1}),
    )

    # ---- clocks --------------------------------------------------------------------------
    o = Ops()
    vector(
        "clock_ahead_is_clamped",
        "A phone 6 h ahead: the stamp is clamped to server time "
        "with the seq as counter, skew recorded.",
        [o.op(A, 6 * HOUR, "person", P, "set", {"name": "Future"})],
        check=lambda out: ok(out["results"][0]["clamped"]),
    )
    o = Ops()
    vector(
        "clock_within_tolerance_not_clamped",
        "4 minutes ahead is tolerated.",
        [o.op(A, 4 * 60_000, "person", P, "set", {"name": "Soon"})],
        check=lambda out: ok("clamped" not in out["results"][0]),
    )
    o = Ops()
    vector(
        "clock_ahead_does_not_win",
        "A 6 h fast phone's write does not beat a later "
        "correct write made one second after server time.",
        [
            o.op(A, 6 * HOUR, "person", P, "set", {"category": "settled"}),
            o.op(B, 1000, "person", P, "set", {"category": "employment_difficulty"}),
        ],
        all_orders=True,
        check=lambda out: ok(
            out["state"]["person"][P]["data"]["category"] == "employment_difficulty"
        ),
    )
    o = Ops()
    vector(
        "clock_two_clamped_ops_keep_seq_order",
        "Two clamped writes of one device in the same ms keep their seq order.",
        [
            o.op(A, 7 * HOUR, "person", P, "set", {"name": "first"}),
            o.op(A, 6 * HOUR, "person", P, "set", {"name": "second"}),
        ],
        check=lambda out: ok(out["state"]["person"][P]["data"]["name"] == "second"),
    )
    o = Ops()
    vector(
        "clock_slow_phone_not_clamped",
        "Stamps in the past are never changed.",
        [o.op(A, -6 * HOUR, "person", P, "set", {"name": "Past"})],
        check=lambda out: ok("clamped" not in out["results"][0]),
    )

    # ---- scope ---------------------------------------------------------------------------
    grace = {**BASE_STATE, "scope": {A: {HH: "grace"}}}
    gone = {**BASE_STATE, "scope": {A: {HH: "out_of_scope"}}}
    o = Ops()
    vector(
        "grace_visit_is_late",
        "A former helper's visit within the grace window is kept, flagged late.",
        [o.op(A, 0, "visit", V, "insert", visit)],
        state=grace,
        check=lambda out: ok(out["results"][0]["late"]),
    )
    o = Ops()
    vector(
        "grace_transition_is_late",
        "A former helper's status change within grace.",
        [o.op(A, 0, "person", P, "transition", tr("status", "seeking", "employed"))],
        state=grace,
        check=status("applied"),
    )
    o = Ops()
    vector(
        "out_of_scope_is_quarantined",
        "After the grace window the note is rejected and "
        "quarantined, never dropped; the other household still works.",
        [
            o.op(A, 0, "note", N, "insert", note),
            o.op(A, 1, "household", HH2, "insert", {"address": "New"}),
        ],
        state=gone,
        check=lambda out: ok(out["quarantine"] == ["out_of_scope"]),
    )
    o = Ops()
    vector(
        "scope_via_person_for_recommendation",
        "A recommendation's household is its person's household.",
        [o.op(A, 0, "recommendation", REC, "transition", tr("state", "viewed", "declined"))],
        state=gone,
        check=codes("out_of_scope"),
    )

    # ---- protocol ------------------------------------------------------------------------
    o = Ops()
    vector(
        "protocol_v1_accepted",
        "Protocol 1 is still accepted (its base is ignored).",
        [o.op(A, 0, "person", P, "set", {"name": "v1"}, base={"name": S0})],
        protocol=1,
        check=status("applied"),
    )
    o = Ops()
    vector(
        "protocol_3_unsupported",
        "Protocol 3 is refused as a whole (HTTP 426).",
        [o.op(A, 0, "person", P, "set", {"name": "v3"})],
        protocol=3,
        check=status("unsupported_protocol"),
    )
    o = Ops()
    vector(
        "protocol_0_unsupported",
        "Protocol 0 is refused as a whole (HTTP 426).",
        [o.op(A, 0, "person", P, "set", {"name": "v0"})],
        protocol=0,
        check=status("unsupported_protocol"),
    )

    # ---- resolve -------------------------------------------------------------------------
    def cid(entity: str, entity_id: str, field: str, index: int = 1) -> str:
        from sync.conflicts import conflict_id

        return conflict_id("e1ca1561-dce7-535d-bb45-c2b94d6c8afc", entity, entity_id, field, index)

    st1 = cid("person", P, "status")
    o = Ops()
    ta = o.op(A, 1000, "person", P, "transition", tr("status", "seeking", "internship"))
    tb = o.op(B, 2000, "person", P, "transition", tr("status", "seeking", "employed"))
    vector(
        "resolve_status_by_candidate",
        "The supervisor picks A's transition: the conflict closes and the status follows.",
        [
            ta,
            tb,
            o.op(
                SUP,
                5000,
                "conflict",
                st1,
                "resolve",
                {"choice": ta["op_id"], "comment": "Internship confirmed by phone"},
            ),
        ],
        check=lambda out: ok(
            out["state"]["person"][P]["data"]["status"] == "internship"
            and out["conflicts"][0]["state"] == "resolved"
        ),
    )
    ph1 = cid("person", P, "phone")
    o = Ops()
    vector(
        "resolve_review_with_value",
        "The supervisor types the right phone number.",
        [
            o.op(A, 1000, "person", P, "set", {"phone": "222"}, base={"phone": S0}),
            o.op(B, 2000, "person", P, "set", {"phone": "333"}, base={"phone": S0}),
            o.op(SUP, 5000, "conflict", ph1, "resolve", {"choice": {"value": "444"}}),
        ],
        check=lambda out: ok(out["state"]["person"][P]["data"]["phone"] == "444"),
    )
    o = Ops()
    vector(
        "resolve_twice_already_resolved",
        "A second resolve is rejected and quarantined.",
        [
            o.op(A, 1000, "person", P, "set", {"phone": "222"}, base={"phone": S0}),
            o.op(B, 2000, "person", P, "set", {"phone": "333"}, base={"phone": S0}),
            o.op(SUP, 5000, "conflict", ph1, "resolve", {"choice": {"value": "444"}}),
            o.op(C, 6000, "conflict", ph1, "resolve", {"choice": {"value": "555"}}),
        ],
        check=codes("applied", "conflict", "applied", "already_resolved"),
    )
    o = Ops()
    vector(
        "resolve_unknown_conflict",
        "Resolving a conflict that does not exist.",
        [o.op(SUP, 0, "conflict", U("no-conflict"), "resolve", {"choice": {"value": "x"}})],
        check=codes("not_found"),
    )
    o = Ops()
    vector(
        "resolve_choice_not_a_candidate",
        "The choice must be a candidate op id.",
        [
            o.op(A, 1000, "person", P, "set", {"phone": "222"}, base={"phone": S0}),
            o.op(B, 2000, "person", P, "set", {"phone": "333"}, base={"phone": S0}),
            o.op(SUP, 5000, "conflict", ph1, "resolve", {"choice": U("other-op")}),
        ],
        check=codes("applied", "conflict", "invalid_op"),
    )
    o = Ops()
    vector(
        "resolve_late_older_candidate_joins_resolved",
        "A device offline for days sends an "
        "older concurrent transition after the resolve: it joins the resolved round and "
        "the resolution stands.",
        [
            ta,
            tb,
            o.op(SUP, 5000, "conflict", st1, "resolve", {"choice": tb["op_id"]}),
            o.op(C, 1500, "person", P, "transition", tr("status", "seeking", "informal")),
        ],
        check=lambda out: ok(
            out["conflicts"][0]["state"] == "resolved" and len(out["conflicts"]) == 1
        ),
    )
    o = Ops()
    vector(
        "resolve_newer_unseen_candidate_opens_round_two",
        "A write after the resolve from a device that had not seen it opens the next round.",
        [
            ta,
            tb,
            o.op(SUP, 5000, "conflict", st1, "resolve", {"choice": tb["op_id"]}),
            o.op(C, 9000, "person", P, "transition", tr("status", "seeking", "informal")),
        ],
        check=lambda out: ok([c["round"] for c in out["conflicts"]] in ([1, 2], [2, 1])),
    )

    # ---- late arrivals ----------------------------------------------------------------
    o = Ops()
    vector(
        "chain_gap_filled_dissolves_conflict",
        "One device's two moves arrive in reverse: the second looks concurrent until the first "
        "arrives, then the conflict it opened dissolves. Same final state in both orders.",
        [
            o.op(A, 1000, "recommendation", REC, "transition", tr("state", "viewed", "interested")),
            o.op(
                A,
                1000,
                "recommendation",
                REC,
                "transition",
                tr("state", "interested", "applied"),
                counter=1,
            ),
        ],
        order_list=[[1, 0]],
        check=lambda out: ok(not out["conflicts"]),
    )


def define_bounds() -> None:
    """Vectors 70-79: the bounds of rule 2a (PROTOCOL.md 3.1); each bad op fails alone."""
    o = Ops()
    good1 = o.op(A, 0, "person", P, "set", {"name": "n1"})
    big = {**o.op(A, 1, "person", P, "set", {"name": "n2"}), "seq": 2**31}
    huge = {**o.op(A, 2, "person", P, "set", {"name": "n3"}), "seq": 2**63 + 1}
    unsafe = {**o.op(A, 3, "person", P, "set", {"name": "n4"}), "seq": 2**53 + 1}
    good2 = {**o.op(A, 4, "person", P, "set", {"name": "n5"}), "seq": 2}
    vector(
        "seq_above_limit_rejected_alone",
        "Seqs above limits.seq_max (2^31 - 1), even past 2^53 or 2^63, are rejected one by one; "
        "the ops around them apply and acked_seq counts only the good ones.",
        [good1, big, huge, unsafe, good2],
        check=lambda out: ok(
            tuple(r.get("code", r["status"]) for r in out["results"])
            == ("applied", "invalid_op", "invalid_op", "invalid_op", "applied")
            and out["acked_seq"] == {A: 2}
        ),
    )
    o = Ops()
    nested: Any = "deep"
    for _ in range(8):
        nested = {"x": nested}
    vector(
        "too_deep_op_rejected_alone",
        "An op nested deeper than limits.op_depth_max is rejected (too_deep) before its fields "
        "are read; the next op applies.",
        [
            o.op(A, 0, "recommendation", REC, "set", {"match": nested}),
            o.op(A, 1, "recommendation", REC, "set", {"match": {"score": 0.5, "parts": [{"a": 1}]}}),
        ],
        check=codes("too_deep", "applied"),
    )
    o = Ops()
    vector(
        "unstorable_text_rejected_alone",
        "NUL and lone surrogates, in a value or a key, are refused (invalid_text) on every "
        "database alike; a real surrogate pair (an emoji) is fine.",
        [
            o.op(A, 0, "note", U("note-nul"), "insert", {"household_id": HH, "text": "a\u0000b"}),
            o.op(A, 1, "person", P, "set", {"name": "\ud800"}),
            o.op(A, 2, "person", P, "set", {"skills": ["ok", "x\udc00"]}),
            o.op(A, 3, "person", P, "set", {"na\u0000me": "Li"}),
            o.op(A, 4, "person", P, "set", {"name": "Li Wei \U0001F642"}),
        ],
        check=codes("invalid_text", "invalid_text", "invalid_text", "invalid_text", "applied"),
    )
    o = Ops()
    vector(
        "too_large_op_rejected_alone",
        "An op over limits.op_bytes_max (UTF-8 bytes of its compact JSON) is rejected "
        "(too_large) whatever else is in it; the next op applies.",
        [
            o.op(A, 0, "note", U("note-big"), "insert",
                 {"household_id": HH, "text": "ok", "attachment": "x" * 70_000}),
            o.op(A, 1, "note", U("note-small"), "insert", {"household_id": HH, "text": "ok"}),
        ],
        check=codes("too_large", "applied"),
    )
    o = Ops()
    vector(
        "text_lengths_in_code_points",
        "Text limits count code points: 10,000 emoji (20,000 UTF-16 units) fit a note, "
        "10,001 characters do not; each item of a list of texts has the limit.",
        [
            o.op(A, 0, "note", U("note-emoji"), "insert",
                 {"household_id": HH, "text": "\U0001F642" * 10_000}),
            o.op(A, 1, "note", U("note-long"), "insert", {"household_id": HH, "text": "x" * 10_001}),
            o.op(A, 2, "person", P, "set", {"skills": ["cad", "y" * 61]}),
            o.op(A, 3, "person", P, "set", {"skills": ["cad", "y" * 60]}),
        ],
        check=codes("applied", "too_long", "too_long", "applied"),
    )


#: Files this builder writes: 01-79 (other builders own 80 and above).
OWN_FILES = "[0-7][0-9]_*.json"
#: Where the bounds vectors start, whatever the number of vectors before them.
BOUNDS_FIRST = 70


def _escape_surrogates(text: str) -> str:
    """Lone surrogates have no UTF-8 form: keep them as JSON escapes in the file."""
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def build() -> None:
    define()
    assert len(VECTORS) < BOUNDS_FIRST, "the vectors before the bounds ran into 70"
    first_bounds = len(VECTORS)
    define_bounds()
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob(OWN_FILES):
        old.unlink()
    names = set()
    for index, v in enumerate(VECTORS):
        number = index + 1 if index < first_bounds else BOUNDS_FIRST + index - first_bounds
        check = v.pop("_check")
        assert v["name"] not in names, v["name"]
        names.add(v["name"])
        outs = [run_order(v, order) for order in orders(v)]
        for other in outs[1:]:
            for key in ("state", "conflicts", "status_events"):
                assert other[key] == outs[0][key], (v["name"], key)
        if check is not None:
            try:
                check(outs[0])
            except AssertionError as exc:
                raise SystemExit(f"{v['name']}: intent check failed: {exc!r}") from exc
        v["expect"] = {
            k: outs[0][k]
            for k in ("results", "state", "conflicts", "status_events", "acked_seq", "quarantine")
        }
        path = OUT / f"{number:02d}_{v['name']}.json"
        text = _escape_surrogates(json.dumps(v, indent=2, ensure_ascii=False))
        path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(VECTORS)} vectors to {OUT}")


if __name__ == "__main__":
    build()
