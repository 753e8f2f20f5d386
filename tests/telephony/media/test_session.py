from __future__ import annotations

import heapq
import random
from pathlib import Path

import numpy as np
import pytest

from telephony.leg import FRAME_SAMPLES
from telephony.media.codecs import codec_for
from telephony.media.dtmf import TelephoneEvent
from telephony.media.rtcp import Bye, ReceiverReport, SenderReport, parse_rtcp, serialize_rtcp
from telephony.media.rtp import RtpPacket, is_rtcp
from telephony.media.session import RtpSession
from tests.telephony.media.mutate import fixture
from tests.telephony.media.pcap import CAPTURES, read_udp

A = ("127.0.0.11", 4000)
B = ("127.0.0.12", 5000)
FRAME = 0.02


def tone_frames(seconds: float, freq: float = 440.0):
    t = np.arange(int(seconds * 16000)) / 16000
    pcm = (8000 * np.sin(2 * np.pi * freq * t)).astype(np.int16)
    return [pcm[i : i + FRAME_SAMPLES] for i in range(0, len(pcm), FRAME_SAMPLES)]


class Network:
    """Delivers datagrams between sessions by host after ``delay`` (+ jitter), maybe lost."""

    def __init__(self, sessions, *, delay=0.03, jitter=0.0, loss=0.0, seed=0):
        self.sessions = sessions  # host -> (session, rtp address)
        self.delay, self.jitter, self.loss = delay, jitter, loss
        self.rng = random.Random(seed)
        self.queue: list = []
        self.count = 0

    def send(self, datagrams, src_host, now):
        rtp_addr = self.sessions[src_host][1]
        for data, dst in datagrams:
            if self.rng.random() < self.loss and not is_rtcp(data):
                continue
            src = rtp_addr if not is_rtcp(data) else (rtp_addr[0], rtp_addr[1] + 1)
            when = now + self.delay + self.rng.uniform(0, self.jitter)
            self.count += 1
            heapq.heappush(self.queue, (when, self.count, data, src, dst))

    def deliver(self, now):
        while self.queue and self.queue[0][0] <= now:
            when, _, data, src, dst = heapq.heappop(self.queue)
            self.sessions[dst[0]][0].receive(data, src, when)


def call(a, b, seconds, *, network=None, frames_a=None, on_tick=None, start=0.0):
    """Run both sessions on one fake 20 ms clock; return what each pulled."""
    net = network or Network({A[0]: (a, A), B[0]: (b, B)})
    frames_a = frames_a or []
    pulled = {"a": [], "b": []}
    for k in range(round(seconds / FRAME)):
        now = start + k * FRAME
        net.deliver(now)
        if on_tick:
            net.send(on_tick(k, now) or [], A[0], now)
        frame = frames_a[k] if k < len(frames_a) else np.zeros(FRAME_SAMPLES, np.int16)
        net.send(a.send_frame(frame, now) + a.datagrams_to_send(now), A[0], now)
        net.send(b.send_frame(np.zeros(FRAME_SAMPLES, np.int16), now), B[0], now)
        net.send(b.datagrams_to_send(now), B[0], now)
        pulled["a"].append(a.pull_frame(now + 0.01))
        pulled["b"].append(b.pull_frame(now + 0.01))
    return pulled, net


def pair(codec="PCMU", **kwargs):
    a = RtpSession(codec_for(codec), remote=B, rng=random.Random(1), **kwargs)
    b = RtpSession(codec_for(codec), remote=A, rng=random.Random(2), **kwargs)
    return a, b


def best_snr(sent: np.ndarray, got: np.ndarray) -> float:
    ref = sent.astype(np.float64)[8000:24000]
    best = max(range(0, 4000), key=lambda d: float(np.dot(ref, got[8000 + d : 24000 + d])))
    err = ref - got.astype(np.float64)[8000 + best : 24000 + best]
    return float(10 * np.log10(np.sum(ref**2) / np.sum(err**2)))


