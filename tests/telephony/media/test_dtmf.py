from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telephony.errors import RtpParseError
from telephony.media.dtmf import DTMF_EVENTS, DtmfReceiver, DtmfSender, TelephoneEvent
from telephony.media.rtp import RtpPacket
from tests.telephony.media.mutate import fixture, mutants
from tests.telephony.media.pcap import CAPTURES, read_udp

PT = 101


def press(digit: str, ts: int, *, seq: int = 1000, ssrc: int = 5, duration: float = 0.1):
    """(offset, packet) for one press as DtmfSender plans it, numbered from ``seq``."""
    out = []
    for i, step in enumerate(DtmfSender().plan(digit, duration)):
        packet = RtpPacket(PT, (seq + i) & 0xFFFF, ts, ssrc, bytes(step.report), step.marker)
        out.append((step.offset, packet))
    return out


def run(receiver: DtmfReceiver, timed_packets, start: float = 0.0) -> list[str]:
    digits = []
    for offset, packet in timed_packets:
        digits += [d.digit for d in receiver.poll(start + offset)]
        digits += [d.digit for d in receiver.receive(packet, start + offset)]
    return digits


def test_real_capture_fields():
    start = RtpPacket.parse(fixture("dtmf_1_start"))
    assert (start.payload_type, start.marker, start.timestamp) == (101, True, 13280)
    assert TelephoneEvent.parse(start.payload) == TelephoneEvent(1, False, 10, 0)
    update = TelephoneEvent.parse(RtpPacket.parse(fixture("dtmf_1_update")).payload)
    assert update == TelephoneEvent(1, False, 10, 960)
    end = RtpPacket.parse(fixture("dtmf_1_end"))
    assert end.marker is False and end.timestamp == 13280
    assert TelephoneEvent.parse(end.payload) == TelephoneEvent(1, True, 10, 2240)
    pound = TelephoneEvent.parse(RtpPacket.parse(fixture("dtmf_pound_end")).payload)
    star = TelephoneEvent.parse(RtpPacket.parse(fixture("dtmf_star_end")).payload)
    assert (pound.digit, pound.end, star.digit, star.end) == ("#", True, "*", True)


def test_real_fixture_packets_make_one_digit_each():
    receiver = DtmfReceiver()
    packets = [RtpPacket.parse(fixture(n)) for n in ("dtmf_1_start", "dtmf_1_update")]
    packets += [RtpPacket.parse(fixture("dtmf_1_end"))] * 3  # sent three times, same seq
    packets += [RtpPacket.parse(fixture(n)) for n in ("dtmf_pound_start", "dtmf_pound_end")]
    packets += [RtpPacket.parse(fixture("dtmf_star_end"))]  # its start and updates lost
    digits = run(receiver, [(0.02 * i, p) for i, p in enumerate(packets)])
    assert digits == ["1", "#", "*"]
    assert receiver.counters["dtmf_repeats"] == 2


CAPTURE_NAMES = [*(str(i) for i in range(10)), "star", "pound"]


@pytest.mark.skipif(not CAPTURES.exists(), reason="sip-tester captures not installed")
@pytest.mark.parametrize("name", CAPTURE_NAMES)
def test_whole_sip_tester_captures(name):
    receiver = DtmfReceiver()
    datagrams = list(read_udp(Path(CAPTURES) / f"dtmf_2833_{name}.pcap"))
    timed = [(d.time - datagrams[0].time, RtpPacket.parse(d.payload)) for d in datagrams]
    expected = {"star": "*", "pound": "#"}.get(name, name)
    assert run(receiver, timed) + [d.digit for d in receiver.poll(10.0)] == [expected]


def test_event_payload_round_trip_and_bits():
    event = TelephoneEvent(11, True, 63, 0xFFFF, reserved=True)
    data = bytes(event)
    assert data == b"\x0b\xff\xff\xff"
    assert TelephoneEvent.parse(data) == event
    assert TelephoneEvent.parse(b"\x05\x0a\x01\x40") == TelephoneEvent(5, False, 10, 320)
    with pytest.raises(ValueError):
        bytes(TelephoneEvent(1, volume=64))


