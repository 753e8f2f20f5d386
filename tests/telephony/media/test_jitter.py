from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telephony.media.jitter import Gap, JitterBuffer
from telephony.media.rtp import RtpPacket

FRAME = 0.02


def packets(n, *, seq0=0, ts0=0, ssrc=1, period=FRAME, start=0.0, delay=None, skip=()):
    """(arrival, packet) for ``n`` 20 ms packets; the payload is the packet's index."""
    out = []
    for i in range(n):
        if i in skip:
            continue
        packet = RtpPacket(0, (seq0 + i) & 0xFFFF, (ts0 + 160 * i) & 0xFFFF_FFFF, ssrc)
        packet.payload = i.to_bytes(4, "big")
        out.append((start + i * period + (delay(i) if delay else 0.0), packet))
    return sorted(out, key=lambda item: item[0])


def play(jb, arrivals, pulls, *, start=0.0, phase=0.01):
    """Interleave puts and pops on a fake clock; pops every 20 ms from ``start + phase``."""
    arrivals = list(arrivals)
    out = []
    pos = 0
    for k in range(pulls):
        now = start + phase + k * FRAME
        while pos < len(arrivals) and arrivals[pos][0] <= now:
            jb.put(arrivals[pos][1], arrivals[pos][0])
            pos += 1
        item = jb.pop(now)
        out.append(int.from_bytes(item, "big") if isinstance(item, bytes) else item)
    return out


def frames(out):
    return [x for x in out if isinstance(x, int)]


def test_steady_stream_plays_everything_in_order_at_minimum_delay():
    jb = JitterBuffer()
    out = play(jb, packets(100), 110)
    assert frames(out) == list(range(100))
    assert out[0] == 0  # the first pull after the first packet plays it: target is 20 ms
    assert jb.target == pytest.approx(0.02)
    assert jb.counters["lost"] == 0 and jb.counters["late"] == 0
    assert jb.counters["played"] == 100


def test_loss_costs_exactly_the_lost_frames():
    jb = JitterBuffer()
    out = play(jb, packets(50, skip={10, 11, 30}), 55)
    # At 20 ms depth nothing is buffered behind a hole, so the lost frames' turns come as
    # an underrun (EMPTY); once later packets show they were lost, they are not replayed.
    assert out[10:12] == [Gap.EMPTY, Gap.EMPTY] and out[12] == 12
    assert out[30] is Gap.EMPTY and out[31] == 31
    assert frames(out) == [i for i in range(50) if i not in (10, 11, 30)]
    assert jb.counters["lost"] == 3


def test_loss_behind_a_deeper_buffer_is_reported_as_lost():
    jb = JitterBuffer(min_delay=0.06)
    out = play(jb, packets(50, skip={10, 11, 30}), 55)
    start = out.index(0)
    assert out[start + 10 : start + 12] == [Gap.LOST, Gap.LOST]
    assert out[start + 30] is Gap.LOST
    assert jb.counters["lost"] == 3
    assert jb.counters["underruns"] == 1  # only where the stream ends


def test_duplicates_are_dropped_and_counted():
    jb = JitterBuffer()
    arrivals = packets(50)
    arrivals = sorted(arrivals + [(t + 0.001, p) for t, p in arrivals], key=lambda a: a[0])
    assert frames(play(jb, arrivals, 55)) == list(range(50))
    assert jb.counters["duplicates"] == 50


def test_sequence_wrap():
    jb = JitterBuffer()
    out = play(jb, packets(300, seq0=65_400, ts0=0xFFFF_FFFF - 160 * 50), 310)
    assert frames(out) == list(range(300))
    assert jb.counters["lost"] == jb.counters["late"] == jb.counters["resyncs"] == 0


def test_reordering_is_undone_once_the_target_adapts():
    jb = JitterBuffer()
    # Every odd packet overtakes its predecessor by 8 ms.
    arrivals = packets(500, delay=lambda i: 0.028 if i % 2 == 0 else 0.0)
    out = play(jb, arrivals, 520)
    played = frames(out)
    assert played == sorted(played)  # never out of order
    assert jb.target >= 0.04
    assert played[-400:] == list(range(100, 500))  # after a second, nothing is lost
    assert jb.counters["late"] + jb.counters["lost"] <= 6


def test_late_packet_is_dropped_and_counted():
    jb = JitterBuffer()
    out = play(jb, packets(100, delay=lambda i: 0.3 if i == 50 else 0.0), 110)
    assert out[50] is Gap.EMPTY and out[51] == 51
    assert jb.counters["late"] == 1 and jb.counters["lost"] == 1
    assert 50 not in frames(out)


