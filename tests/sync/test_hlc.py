"""HLC stamps: wire format, ordering, the client clock and the server clamp."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync import Clock, InvalidStamp, Stamp, clamp, parse_stamp

walls = st.integers(min_value=0, max_value=10**15 - 1)
counters = st.integers(min_value=0, max_value=99_999)
nodes = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=12)
stamps = st.builds(Stamp, walls, counters, nodes)

HOUR = 3_600_000


def test_wire_format_is_fixed_width() -> None:
    assert Stamp(1_763_700_000_000, 7, "device-a").encode() == "001763700000000:00007:device-a"


@given(stamps)
def test_encode_parse_round_trip(stamp: Stamp) -> None:
    assert parse_stamp(stamp.encode()) == stamp


@given(stamps, stamps)
def test_string_order_is_tuple_order(a: Stamp, b: Stamp) -> None:
    assert (a.encode() < b.encode()) == (a < b)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1:2:x",
        "001763700000000:00000:",
        "001763700000000:00000:a:b",
        "a" * 21,
        "001763700000000:00000:a\n",
        "００１763700000000:00000:a",
        42,
        None,
    ],
)
def test_garbage_is_not_a_stamp(text: object) -> None:
    with pytest.raises(InvalidStamp):
        parse_stamp(text)


def test_clock_is_monotonic_even_when_the_wall_clock_goes_back() -> None:
    clock = Clock("a")
    first = clock.now(1000)
    second = clock.now(900)
    assert second > first
    assert (second.wall, second.counter) == (1000, 1)


def test_a_write_after_seeing_another_is_later() -> None:
    fast, slow = Clock("fast"), Clock("slow")
    seen = fast.now(10_000)
    slow.receive(seen, 1_000)
    assert slow.now(1_001) > seen


def test_offset_corrects_a_phone_six_hours_behind() -> None:
    server_now = 1_763_700_000_000
    phone = Clock("phone")
    phone.observe_server_time(server_now, server_now - 6 * HOUR)
    stamp = phone.now(server_now - 6 * HOUR + 500)
    assert stamp.wall == server_now + 500


def test_clamp_leaves_tolerated_skew_alone() -> None:
    stamp = Stamp(1000 + 300_000, 0, "a")
    assert clamp(stamp, 1000, 1, 300_000).clamped is False


def test_clamp_uses_server_time_and_seq() -> None:
    result = clamp(Stamp(1000 + 6 * HOUR, 3, "a"), 1000, 7, 300_000)
    assert (result.stamp, result.clamped, result.skew_ms) == (Stamp(1000, 7, "a"), True, 6 * HOUR)