def test_event_error_at_every_truncation_and_trailing_bytes_ignored():
    data = bytes(TelephoneEvent(3, True, 10, 800))
    for size in range(4):
        with pytest.raises(RtpParseError, match="truncated"):
            TelephoneEvent.parse(data[:size])
    assert TelephoneEvent.parse(data + b"\x00\x00\x00\x00") == TelephoneEvent(3, True, 10, 800)


def test_digit_names():
    assert [TelephoneEvent(i).digit for i in range(17)] == [*DTMF_EVENTS, None]


def test_full_press_once_without_marker_reliance():
    for with_marker in (True, False):
        receiver = DtmfReceiver()
        packets = press("5", 8000)
        if not with_marker:
            for _, p in packets:
                p.marker = False
        assert run(receiver, packets) == ["5"]
        assert receiver.poll(5.0) == []


def test_lost_start_still_one_digit():
    receiver = DtmfReceiver()
    assert run(receiver, press("7", 8000)[1:]) == ["7"]


def test_lost_end_ends_by_timeout_once():
    receiver = DtmfReceiver(end_timeout=0.25)
    packets = [(o, p) for o, p in press("9", 8000) if not TelephoneEvent.parse(p.payload).end]
    assert run(receiver, packets) == []
    last = packets[-1][0]
    assert receiver.deadline == pytest.approx(last + 0.25)
    assert receiver.poll(last + 0.24) == []
    (digit,) = receiver.poll(last + 0.25)
    assert (digit.digit, digit.t) == ("9", 0.0)  # t: when the press began
    assert receiver.poll(last + 10) == []
    assert receiver.deadline is None
    assert receiver.counters["dtmf_ended_by_timeout"] == 1


def test_late_updates_and_repeated_ends_after_a_timeout_are_ignored():
    receiver = DtmfReceiver()
    packets = press("3", 8000)
    assert run(receiver, packets[:1]) == []
    assert receiver.poll(1.0)[0].digit == "3"
    assert run(receiver, packets[1:], start=1.0) == []  # all delayed beyond the timeout


def test_only_start_and_end_survive():
    receiver = DtmfReceiver()
    packets = press("0", 8000, duration=0.5)
    assert run(receiver, [packets[0], packets[-1]]) == ["0"]


def test_same_digit_twice_is_two_presses():
    receiver = DtmfReceiver()
    first = press("4", 8000, seq=10)
    second = [(o + 0.3, p) for o, p in press("4", 8000 + 2400, seq=20)]
    assert run(receiver, first + second) == ["4", "4"]


def test_next_press_ends_one_whose_end_was_lost():
    receiver = DtmfReceiver()
    first = [(o, p) for o, p in press("1", 8000) if not TelephoneEvent.parse(p.payload).end]
    second = [(o + 0.12, p) for o, p in press("2", 8000 + 960, seq=20)]
    assert run(receiver, first + second) == ["1", "2"]
    assert receiver.counters["dtmf_ended_by_timeout"] == 0


def test_reordered_press_that_arrives_late_is_still_reported():
    receiver = DtmfReceiver()
    newer = press("6", 16000, seq=30)
    older_end = press("8", 8000, seq=20)[-1][1]
    assert run(receiver, [*newer[:2], (0.06, older_end), *newer[2:]]) == ["8", "6"]


def test_new_ssrc_is_a_new_press():
    receiver = DtmfReceiver()
    assert run(receiver, press("1", 8000, ssrc=1) + press("1", 8000, ssrc=2)) == ["1", "1"]


def test_press_longer_than_the_duration_field_is_one_digit():
    receiver = DtmfReceiver()

    def report(ts, duration, end=False):
        return RtpPacket(PT, 1, ts, 5, bytes(TelephoneEvent(2, end, 10, duration)))

    # Updates every 50 ms; at 8.19 s the duration field is full and a segment starts at
    # timestamp + 0xFFFF (RFC 4733 2.5.1.3), then the press ends at 9 s.
    segments = [(i * 0.05, report(8000, min(400 * i, 0xFFFF))) for i in range(165)]
    second = 8000 + 0xFFFF
    segments += [(8.25 + i * 0.05, report(second, 400 * i)) for i in range(15)]
    segments += [(9.0, report(second, 6000, end=True))]
    assert run(receiver, segments) == ["2"]