@pytest.mark.parametrize("codec", ["PCMU", "PCMA", "G722"])
def test_audio_end_to_end(codec):
    a, b = pair(codec)
    frames = tone_frames(2.0, 440 if codec != "G722" else 5000)
    pulled, _ = call(a, b, 2.2, frames_a=frames)
    got = np.concatenate(pulled["b"])
    assert all(f.shape == (FRAME_SAMPLES,) and f.dtype == np.int16 for f in pulled["b"])
    assert best_snr(np.concatenate(frames), got) > 20
    counters = b.counters
    assert counters["rtp_received"] == 108  # the last two are still on the wire
    assert counters["jitter_lost"] == 0 and counters["unknown_source"] == 0


def test_wire_format_of_what_we_send():
    a, _ = pair("G722")
    (first,) = a.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.0)
    (second,) = a.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.02)
    p1, p2 = RtpPacket.parse(first[0]), RtpPacket.parse(second[0])
    assert first[1] == B
    assert (p1.payload_type, p1.marker, p2.marker) == (9, True, False)
    assert p2.sequence_number == (p1.sequence_number + 1) & 0xFFFF
    assert p2.timestamp == (p1.timestamp + 160) & 0xFFFF_FFFF  # G.722: 8000 Hz RTP clock
    assert p1.ssrc == p2.ssrc == a.ssrc
    assert len(p1.payload) == 160


def test_dtmf_end_to_end_replaces_audio_and_arrives_once():
    a, b = pair()
    sent = []
    orig_send = a.send_frame

    def spy(pcm, now):
        out = orig_send(pcm, now)
        sent.extend(RtpPacket.parse(d) for d, _ in out)
        return out

    a.send_frame = spy  # type: ignore[method-assign]

    def tick(k, now):
        out = []
        if k == 10:
            for digit in "12#":
                out += a.send_dtmf(digit, now)
        sent.extend(RtpPacket.parse(d) for d, _ in out)
        return out

    call(a, b, 2.0, on_tick=tick)
    assert [d.digit for d in b.events()] == ["1", "2", "#"]
    assert list(b.events()) == []  # drained
    events = [p for p in sent if p.payload_type == 101]
    assert len(events) == 15  # per digit: start, one update, three ends
    first_event = sent.index(events[0])
    audio_before = sent[first_event - 1]
    assert events[0].marker and events[0].timestamp == audio_before.timestamp + 160
    seqs = [p.sequence_number for p in sent]
    assert seqs == [(seqs[0] + i) & 0xFFFF for i in range(len(seqs))]  # one sequence space
    for ts in {p.timestamp for p in events}:  # no audio while a digit is sounding
        span = [i for i, p in enumerate(sent) if p.payload_type == 101 and p.timestamp == ts]
        assert all(p.payload_type == 101 for p in sent[span[0] : span[-1] + 1])
        reports = [TelephoneEvent.parse(sent[i].payload) for i in span]
        assert len({r.digit for r in reports}) == 1 and reports[-1].end
    assert b.counters["dtmf_digits"] == 3
    assert b.counters["jitter_lost"] == 0  # event packets held their sequence numbers


def test_dtmf_with_every_end_packet_lost_comes_from_the_timer():
    b = RtpSession(codec_for("PCMU"), remote=A, rng=random.Random(2))
    ts = 50_000
    for i, duration in enumerate((0, 400, 800)):
        packet = RtpPacket(101, 10 + i, ts, 77, bytes(TelephoneEvent(7, False, 10, duration)))
        b.receive(bytes(packet), A, 1.0 + 0.05 * i)
    assert list(b.events()) == []
    deadline = b.get_timer()
    assert deadline == pytest.approx(1.1 + 0.25)
    b.handle_timer(deadline - 0.01)
    assert list(b.events()) == []
    b.handle_timer(deadline)
    assert [d.digit for d in b.events()] == ["7"]


def test_send_dtmf_errors():
    a, _ = pair()
    with pytest.raises(ValueError):
        a.send_dtmf("x", 0.0)
    no_events = RtpSession(codec_for("PCMU"), telephone_event_pt=None, remote=B)
    with pytest.raises(ValueError):
        no_events.send_dtmf("1", 0.0)
    for _ in range(33):  # one sounding, 32 waiting
        a.send_dtmf("1", 0.0)
    with pytest.raises(OverflowError):
        a.send_dtmf("1", 0.0)


