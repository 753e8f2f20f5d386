from __future__ import annotations

import pytest

from telephony.media.stats import (
    ReceiverStatistics,
    RtcpScheduler,
    ntp_middle32,
    ntp_timestamp,
)

FRAME = 0.02


def feed(stats: ReceiverStatistics, seqs, *, start_ts=0, jitter=None):
    """Packets ``seqs`` (extended; reduced mod 2**16 here) sent every 20 ms, 160 ticks each."""
    for i, ext in enumerate(seqs):
        delay = jitter(i) if jitter else 0.0
        stats.update(ext & 0xFFFF, (start_ts + 160 * ext) & 0xFFFF_FFFF, ext * FRAME + delay)


def test_probation_then_counts_across_the_sequence_wrap():
    stats = ReceiverStatistics(ssrc=7, clock_rate=8000)
    seqs = [s for s in range(65530, 65547) if s not in (65535, 65540)]  # two lost
    feed(stats, seqs)
    # A.1: the first packet is probation; counting starts at the second (65531).
    assert stats.received == len(seqs) - 1
    assert stats.extended_max_sequence == 65546  # one cycle + 10
    assert stats.expected == 65546 - 65531 + 1
    assert stats.cumulative_lost == 2
    block = stats.report_block(now=1.0)
    assert block.ssrc == 7
    assert block.highest_sequence == 65546
    assert block.packets_lost == 2
    assert block.fraction_lost == (2 << 8) // 16


def test_fraction_lost_is_per_interval():
    stats = ReceiverStatistics(1, 8000)
    feed(stats, [s for s in range(0, 101) if s % 10 != 5])  # 10 % loss
    first = stats.report_block(1.0)
    assert first.fraction_lost == (10 << 8) // 100
    feed(stats, range(101, 201))  # no loss in the next interval
    second = stats.report_block(2.0)
    assert second.fraction_lost == 0
    assert second.packets_lost == 10  # cumulative keeps the old losses


def test_duplicates_make_cumulative_loss_negative_and_fraction_zero():
    stats = ReceiverStatistics(1, 8000)
    feed(stats, [0, 1, 2, 3, 3, 3, 4])
    assert stats.cumulative_lost == -2
    block = stats.report_block(1.0)
    assert (block.packets_lost, block.fraction_lost) == (-2, 0)


def test_single_stray_jump_is_ignored_but_a_restart_is_believed():
    stats = ReceiverStatistics(1, 8000)
    feed(stats, range(0, 50))
    assert stats.update(40_000, 0, 1.0) is False  # one stray packet far ahead
    assert stats.received == 49
    assert stats.update(50, 50 * 160, 1.0) is True  # the stream carries on
    assert stats.update(30_000, 0, 1.1) is False
    assert stats.update(30_001, 160, 1.12) is True  # two in a row: the sender restarted
    assert stats.received == 1
    assert stats.expected == 1


def test_jitter_is_zero_for_a_steady_stream_and_tracks_alternating_delay():
    steady = ReceiverStatistics(1, 8000)
    feed(steady, range(500))
    assert steady.jitter == pytest.approx(0.0, abs=1e-6)
    bumpy = ReceiverStatistics(1, 8000)
    feed(bumpy, range(500), jitter=lambda i: 0.01 * (i % 2))  # every other packet 10 ms late
    # |D| is 10 ms every packet, so J converges to 10 ms = 80 timestamp units.
    assert bumpy.jitter == pytest.approx(80, rel=0.01)
    assert bumpy.report_block(10.0).jitter == int(bumpy.jitter)


def test_jitter_survives_a_timestamp_wrap():
    stats = ReceiverStatistics(1, 8000)
    feed(stats, range(200), start_ts=0xFFFF_FFFF - 160 * 100)  # wraps halfway
    assert stats.jitter < 1


def test_telephone_events_stay_out_of_the_jitter_estimate():
    stats = ReceiverStatistics(1, 8000)
    feed(stats, range(10))
    for i in range(10, 20):  # one event: the same timestamp for 200 ms
        stats.update(i, 1600, i * FRAME, timing=False)
    feed(stats, range(20, 30))  # audio again, compared with the audio before the event
    assert stats.jitter == pytest.approx(0.0, abs=1e-6)
    assert stats.received == 29


def test_lsr_and_dlsr():
    stats = ReceiverStatistics(1, 8000)
    feed(stats, range(3))
    assert stats.report_block(1.0).lsr == 0 and stats.report_block(1.0).dlsr == 0
    ntp = ntp_timestamp(1_700_000_000.25)
    stats.on_sender_report(ntp, now=10.0)
    block = stats.report_block(now=10.5)
    assert block.lsr == ntp_middle32(ntp)
    assert block.dlsr == 32768  # 0.5 s in 1/65536 s


def test_ntp_conversion():
    assert ntp_timestamp(0.0) >> 32 == 2_208_988_800
    assert ntp_timestamp(0.5) & 0xFFFF_FFFF == 1 << 31
    assert ntp_middle32(0x1122_3344_5566_7788) == 0x3344_5566


class FakeRandom:
    def __init__(self, *values: float) -> None:
        self.values = list(values)

    def __call__(self) -> float:
        return self.values.pop(0)


def test_scheduler_first_report_after_half_an_interval_then_randomised():
    scheduler = RtcpScheduler(FakeRandom(0.5, 0.0, 0.999), interval=5.0)
    assert scheduler.next_due is None and not scheduler.due(100.0)
    now = 100.0
    scheduler.start(now)
    assert scheduler.next_due == pytest.approx(102.5)  # 5 / 2 * (0.5 + 0.5)
    scheduler.start(now + 1)  # starting twice changes nothing
    assert scheduler.next_due == pytest.approx(102.5)
    now += 2.4
    assert not scheduler.due(now)
    now += 0.1
    assert scheduler.due(now)
    scheduler.sent(now)
    assert scheduler.next_due == pytest.approx(now + 2.5)  # factor 0.5
    now += 2.5
    scheduler.sent(now)
    assert scheduler.next_due == pytest.approx(now + 7.495)  # factor 1.499


def test_scheduler_interval_stays_within_half_to_one_and_a_half():
    import random

    rng = random.Random(1)
    scheduler = RtcpScheduler(rng.random)
    now = 0.0
    scheduler.start(now)
    gaps = []
    for _ in range(1000):
        assert scheduler.next_due is not None
        gaps.append(scheduler.next_due - now)
        now = scheduler.next_due
        scheduler.sent(now)
    assert min(gaps[1:]) >= 2.5 and max(gaps[1:]) < 7.5
    assert sum(gaps[1:]) / len(gaps[1:]) == pytest.approx(5.0, rel=0.05)