def test_target_follows_jitter_up_at_once_and_down_slowly():
    rng = random.Random(7)
    jb = JitterBuffer()
    bumpy = packets(500, delay=lambda i: rng.uniform(0.0, 0.06))
    out = play(jb, bumpy, 500)
    assert 0.06 <= jb.target <= 0.1
    assert jb.counters["late"] + jb.counters["lost"] < 25  # the first second's learning
    assert all(isinstance(x, int) for x in out[-300:])  # then no gaps at all
    high = jb.target
    calm = packets(500, seq0=500, ts0=500 * 160, start=10.0)
    targets = []
    for arrival, packet in calm:
        jb.put(packet, arrival)
        jb.pop(arrival + 0.01)
        targets.append(jb.target)
    assert targets[40] >= high - 0.02  # a second later it has come down one frame at most
    assert all(targets[k - 50] - targets[k] <= 0.0201 for k in range(50, 500))  # 1 frame/s
    assert targets[-1] == pytest.approx(0.02)


def test_target_is_clamped_to_200_ms():
    rng = random.Random(8)
    jb = JitterBuffer()
    play(jb, packets(400, delay=lambda i: rng.uniform(0.0, 0.6)), 420)
    assert jb.target == pytest.approx(0.2)


def test_calm_stream_brings_target_back_to_20_ms():
    rng = random.Random(9)
    jb = JitterBuffer()
    arrivals = packets(200, delay=lambda i: rng.uniform(0.0, 0.08))
    arrivals += packets(1500, seq0=200, ts0=200 * 160, start=200 * FRAME)
    play(jb, sorted(arrivals, key=lambda a: a[0]), 1700)
    assert jb.target == pytest.approx(0.02)
    assert jb.depth <= 0.06  # the extra depth was shed (by drops at silence)
    assert jb.counters["drift_dropped"] >= 2


@pytest.mark.parametrize("period", [0.0198, 0.0202])  # sender 1 % fast, 1 % slow
def test_clock_drift_is_absorbed(period):
    jb = JitterBuffer()
    n = int(60 / period)  # one minute
    out = play(jb, packets(n, period=period), 3000)
    played = frames(out)
    assert played == sorted(played)
    assert jb.depth <= 0.1  # bounded: no creeping latency
    if period < FRAME:  # 1 % fast: ~30 frames too many in a minute, shed by dropping
        assert 20 <= jb.counters["drift_dropped"] <= 40
    else:  # 1 % slow: ~30 frames short, filled by stretching or short underruns
        first, last = out.index(0), out.index(played[-1])
        assert 20 <= sum(1 for x in out[first:last] if isinstance(x, Gap)) <= 40
    assert jb.counters["lost"] == 0 and jb.counters["late"] == 0


def test_drift_drops_wait_for_silence_until_the_error_is_large():
    def run(quiet: bool):
        jb = JitterBuffer(quiet=lambda: quiet)
        arrivals = packets(3000, period=0.0196)  # 2 % fast: a frame too many per second
        depths, pos = [], 0
        for k in range(2900):
            now = 0.01 + k * FRAME
            while pos < len(arrivals) and arrivals[pos][0] <= now:
                jb.put(arrivals[pos][1], arrivals[pos][0])
                pos += 1
            jb.pop(now)
            depths.append(jb.depth)
        return jb, max(depths[500:])

    in_silence, shallow = run(quiet=True)
    in_speech, deep = run(quiet=False)
    assert in_silence.counters["drift_dropped"] >= 50
    assert in_speech.counters["drift_dropped"] >= 50  # forced once the error is large
    assert shallow <= in_silence.target + 0.06
    assert shallow < deep <= in_speech.target + 0.12  # speech is cut into only when it must


def test_new_ssrc_resyncs():
    jb = JitterBuffer()
    first = packets(50, ssrc=1)
    second = packets(50, ssrc=2, seq0=40_000, ts0=123_456, start=50 * FRAME)
    out = play(jb, first + second, 110)
    assert frames(out) == list(range(50)) + list(range(50))
    assert jb.counters["resyncs"] == 1


