"""The bounds of one op (sync/bounds.py): what each measures, and what the quarantine keeps."""

from __future__ import annotations

import json

import pytest

from sync.bounds import DEPTH_CAP, op_id_of, quarantine_copy, seq_of, shape_of, storable
from sync.registry import load_registry

LIMITS = load_registry().limits


@pytest.mark.parametrize("text", ["a\x00b", "\ud800", "x\udfff", "\udc00\ud800"])
def test_nul_and_lone_surrogates_are_not_storable(text):
    assert not storable(text)


def test_an_emoji_from_json_is_one_storable_code_point():
    emoji = json.loads('"\\ud83d\\ude42"')
    assert storable(emoji) and len(emoji) == 1


def test_the_walk_survives_nesting_no_parser_would():
    deep: object = "x"
    for _ in range(10_000):
        deep = [deep]
    assert shape_of({"data": deep}).depth == DEPTH_CAP + 1


def test_size_is_utf8_bytes_of_compact_json():
    op = {"data": {"text": "字"}}
    assert shape_of(op).size == len('{"data":{"text":"字"}}'.encode())


def test_bad_text_names_the_field_of_data_it_is_in():
    assert shape_of({"data": {"skills": ["ok", "\ud800"]}}).bad_text == "skills"
    assert shape_of({"hlc": "\x00"}).bad_text == "hlc"
    assert shape_of({"data": {"na\x00me": 1}}).bad_text == "na\x00me"


def test_a_storable_op_is_quarantined_whole():
    op = {"op_id": "o", "data": {"text": "fine"}}
    assert quarantine_copy(op, LIMITS) is op


@pytest.mark.parametrize("junk", ["x" * 100_000, "\ud800", float("nan")])
def test_what_cannot_be_stored_whole_is_kept_as_a_bounded_escaped_preview(junk):
    op = {"op_id": "o", "seq": 3, "entity": "note", "data": {"text": junk}}
    kept = quarantine_copy(op, LIMITS)
    assert isinstance(kept, dict) and kept["truncated"] is True
    assert kept["op_id"] == "o" and kept["seq"] == 3 and "data" not in kept
    text = json.dumps(kept, allow_nan=False)
    assert storable(text) and len(text) < 3000


def test_op_id_and_seq_reach_storage_only_when_bounded():
    assert op_id_of({"op_id": "x" * 65}) is None and op_id_of({"op_id": "a\x00"}) is None
    assert op_id_of({"op_id": "not-a-uuid"}) == "not-a-uuid"
    assert seq_of({"seq": LIMITS.seq_max + 1}, LIMITS) is None
    assert seq_of({"seq": True}, LIMITS) is None and seq_of({"seq": 7}, LIMITS) == 7