def test_dtmf_timer_drives_packets_without_audio_ticks():
    a, _ = pair()
    out = a.send_dtmf("9", 0.0)
    assert len(out) == 1 and RtpPacket.parse(out[0][0]).marker
    now, packets = 0.0, []
    while (when := a.get_timer()) is not None and when < 1.0:
        now = when
        a.handle_timer(now)
        packets += [RtpPacket.parse(d) for d, _ in a.datagrams_to_send(now) if not is_rtcp(d)]
    reports = [TelephoneEvent.parse(p.payload) for p in packets]
    assert [r.end for r in reports] == [False, True, True, True]
    assert len({p.timestamp for p in [*packets, RtpPacket.parse(out[0][0])]}) == 1


def test_unknown_sources_are_ignored_and_counted():
    a, b = pair()
    (datagram,) = a.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.0)
    b.receive(datagram[0], ("127.0.0.99", 4000), 0.0)
    assert b.counters["unknown_source"] == 1 and b.last_received is None


def test_symmetric_rtp_latches_onto_the_port_media_really_comes_from():
    """A NAT or PBX may send from another port of the host its SDP names: answer there."""
    a, b = pair()
    (datagram,) = a.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.0)
    b.receive(datagram[0], (A[0], 4002), 0.0)
    assert b.counters["relatched"] == 1 and b.remote == (A[0], 4002)
    (out,) = b.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.02)
    assert out[1] == (A[0], 4002)


def test_latching_onto_the_first_source_when_remote_unknown():
    a, _ = pair()
    b = RtpSession(codec_for("PCMU"), rng=random.Random(2))
    assert b.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.0) == []
    assert b.counters["unsent_no_remote"] == 1
    d1 = a.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.0)[0][0]
    d2 = a.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.02)[0][0]
    b.receive(d1, ("192.0.2.7", 31000), 0.01)
    assert b.remote == ("192.0.2.7", 31000)
    b.receive(d2, ("192.0.2.8", 31000), 0.03)  # latched once: others are strangers
    assert b.counters["unknown_source"] == 1
    (out,) = b.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.04)
    assert out[1] == ("192.0.2.7", 31000)


def test_no_latching_when_disabled():
    a, _ = pair()
    b = RtpSession(codec_for("PCMU"), latch=False)
    b.receive(a.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.0)[0][0], A, 0.0)
    assert b.remote is None and b.counters["unknown_source"] == 1


def test_wrong_payload_type_and_garbage_never_raise():
    _, b = pair()
    b.receive(bytes(RtpPacket(18, 1, 0, 5, b"g729")), A, 0.0)  # G.729: not negotiated
    b.receive(b"\x80", A, 0.0)
    b.receive(b"", A, 0.0)
    b.receive(b"\x81\xc9\x00\x09", (A[0], 4001), 0.0)  # RTCP claiming 40 bytes
    b.receive(bytes(RtpPacket(101, 1, 0, 5, b"\x01")), A, 0.0)  # short telephone-event
    c = b.counters
    assert c["wrong_payload_type"] == 1
    assert c["rtp_malformed"] == 2 and c["rtcp_malformed"] == 1 and c["dtmf_malformed"] == 1
    rng = random.Random(11)
    for _ in range(5000):
        b.receive(rng.randbytes(rng.randrange(0, 60)), A, 0.1)
        b.pull_frame(0.1)


def test_last_received_for_media_timeout():
    a, b = pair()
    call(a, b, 1.0)
    assert b.last_received is not None and 0.9 < b.last_received <= 1.0
    silent_since = b.last_received
    for k in range(100):  # A stops sending; B keeps pulling
        b.pull_frame(2.0 + k * FRAME)
    assert b.last_received == silent_since


def test_rtcp_reports_loss_jitter_and_round_trip():
    a, b = pair()
    net = Network({A[0]: (a, A), B[0]: (b, B)}, delay=0.04, jitter=0.01, loss=0.05, seed=3)
    call(a, b, 30.0, network=net, frames_a=tone_frames(30.0))
    assert a.counters["rtcp_sent"] >= 4 and b.counters["rtcp_received"] >= 4
    assert a.round_trip_time == pytest.approx(0.09, abs=0.02)  # 2 x (40 ms + up to 10)
    assert b.round_trip_time == pytest.approx(0.09, abs=0.02)
    report = b._report(30.0)[0]  # what B would say about A now
    assert isinstance(report, SenderReport)
    (block,) = report.reports
    assert block.ssrc == a.ssrc
    assert 0.02 < block.packets_lost / 1500 < 0.08  # 5 % loss over 30 s
    assert 0 < block.jitter < 0.02 * 8000
    assert block.lsr != 0