def test_flash_and_tones_are_not_digits():
    receiver = DtmfReceiver()
    packet = RtpPacket(PT, 1, 8000, 5, bytes(TelephoneEvent(16, True)))
    assert receiver.receive(packet, 0.0) == []
    assert receiver.counters["dtmf_other_events"] == 1


def test_flood_is_bounded_per_second_and_counted():
    receiver = DtmfReceiver(max_per_second=10)
    digits = []
    now = 0.0
    for i in range(40):  # 40 complete presses in 0.8 s: a stuck or hostile sender
        end = RtpPacket(PT, i, 8000 + 800 * i, 5, bytes(TelephoneEvent(i % 10, True, 10, 160)))
        digits += receiver.receive(end, now)
        now += 0.02
    assert len(digits) == 10
    assert receiver.counters["dtmf_flood_dropped"] == 30
    later = RtpPacket(PT, 99, 900_000, 5, bytes(TelephoneEvent(1, True, 10, 160)))
    assert [d.digit for d in receiver.receive(later, 2.0)] == ["1"]


def test_sender_plan():
    plan = DtmfSender().plan("5", 0.1)
    assert [round(p.offset, 3) for p in plan] == [0.0, 0.05, 0.1, 0.12, 0.14]
    assert [p.marker for p in plan] == [True, False, False, False, False]
    assert [p.report.duration for p in plan] == [0, 400, 800, 800, 800]
    assert [p.report.end for p in plan] == [False, False, True, True, True]
    assert {p.report.event for p in plan} == {5}
    assert {p.report.volume for p in plan} == {10}
    longer = DtmfSender().plan("#", 0.12)
    assert [p.report.duration for p in longer] == [0, 400, 800, 960, 960, 960]
    assert longer[0].report.event == 11


@pytest.mark.parametrize("bad", ["", "55", "E", "x"])
def test_sender_refuses_non_digits(bad):
    with pytest.raises(ValueError):
        DtmfSender().plan(bad)


def test_sender_refuses_impossible_durations():
    with pytest.raises(ValueError):
        DtmfSender().plan("1", 0.01)
    with pytest.raises(ValueError):
        DtmfSender().plan("1", 9.0)


def test_every_digit_through_sender_and_receiver():
    receiver = DtmfReceiver(max_per_second=100)
    timed = []
    for i, digit in enumerate(DTMF_EVENTS):
        timed += [(o + 0.3 * i, p) for o, p in press(digit, 8000 + 2400 * i, seq=10 * i)]
    assert "".join(run(receiver, timed)) == DTMF_EVENTS


def test_fuzz_telephone_event_parser_and_receiver():
    seeds = [
        bytes(TelephoneEvent(1, False, 10, 0)),
        bytes(TelephoneEvent(11, True, 10, 2240)),
        RtpPacket.parse(fixture("dtmf_star_end")).payload,
    ]
    receiver = DtmfReceiver(max_per_second=5)
    started = time.process_time()
    accepted = 0
    for i, data in enumerate(mutants(seeds, 100_000, seed=4733)):
        try:
            event = TelephoneEvent.parse(data)
        except RtpParseError:
            continue
        accepted += 1
        assert bytes(event) == data[:4]
        if i % 10 == 0:  # and the receiver copes with whatever parses
            packet = RtpPacket(PT, i & 0xFFFF, (i // 30) * 800, 5, data)
            receiver.receive(packet, i * 0.001)
            receiver.poll(i * 0.001)
    assert accepted > 50_000
    assert time.process_time() - started < 15


@settings(max_examples=150, database=None)
@given(
    digit=st.sampled_from(DTMF_EVENTS),
    duration=st.floats(0.04, 1.0),
    keep=st.lists(st.booleans(), min_size=30, max_size=30),
    order=st.randoms(use_true_random=False),
)
def test_property_any_nonempty_subset_in_any_order_is_one_digit(digit, duration, keep, order):
    packets = [p for i, (_, p) in enumerate(press(digit, 8000, duration=duration)) if keep[i]]
    if not packets:
        packets = press(digit, 8000, duration=duration)[-1:]
        packets = [p for _, p in packets]
    order.shuffle(packets)
    receiver = DtmfReceiver()
    digits = run(receiver, [(0.02 * i, p) for i, p in enumerate(packets)])
    digits += [d.digit for d in receiver.poll(100.0)]
    assert digits == [digit]