def test_timestamp_jump_resets_timing_but_keeps_playing():
    jb = JitterBuffer()
    arrivals = packets(50) + [
        (t, RtpPacket(0, 50 + i, (10_000_000 + 160 * i) & 0xFFFF_FFFF, 1, p.payload))
        for i, (t, p) in enumerate(packets(50, start=50 * FRAME))
    ]
    out = play(jb, arrivals, 105)
    assert frames(out) == list(range(50)) + list(range(50))
    assert jb.counters["resyncs"] == 1 and jb.counters["lost"] == 0
    assert jb.target == pytest.approx(0.02)  # the jump did not read as jitter


def test_silence_suppression_pause_is_not_a_resync():
    jb = JitterBuffer()
    talk = packets(50)
    # 2 s pause: sequence numbers continue, timestamps and arrival both jump.
    more = packets(50, seq0=50, ts0=50 * 160 + 16_000, start=50 * FRAME + 2.0)
    out = play(jb, talk + more, 250)
    assert frames(out) == list(range(50)) + list(range(50))
    assert jb.counters["resyncs"] == 0 and jb.counters["lost"] == 0
    assert Gap.EMPTY in out[50:150]


def test_stray_sequence_jump_is_ignored_and_a_restart_followed():
    jb = JitterBuffer()
    arrivals = packets(30)
    stray = RtpPacket(0, 30_000, 0, 1, b"XXXX")
    arrivals.insert(10, (arrivals[9][0] + 0.001, stray))
    restart = packets(30, seq0=50_000, start=30 * FRAME)
    out = play(jb, arrivals + restart, 70)
    assert b"XXXX" not in [x for x in out if isinstance(x, bytes)]
    assert jb.counters["stray"] == 2  # the stray, then the restart's first packet
    assert frames(out) == list(range(30)) + list(range(1, 30))
    assert jb.counters["resyncs"] == 1


def test_capacity_drops_the_oldest():
    jb = JitterBuffer(capacity=64)
    for _, packet in packets(100):
        jb.put(packet, 0.0)  # one burst
    assert jb.counters["overflow"] == 36
    out = [jb.pop(1.0 + k * FRAME) for k in range(70)]
    played = [int.from_bytes(x, "big") for x in out if isinstance(x, bytes)]
    assert played[0] >= 36 and played == sorted(played)  # (and far over target: shed)


def test_reordering_before_playout_starts_is_accepted():
    jb = JitterBuffer(min_delay=0.06)
    arrivals = packets(10)
    arrivals[0], arrivals[1] = (arrivals[1][0], arrivals[0][1]), (arrivals[1][0], arrivals[1][1])
    arrivals = [(0.0, arrivals[1][1]), (0.005, arrivals[0][1]), *arrivals[2:]]
    assert frames(play(jb, arrivals, 20)) == list(range(10))
    assert jb.counters["late"] == 0


def test_short_talkspurt_plays_after_the_target_delay():
    jb = JitterBuffer(min_delay=0.06)
    out = play(jb, packets(1), 6)
    assert out[:3] == [Gap.EMPTY] * 3 and out[3] == 0


def test_telephone_events_hold_sequence_numbers_without_counting_as_loss():
    jb = JitterBuffer()
    arrivals = packets(30)
    for i in range(10, 15):
        arrivals[i][1].payload_type = 101
    out = []
    for arrival, packet in arrivals:
        jb.put(packet, arrival, audio=packet.payload_type == 0)
        out.append(jb.pop(arrival + 0.005))
    assert [int.from_bytes(x, "big") for x in out if isinstance(x, bytes)] == [
        *range(10),
        *range(15, 30),
    ]
    assert jb.counters["lost"] == 0 and jb.counters["non_audio"] == 5


@settings(max_examples=60, database=None)
@given(
    delays=st.lists(st.floats(0.0, 0.3), min_size=50, max_size=50),
    drop=st.sets(st.integers(0, 199), max_size=30),
    dup=st.sets(st.integers(0, 199), max_size=30),
    seq0=st.integers(0, 0xFFFF),
)
def test_property_output_is_strictly_ordered_and_unique(delays, drop, dup, seq0):
    arrivals = packets(200, seq0=seq0, delay=lambda i: delays[i % 50], skip=drop)
    arrivals += [(t + 0.013, p) for t, p in arrivals if int.from_bytes(p.payload, "big") in dup]
    jb = JitterBuffer()
    out = play(jb, sorted(arrivals, key=lambda a: a[0]), 230)
    played = frames(out)
    assert played == sorted(set(played))
    assert not set(played) & drop
    c = jb.counters
    assert c["played"] == len(played)
    assert 0.02 <= jb.target <= 0.2