def test_rtcp_report_shape_and_addresses():
    a = RtpSession(codec_for("PCMU"), remote=B, rng=random.Random(1), cname="agent@careline")
    out = []
    now = 0.0
    while not out:
        out = a.datagrams_to_send(now)
        now += 0.1
    (data, addr) = out[0]
    assert addr == (B[0], B[1] + 1)  # RTCP on port + 1 without rtcp-mux
    first, sdes = parse_rtcp(data)
    assert isinstance(first, ReceiverReport) and first.reports == ()  # sent and heard nothing
    assert sdes.chunks[0].items[0].value == b"agent@careline"
    mux = RtpSession(codec_for("PCMU"), remote=B, rtcp_mux=True)
    assert mux.close(0.0)[0][1] == B


def test_close_sends_bye_and_peer_notices():
    a, b = pair()
    call(a, b, 0.5)
    ((data, _),) = a.close(0.6)
    assert isinstance(parse_rtcp(data)[-1], Bye)
    b.receive(data, (A[0], A[1] + 1), 0.7)
    assert b.remote_bye


def test_rtcp_from_a_stranger_is_ignored():
    _, b = pair()
    b.receive(serialize_rtcp([Bye((1,))]), ("127.0.0.66", 4001), 0.0)
    assert not b.remote_bye and b.counters["unknown_source"] == 1


def test_new_remote_ssrc_mid_call():
    a, b = pair()
    call(a, b, 1.0, frames_a=tone_frames(1.0))
    a2 = RtpSession(codec_for("PCMU"), remote=B, rng=random.Random(9))  # a transfer, say
    pulled2, _ = call(a2, b, 1.0, frames_a=tone_frames(1.0), start=1.0)
    assert b.counters["jitter_resyncs"] == 1
    assert np.abs(np.concatenate(pulled2["b"][10:])).max() > 4000


def test_network_jitter_and_reordering_keep_audio_flowing():
    a, b = pair()
    net = Network({A[0]: (a, A), B[0]: (b, B)}, delay=0.03, jitter=0.05, seed=5)
    call(a, b, 10.0, network=net, frames_a=tone_frames(10.0))
    c = b.counters
    assert c["jitter_played"] >= 480
    assert c["jitter_late"] + c["jitter_lost"] < 20
    assert 0.04 <= b.jitter_buffer.target <= 0.1


def test_real_30ms_alaw_fixtures_are_reframed_to_20ms():
    b = RtpSession(codec_for("PCMA"), remote=("127.0.0.143", 5000))
    now = 0.0
    for name in ("g711a_first", "g711a_second"):
        b.receive(fixture(name), ("127.0.0.143", 5000), now)
        now += 0.03
    frames = [b.pull_frame(now + k * FRAME) for k in range(4)]
    assert all(f.shape == (FRAME_SAMPLES,) for f in frames)
    assert b.counters["rtp_received"] == 2


@pytest.mark.skipif(not CAPTURES.exists(), reason="sip-tester captures not installed")
def test_whole_real_g711a_capture_plays_through():
    datagrams = list(read_udp(Path(CAPTURES) / "g711a.pcap"))
    b = RtpSession(codec_for("PCMA"), remote=datagrams[0].src)
    t0 = datagrams[0].time
    pos, frames = 0, []
    for k in range(int(7.2 / FRAME)):
        now = k * FRAME
        while pos < len(datagrams) and datagrams[pos].time - t0 <= now:
            b.receive(datagrams[pos].payload, datagrams[pos].src, datagrams[pos].time - t0)
            pos += 1
        frames.append(b.pull_frame(now))
    assert b.counters["rtp_received"] == 236
    assert b.counters["jitter_lost"] == 0
    loud = sum(1 for f in frames if np.abs(f.astype(np.int32)).max() > 4000)
    assert loud > 100  # ~3.5 s of the 7 s capture is speech
