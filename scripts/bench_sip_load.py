#!/usr/bin/env python3
"""Benchmark ``careline serve`` under SIP load: call set-up time idle and with N concurrent calls.

In one run, against one ``careline serve`` this script starts on 127.0.0.1 (and stops by its
pid, also on Ctrl-C or SIGTERM):

1. **idle set-up time**: a warm-up call, then ``--idle-calls`` sequential sipp calls with nothing
   else in progress (each waits until careline reports no call active). Set-up time is INVITE
   in -> 200 OK out, stamped by the kernel on ``lo`` (a packet socket filtered to careline's SIP
   port; needs root or CAP_NET_RAW). sipp's ``-trace_msg`` timestamps are kept beside it as
   the caller's view, and used alone without the capture: they carry sipp's own scheduling.
2. **loaded**: sipp places calls at ``--rate`` per second, at most ``--concurrent`` at once
   (``-r RATE -l CONCURRENT -m CALLS``); each caller waits for the greeting, says a sentence
   (streamed as A-law RTP) and the agent answers, then the caller stays on the line (a pause;
   ``--say-every S`` repeats the sentence every S s instead) and hangs up after ``--hold`` s.
   Reported: calls answered / failed, set-up p50/p95 (target p95 < 100 ms) over all loaded
   calls and over those placed at full load (after the ramp), loaded p95 / idle p95.
3. **media health on careline's side**: per call, the speaker underruns written in the call
   records (``--records-dir``: a gap the caller hears because synthesis fell behind); the media
   clocks' ``clock_skips`` / ``dropped_frames`` summed over calls in progress (the ``media``
   field of ``/health``), polled every ``--poll`` s; the ``/health`` round trip itself, which
   runs on careline's event loop and so shows how late that loop is (loop lag).
4. **CPU** of the careline process (utime + stime from /proc/PID/stat, descendants included)
   during the loaded phase: % of one core, per concurrent call, and CPU seconds per call.

Writes ``OUT/sip_load.json`` and ``OUT/sip_load.png`` (set-up times over the run, with calls
in progress, CPU and loop lag); sipp's logs, careline's log and the call records go to
``OUT/run-*/``. Traffic stays on 127.0.0.1; every count and wait is bounded.

    .venv/bin/python scripts/bench_sip_load.py                        # 20 concurrent, 2 min
    .venv/bin/python scripts/bench_sip_load.py --calls 3 --seconds 20 # a quick look
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import http.client
import itertools
import json
import math
import os
import platform
import re
import shlex
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.telephony.peers import (  # noqa: E402
    LOOPBACK,
    Peer,
    PeerProcessError,
    Sipp,
    free_port,
)

PYTHON = ROOT / ".venv" / "bin" / "python"
TARGET_P95_MS = 100.0
SENTENCE = "What time do you open on Saturday?"
CLK_TCK = os.sysconf("SC_CLK_TCK")

# The caller: INVITE with an A-law offer, ACK, wait for the greeting, speak (rtp_stream), keep
# the call up with a pause, hang up. A 200 that never comes fails the call after 10 s.
SCENARIO = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="careline load caller">
  <send retrans="500">
    <![CDATA[
INVITE sip:careline@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
From: "Load Caller" <sip:5551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:careline@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:5551230000@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [rtpstream_audio_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendrecv
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" timeout="10000"/>
  <send>
    <![CDATA[
ACK sip:careline@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
From: "Load Caller" <sip:5551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:careline@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: <sip:5551230000@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
@MEDIA@
  <send retrans="500">
    <![CDATA[
BYE sip:careline@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
From: "Load Caller" <sip:5551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:careline@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: <sip:5551230000@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
  <recv response="200" crlf="true" timeout="10000"/>
</scenario>
"""


def scenario(media: str) -> str:
    return SCENARIO.replace("@MEDIA@", media)


def talking_scenario(audio: Path, loops: int, greeting_ms: int, hold_ms: int) -> str:
    return scenario(
        f'  <pause milliseconds="{greeting_ms}"/>\n'
        f'  <nop><action><exec rtp_stream="{audio},{loops},8"/></action></nop>\n'
        f'  <pause milliseconds="{max(0, hold_ms - greeting_ms)}"/>'
    )


def caller_audio(out_dir: Path, say_every: float) -> tuple[Path, float]:
    """The caller's sentence as raw A-law (what rtp_stream sends), phone band, padded with
    silence to ``say_every`` s when it is to be repeated; and the sentence's length."""
    out_dir.mkdir(parents=True, exist_ok=True)
    raw, wav, alaw = out_dir / "tts.wav", out_dir / "caller.wav", out_dir / "caller.alaw"
    subprocess.run(["flite", "-voice", "slt", "-t", SENTENCE, "-o", str(raw)], check=True)
    subprocess.run(
        ["sox", str(raw), "-r", "8000", "-c", "1", "-b", "16", str(wav), "sinc", "300-3400"],
        check=True,
    )
    seconds = float(
        subprocess.run(["soxi", "-D", str(wav)], capture_output=True, text=True, check=True).stdout
    )
    pad = ["pad", "0", f"{max(0.0, say_every - seconds):.3f}"] if say_every > 0 else []
    subprocess.run(["sox", str(wav), "-e", "a-law", "-t", "raw", str(alaw), *pad], check=True)
    return alaw, seconds


# ------------------------------------------------------------------------- careline serve


class CarelineServe(Peer):
    """``careline serve`` in a folder of its own (its clinic database goes there too)."""

    name = "careline"
    grace = 15.0  # SIGTERM drains (--drain-timeout 5) before SIGKILL

    def __init__(
        self,
        workdir: Path,
        *,
        sip: int,
        http: int,
        rtp: tuple[int, int],
        records: Path,
        lifetime: float,
        ready_timeout: float,
        extra: list[str] | None = None,
    ) -> None:
        super().__init__(workdir, lifetime=lifetime)
        self.sip, self.http, self.rtp, self.records = sip, http, rtp, records
        self.ready_timeout = ready_timeout
        self.extra = extra or []

    def command(self) -> list[str]:
        return [
            str(PYTHON), "-m", "agent.cli", "--log-level", "INFO", "serve",
            "--sip", f"{LOOPBACK}:{self.sip}", "--http", f"{LOOPBACK}:{self.http}",
            "--rtp-ports", f"{self.rtp[0]}-{self.rtp[1]}",
            "--records-dir", str(self.records), "--drain-timeout", "5", *self.extra,
        ]  # fmt: skip

    def environment(self) -> dict[str, str]:
        return os.environ | {"PYTHONPATH": str(ROOT)}

    def ready(self, deadline: float) -> None:
        deadline = time.monotonic() + self.ready_timeout  # loading the models takes a while
        while time.monotonic() < deadline:
            if not self.running:
                raise PeerProcessError(f"careline serve exited while starting\n{self.describe()}")
            with contextlib.suppress(OSError, ValueError):
                health(self.http, timeout=1.0)
                return
            time.sleep(0.5)
        raise PeerProcessError(f"careline serve not ready in {self.ready_timeout:.0f} s")


def health(port: int, timeout: float = 5.0) -> tuple[dict[str, Any], float]:
    """careline's /health JSON and its round trip in ms (it is served on the call loop)."""
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        conn.request("GET", "/health")
        body = conn.getresponse().read()
    finally:
        conn.close()
    return json.loads(body), (time.perf_counter() - t0) * 1000


def cpu_ticks(pid: int) -> tuple[int, int, int]:
    """utime+stime (+ reaped children's) of ``pid`` and its live descendants; the same for
    its main thread alone (the asyncio loop: SIP, media clocks, VAD); its thread count."""
    stats: dict[int, list[str]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                text = Path(f"/proc/{entry.name}/stat").read_text()
                stats[int(entry.name)] = text[text.rindex(")") + 2 :].split()
    family, grew = {pid}, True
    while grew:
        more = {p for p, f in stats.items() if int(f[1]) in family} - family
        family |= more
        grew = bool(more)
    ticks = sum(sum(int(x) for x in stats[p][11:15]) for p in family if p in stats)
    threads = int(stats[pid][17]) if pid in stats else 0
    loop = 0
    with contextlib.suppress(OSError):
        text = Path(f"/proc/{pid}/task/{pid}/stat").read_text()
        loop = sum(int(x) for x in text[text.rindex(")") + 2 :].split()[11:13])
    return ticks, loop, threads


@dataclass
class Sample:
    t: float  # when the CPU counters were read, just before /health was asked
    cpu_ticks: int
    loop_ticks: int
    threads: int
    calls_active: int | None
    health_ms: float | None
    clock_skips: int | None
    dropped_frames: int | None

    def row(self, t0: float) -> dict[str, Any]:
        return {
            "t_s": round(self.t - t0, 2),
            "cpu_s": round(self.cpu_ticks / CLK_TCK, 2),
            "loop_thread_cpu_s": round(self.loop_ticks / CLK_TCK, 2),
            "threads": self.threads,
            "calls_active": self.calls_active,
            "health_rtt_ms": None if self.health_ms is None else round(self.health_ms, 1),
            "clock_skips": self.clock_skips,
            "dropped_frames": self.dropped_frames,
        }


def sample(server: CarelineServe) -> Sample:
    t = time.time()
    ticks, loop, threads = cpu_ticks(server.pid)
    try:
        status, ms = health(server.http)
        media = status.get("media", {})
        return Sample(
            t,
            ticks,
            loop,
            threads,
            status["calls_active"],
            ms,
            media.get("clock_skips"),
            media.get("dropped_frames"),
        )
    except (OSError, ValueError, KeyError):
        return Sample(t, ticks, loop, threads, None, None, None, None)


# ---------------------------------------------------------------------------- sipp's log

_HEAD = re.compile(r"^-{10,} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)$")


@dataclass
class CallSetup:
    call_id: str
    t_invite: float
    t_answer: float | None = None
    status: int | None = None  # the final response to the INVITE
    invites_sent: int = 0
    provisional: list[int] = field(default_factory=list)
    wire_ms: float | None = None  # from the capture on lo, when there is one

    @property
    def sipp_ms(self) -> float | None:
        """Set-up time as sipp logged it (includes sipp's own scheduling)."""
        if self.t_answer is None or self.status != 200:
            return None
        return (self.t_answer - self.t_invite) * 1000

    @property
    def setup_ms(self) -> float | None:
        """The figure reported: on the wire when captured, else sipp's."""
        if self.status != 200:
            return None
        return self.wire_ms if self.wire_ms is not None else self.sipp_ms


def parse_messages(path: Path) -> list[CallSetup]:
    """Each call's first INVITE sent and the final response to it, from ``-trace_msg``."""
    calls: dict[str, CallSetup] = {}
    blocks: list[tuple[float, bool, list[str]]] = []
    with contextlib.suppress(OSError), open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = _HEAD.match(line)
            if m:
                when = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()
                blocks.append((when, False, []))
            elif blocks:
                if not blocks[-1][2] and " message sent " in line:
                    blocks[-1] = (blocks[-1][0], True, blocks[-1][2])
                blocks[-1][2].append(line)
    for when, sent, lines in blocks:
        text = [ln for ln in lines[1:] if ln.strip()]
        if not text:
            continue
        first = text[0]
        heads = {}
        for ln in text[1:]:
            name, _, value = ln.partition(":")
            heads.setdefault(name.strip().lower(), value.strip())
        call_id, cseq = heads.get("call-id", ""), heads.get("cseq", "")
        if sent and first.startswith("INVITE "):
            call = calls.setdefault(call_id, CallSetup(call_id, when))
            call.invites_sent += 1
        elif not sent and first.startswith("SIP/2.0 ") and cseq.endswith("INVITE"):
            call = calls.get(call_id)
            code = int(first.split()[1])
            if call is None or call.status is not None:
                continue  # a retransmitted final response
            if code < 200:
                call.provisional.append(code)
            else:
                call.status, call.t_answer = code, when
    return sorted(calls.values(), key=lambda c: c.t_invite)


# ------------------------------------------------------------------------ SIP on the wire

SO_TIMESTAMPNS = 35  # Linux; the kernel's receive time of each packet, in ns
SO_ATTACH_FILTER = 26


def _udp_port_filter(port: int) -> bytes:
    """Classic BPF for a cooked (network-header) packet socket: IPv4 UDP to or from ``port``."""
    ins = [
        (0x30, 0, 0, 0),  # ldb [0]
        (0x54, 0, 0, 0xF0),  # and #0xf0
        (0x15, 0, 7, 0x40),  # jeq #IPv4, else drop
        (0x30, 0, 0, 9),  # ldb [9]
        (0x15, 0, 5, 17),  # jeq #UDP, else drop
        (0xB1, 0, 0, 0),  # ldxb 4*([0]&0xf)
        (0x48, 0, 0, 0),  # ldh [x+0]  source port
        (0x15, 3, 0, port),  # jeq #port -> accept
        (0x48, 0, 0, 2),  # ldh [x+2]  destination port
        (0x15, 1, 0, port),  # jeq #port -> accept
        (0x06, 0, 0, 0),  # drop
        (0x06, 0, 0, 0x40000),  # accept
    ]
    return b"".join(struct.pack("HBBI", *i) for i in ins)


class WireCapture:
    """SIP to and from careline on ``lo``, with the kernel's timestamps (needs CAP_NET_RAW).

    sipp's ``-trace_msg`` stamps a message when sipp gets round to logging it, so on two busy
    cores its set-up times carry sipp's own scheduling (sub-0.1 ms set-ups appear when sipp logs
    its INVITE late). The kernel stamps the packet as it is sent on loopback: INVITE in -> 200
    out is careline's time alone."""

    def __init__(self, sip_port: int) -> None:
        self.port = sip_port
        self.messages: list[tuple[float, bool, str, str, str]] = []  # t, to_careline, line...
        self._stop = threading.Event()
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
        program = _udp_port_filter(sip_port)
        buf = ctypes.create_string_buffer(program)
        fprog = struct.pack("HL", len(program) // 8, ctypes.addressof(buf))
        self.sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
        self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.bind(("lo", 0))
        self.sock.settimeout(0.2)
        self._thread = threading.Thread(target=self._run, name="sip-capture", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data, anc, _, addr = self.sock.recvmsg(65535, 64)
            except TimeoutError:
                continue
            except OSError:
                return
            if addr[2] == socket.PACKET_OUTGOING:
                continue  # loopback shows each packet twice; keep the received copy
            when = time.time()
            for level, kind, value in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    sec, nsec = struct.unpack("qq", value[:16])
                    when = sec + nsec / 1e9
            ihl = (data[0] & 0x0F) * 4
            _, dport = struct.unpack("!HH", data[ihl : ihl + 4])
            text = data[ihl + 8 :].decode("utf-8", "replace").split("\r\n")
            heads: dict[str, str] = {}
            for ln in text[1:]:
                if not ln:
                    break
                name, _, value = ln.partition(":")
                heads.setdefault(name.strip().lower(), value.strip())
            call_id = heads.get("call-id", heads.get("i", ""))
            self.messages.append(
                (when, dport == self.port, text[0], call_id, heads.get("cseq", ""))
            )

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()

    def setups(self, call_ids: set[str]) -> dict[str, float]:
        """Call-ID -> INVITE in -> first final 200 out, in ms, for these calls."""
        invite: dict[str, float] = {}
        out: dict[str, float] = {}
        for when, inbound, line, call_id, cseq in list(self.messages):
            if call_id not in call_ids:
                continue
            if inbound and line.startswith("INVITE ") and call_id not in invite:
                invite[call_id] = when
            elif (
                not inbound
                and line.startswith("SIP/2.0 200")
                and cseq.endswith("INVITE")
                and call_id in invite
                and call_id not in out
            ):
                out[call_id] = (when - invite[call_id]) * 1000
        return out


# ------------------------------------------------------------------------------ numbers


def stats(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    a = np.asarray(values, dtype=float)
    return {
        "n": int(a.size),
        "p50": round(float(np.percentile(a, 50)), 2),
        "p95": round(float(np.percentile(a, 95)), 2),
        "mean": round(float(a.mean()), 2),
        "max": round(float(a.max()), 2),
    }


def ratio(a: dict[str, Any], b: dict[str, Any], key: str = "p95") -> float | None:
    if a.get(key) is None or not b.get(key):
        return None
    return round(a[key] / b[key], 2)


def cpu_between(samples: list[Sample], start: float, end: float) -> dict[str, Any]:
    inside = [s for s in samples if start <= s.t <= end]
    if len(inside) < 2:
        return {}
    first, last = inside[0], inside[-1]
    wall = last.t - first.t
    cpu = (last.cpu_ticks - first.cpu_ticks) / CLK_TCK
    loop = (last.loop_ticks - first.loop_ticks) / CLK_TCK
    # calls in progress, weighted by time (a slow /health stretches the sampling period)
    spans = [
        (b.t - a.t, a.calls_active)
        for a, b in itertools.pairwise(inside)
        if a.calls_active is not None
    ]
    covered = sum(d for d, _ in spans)
    mean_active = sum(d * n for d, n in spans) / covered if covered > 0 else 0.0
    pct = 100 * cpu / wall if wall > 0 else 0.0
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 2),
        "cpu_pct_of_one_core": round(pct, 1),
        "loop_thread_pct_of_one_core": round(100 * loop / wall, 1) if wall > 0 else None,
        "mean_calls_active": round(mean_active, 1),
        "cpu_pct_per_concurrent_call": round(pct / mean_active, 2) if mean_active else None,
        "loop_thread_pct_per_concurrent_call": round(100 * loop / wall / mean_active, 2)
        if mean_active and wall > 0
        else None,
    }


def record_health(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Per call, from careline's call records: speaker underruns, turns, reply latency."""
    per_call, latencies = [], []
    for rec in records:
        bot = [t for t in rec["turns"] if t["speaker"] == "bot"]
        caller = [t for t in rec["turns"] if t["speaker"] == "caller" and t.get("text")]
        per_call.append({
            "underruns": sum(t.get("underruns", 0) for t in bot),
            "bot_turns": len(bot),
            "caller_turns": len(caller),
            "end_reason": rec["end_reason"],
            "duration_s": rec["duration_s"],
        })  # fmt: skip
        latencies += rec.get("turn_latency_ms", [])
    ends: dict[str, int] = {}
    for c in per_call:
        ends[c["end_reason"]] = ends.get(c["end_reason"], 0) + 1
    return {
        "records": len(per_call),
        "calls_with_underruns": sum(1 for c in per_call if c["underruns"]),
        "underruns_total": sum(c["underruns"] for c in per_call),
        "underruns_max_per_call": max((c["underruns"] for c in per_call), default=0),
        "end_reasons": ends,
        "bot_turns_per_call": stats([c["bot_turns"] for c in per_call]),
        "caller_turns_per_call": stats([c["caller_turns"] for c in per_call]),
        "reply_latency_ms": stats(latencies),
        "per_call": per_call,
    }


def read_records(folder: Path, skip: set[str]) -> list[dict[str, Any]]:
    out = []
    for p in sorted(folder.glob("*.json")):
        if p.name not in skip:
            with contextlib.suppress(OSError, ValueError):
                out.append(json.loads(p.read_text()))
    return out


# ------------------------------------------------------------------------------- phases


def wait_idle(server: CarelineServe, samples: list[Sample], within: float) -> None:
    """Until careline has no call in progress (bounded)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        s = sample(server)
        samples.append(s)
        if s.calls_active == 0:
            return
        time.sleep(0.25)
    print(f"warning: calls still active after {within:.0f} s", file=sys.stderr)


def idle_phase(
    args: argparse.Namespace, server: CarelineServe, run: Path, samples: list[Sample]
) -> tuple[list[CallSetup], CallSetup | None]:
    xml = scenario(f'  <pause milliseconds="{args.idle_hold_ms}"/>')
    setups: list[CallSetup] = []
    warmup: CallSetup | None = None
    for i in range(args.idle_calls + 1):
        wait_idle(server, samples, 30)
        time.sleep(0.5)
        sipp = Sipp(
            xml,
            f"{LOOPBACK}:{server.sip}",
            workdir=run / "sipp-idle",
            calls=1,
            timeout=args.idle_hold_ms / 1000 + 25,
        )
        with sipp:
            result = sipp.result()
        calls = parse_messages(sipp.messages_path)
        if not result.ok:
            print(f"idle call {i} failed: {result.errors[-300:]}", file=sys.stderr)
        if i == 0:
            warmup = calls[0] if calls else None
        else:
            setups += calls
        samples.append(sample(server))
    wait_idle(server, samples, 30)
    return setups, warmup


def loaded_phase(
    args: argparse.Namespace, server: CarelineServe, run: Path, samples: list[Sample], audio: Path
) -> tuple[list[CallSetup], Any, float, float]:
    loops = -1 if args.say_every > 0 else 1
    xml = talking_scenario(audio, loops, args.greeting_ms, int(args.hold * 1000))
    media_base = free_port("udp", span=2 * args.n_calls + 8)
    if media_base <= server.rtp[1] and server.rtp[0] <= media_base + 2 * args.n_calls + 8:
        raise PeerProcessError("sipp's RTP ports overlap careline's; run again")
    budget = args.n_calls / args.rate + args.hold + 60
    sipp = Sipp(
        xml,
        f"{LOOPBACK}:{server.sip}",
        workdir=run / "sipp-loaded",
        calls=args.n_calls,
        rate=args.rate,
        limit=args.concurrent,
        timeout=budget,
        media_port=media_base,
    )
    start = time.time()
    with sipp:
        deadline = time.monotonic() + budget + 5
        next_print = 0.0
        while sipp.running and time.monotonic() < deadline:
            s = sample(server)
            samples.append(s)
            if time.monotonic() >= next_print:
                next_print = time.monotonic() + 10
                print(
                    f"  t={s.t - start:5.0f}s calls_active={s.calls_active} "
                    f"/health {s.health_ms or -1:.0f} ms",
                    file=sys.stderr,
                )
            time.sleep(args.poll)
        end = time.time()
        samples.append(sample(server))
        if sipp.running:
            print("warning: sipp still running at the deadline; stopping it", file=sys.stderr)
            sipp.stop()
        result = sipp.result(timeout=10)
    return parse_messages(sipp.messages_path), result, start, end


# --------------------------------------------------------------------------------- plot


def plot(
    path: Path,
    t0: float,
    idle: list[CallSetup],
    loaded: list[CallSetup],
    samples: list[Sample],
    loaded_window: tuple[float, float],
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(10, 7), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    for calls, colour, label in ((idle, "tab:blue", "idle"), (loaded, "tab:orange", "loaded")):
        ok = [c for c in calls if c.setup_ms is not None]
        top.scatter(
            [c.t_invite - t0 for c in ok],
            [c.setup_ms for c in ok],
            s=14,
            c=colour,
            label=f"set-up, {label} (n={len(ok)})",
        )
        bad = [c for c in calls if c.setup_ms is None]
        if bad:
            top.scatter(
                [c.t_invite - t0 for c in bad],
                [TARGET_P95_MS * 3] * len(bad),
                marker="x",
                c="red",
                label=f"not answered ({len(bad)})",
            )
    probe = [(s.t - t0, s.health_ms) for s in samples if s.health_ms is not None]
    if probe:
        top.plot(
            *zip(*probe, strict=True),
            color="grey",
            linewidth=0.7,
            alpha=0.7,
            label="/health round trip (event-loop lag)",
        )
    top.axhline(TARGET_P95_MS, color="k", linestyle="--", linewidth=1, label="target p95")
    top.axvspan(loaded_window[0] - t0, loaded_window[1] - t0, color="tab:orange", alpha=0.07)
    top.set_yscale("log")
    top.set_ylabel("INVITE -> 200 OK (ms)")
    top.set_title("careline serve: SIP call set-up time over the run (sipp on 127.0.0.1)")
    top.legend(fontsize=8, loc="upper left")
    active = [(s.t - t0, s.calls_active) for s in samples if s.calls_active is not None]
    if active:
        bottom.step(
            *zip(*active, strict=True), where="post", color="tab:green", label="calls in progress"
        )
    bottom.set_ylabel("calls in progress")
    bottom.set_xlabel("seconds since careline was ready")
    cpu_ax = bottom.twinx()
    pts = [
        (b.t - t0, 100 * (b.cpu_ticks - a.cpu_ticks) / CLK_TCK / (b.t - a.t))
        for a, b in itertools.pairwise(samples)
        if b.t - a.t > 0.05
    ]
    if pts:
        cpu_ax.plot(
            *zip(*pts, strict=True),
            color="tab:red",
            linewidth=0.8,
            alpha=0.8,
            label="careline CPU (% of one core)",
        )
    loop_pts = [
        (b.t - t0, 100 * (b.loop_ticks - a.loop_ticks) / CLK_TCK / (b.t - a.t))
        for a, b in itertools.pairwise(samples)
        if b.t - a.t > 0.05
    ]
    if loop_pts:
        cpu_ax.plot(
            *zip(*loop_pts, strict=True),
            color="tab:purple",
            linewidth=0.8,
            alpha=0.8,
            label="its event-loop thread",
        )
    cpu_ax.set_ylabel("CPU % of one core")
    lines = bottom.get_legend_handles_labels()
    more = cpu_ax.get_legend_handles_labels()
    bottom.legend(lines[0] + more[0], lines[1] + more[1], fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


# --------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--calls",
        type=int,
        metavar="N",
        help="calls placed in the loaded phase (sipp -m; default RATE x SECONDS)",
    )
    p.add_argument(
        "--concurrent",
        type=int,
        default=20,
        metavar="N",
        help="most calls up at once in the loaded phase (sipp -l; default 20)",
    )
    p.add_argument(
        "--rate",
        type=float,
        default=1.0,
        metavar="CPS",
        help="new calls per second in the loaded phase (sipp -r; default 1)",
    )
    p.add_argument(
        "--seconds",
        type=float,
        default=120.0,
        metavar="S",
        help="how long the loaded phase keeps placing calls (default 120)",
    )
    p.add_argument(
        "--hold",
        type=float,
        metavar="S",
        help="how long each loaded call stays up (default CONCURRENT/RATE + 1, "
        "so CONCURRENT calls are up at once)",
    )
    p.add_argument(
        "--say-every",
        type=float,
        default=0.0,
        metavar="S",
        help="repeat the sentence every S s until hang-up, for a heavier load "
        "(default 0: the caller says it once, then stays on the line silent)",
    )
    p.add_argument(
        "--greeting-ms",
        type=int,
        default=7000,
        metavar="MS",
        help="the caller waits this long for the greeting before speaking",
    )
    p.add_argument(
        "--idle-calls",
        type=int,
        default=10,
        metavar="N",
        help="sequential idle calls measured, after one warm-up call (default 10)",
    )
    p.add_argument(
        "--idle-hold-ms",
        type=int,
        default=1000,
        metavar="MS",
        help="how long each idle call stays up (default 1000)",
    )
    p.add_argument(
        "--poll",
        type=float,
        default=0.5,
        metavar="S",
        help="/health and /proc sampling period during the load (default 0.5)",
    )
    p.add_argument(
        "--ready-timeout",
        type=float,
        default=180.0,
        metavar="S",
        help="how long careline may take to load its models (default 180)",
    )
    p.add_argument(
        "--vad",
        choices=["silero", "webrtc"],
        help="careline's speech detector for the run (default: careline's own default)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=ROOT / "out" / "bench_sip",
        metavar="DIR",
        help="where sip_load.json, sip_load.png and run-*/ go (default out/bench_sip)",
    )
    args = p.parse_args(argv)
    args.out = args.out.resolve()  # sipp runs in its own folder: its file paths must be absolute
    if args.rate <= 0 or args.concurrent < 1 or args.seconds <= 0 or args.idle_calls < 1:
        p.error("--rate, --concurrent, --seconds and --idle-calls must be positive")
    args.n_calls = args.calls if args.calls else max(1, round(args.rate * args.seconds))
    if args.n_calls < 1 or args.n_calls > 2000:
        p.error("--calls must be between 1 and 2000")
    if args.hold is None:
        args.hold = math.ceil(args.concurrent / args.rate) + 1
    if args.hold * 1000 <= args.greeting_ms:
        p.error("--hold must be longer than --greeting-ms")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(
        [".venv/bin/python", "scripts/bench_sip_load.py", *(sys.argv[1:] if argv is None else argv)]
    )
    args.out.mkdir(parents=True, exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix=f"run-{time.strftime('%Y%m%d-%H%M%S')}-", dir=args.out))
    records = run / "records"
    audio, sentence_s = caller_audio(run / "audio", args.say_every)

    sip_port, http_port = free_port("both"), free_port("tcp")
    rtp = free_port("udp", span=2 * args.concurrent + 24)
    rtp_range = (rtp + rtp % 2, rtp + 2 * args.concurrent + 22)
    budget = (
        args.ready_timeout + (args.idle_calls + 1) * 40 + args.n_calls / args.rate + args.hold + 240
    )
    server = CarelineServe(
        run,
        sip=sip_port,
        http=http_port,
        rtp=rtp_range,
        records=records,
        lifetime=budget,
        ready_timeout=args.ready_timeout,
        extra=["--vad", args.vad] if args.vad else None,
    )
    samples: list[Sample] = []
    print(
        f"starting careline serve on {LOOPBACK}:{sip_port} (models load first)...", file=sys.stderr
    )
    t_start = time.time()
    with server, contextlib.ExitStack() as stack:
        t0 = time.time()
        try:
            capture: WireCapture | None = WireCapture(sip_port)
            stack.callback(capture.close)
        except OSError as exc:  # no CAP_NET_RAW: sipp's own timestamps only
            print(f"no capture on lo ({exc}); set-up times from sipp's log", file=sys.stderr)
            capture = None
        print(
            f"careline ready in {t0 - t_start:.0f} s (pid {server.pid}); "
            f"idle: {args.idle_calls} calls",
            file=sys.stderr,
        )
        idle, warmup = idle_phase(args, server, run, samples)
        idle_end = time.time()
        idle_records = {p.name for p in records.glob("*.json")}
        print(
            f"loaded: {args.n_calls} calls at {args.rate:g}/s, at most {args.concurrent} "
            f"up, {args.hold:g} s each",
            file=sys.stderr,
        )
        loaded, sipp_result, load_start, load_end = loaded_phase(args, server, run, samples, audio)
        wait_idle(server, samples, 60)
        time.sleep(1.0)  # the last records are written as the calls end
        idle_recs = read_records(records, set())
        loaded_recs = read_records(records, idle_records)
        idle_recs = [r for r in idle_recs if f"{r['call_id']}.json" in idle_records]
        careline_pid, careline_cmd = server.pid, shlex.join(server.command())
        if capture is not None:
            wire = capture.setups({c.call_id for c in [*idle, *loaded]})
            for c in [*idle, *loaded] + ([warmup] if warmup else []):
                c.wire_ms = wire.get(c.call_id)
    careline_rc = server.returncode

    idle_ms = [c.setup_ms for c in idle if c.setup_ms is not None]
    loaded_ms = [c.setup_ms for c in loaded if c.setup_ms is not None]
    ramp_end = load_start + args.concurrent / args.rate
    full_ms = [c.setup_ms for c in loaded if c.setup_ms is not None and c.t_invite >= ramp_end]
    idle_stats, loaded_stats, full_stats = stats(idle_ms), stats(loaded_ms), stats(full_ms)
    answered_calls = [c for c in [*idle, *loaded] if c.status == 200]
    timing = {
        "source": "kernel timestamps of SIP packets on lo (INVITE in -> 200 out)"
        if capture is not None
        else "sipp -trace_msg (INVITE sent -> 200 received, as sipp logged them)",
        "calls_without_capture_fallback_to_sipp": sum(
            1 for c in answered_calls if c.wire_ms is None
        )
        if capture is not None
        else None,
        "sipp_log_idle_ms": stats([c.sipp_ms for c in idle if c.sipp_ms is not None]),
        "sipp_log_loaded_ms": stats([c.sipp_ms for c in loaded if c.sipp_ms is not None]),
    }
    answered = sum(1 for c in loaded if c.status == 200)
    not_answered = [c for c in loaded if c.status != 200]
    load_samples = [s for s in samples if load_start <= s.t <= load_end]
    skips = [s.clock_skips for s in load_samples if s.clock_skips is not None]
    dropped = [s.dropped_frames for s in load_samples if s.dropped_frames is not None]
    probe = [s.health_ms for s in load_samples if s.health_ms is not None]
    media = record_health(loaded_recs)
    active = [s.calls_active for s in load_samples if s.calls_active is not None]
    full_window = [
        s.t
        for s in load_samples
        if s.calls_active is not None and s.calls_active >= args.concurrent - 1
    ]
    report: dict[str, Any] = {
        "command": command,
        "careline_command": careline_cmd,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "loadavg_after": os.getloadavg(),
        },
        "settings": {
            "calls": args.n_calls,
            "concurrent": args.concurrent,
            "rate_cps": args.rate,
            "seconds": args.seconds,
            "hold_s": args.hold,
            "say_every_s": args.say_every,
            "sentence": SENTENCE,
            "sentence_s": round(sentence_s, 2),
            "greeting_wait_ms": args.greeting_ms,
            "idle_calls": args.idle_calls,
        },
        "careline_ready_s": round(t0 - t_start, 1),
        "setup_timing": timing,
        "idle": {
            "setup_ms": idle_stats,
            "warmup_call_setup_ms": None if warmup is None else warmup.setup_ms,
            "failed": sum(1 for c in idle if c.status != 200),
            "cpu": cpu_between(samples, t0, idle_end),
            "records": len(idle_recs),
        },
        "loaded": {
            "placed": len(loaded),
            "answered": answered,
            "failed": max(sipp_result.failed, len(not_answered)),
            "sipp": {
                "returncode": sipp_result.returncode,
                "successful": sipp_result.successful,
                "failed": sipp_result.failed,
                "errors_tail": sipp_result.errors[-500:],
            },
            "not_answered": [{"call_id": c.call_id, "status": c.status} for c in not_answered],
            "invite_retransmissions": sum(max(0, c.invites_sent - 1) for c in loaded),
            "setup_ms": loaded_stats,
            "setup_ms_at_full_load": full_stats,
            "ratio_loaded_over_idle": {
                "p50": ratio(loaded_stats, idle_stats, "p50"),
                "p95": ratio(loaded_stats, idle_stats, "p95"),
            },
            "target_p95_ms": TARGET_P95_MS,
            "target_met": bool(loaded_ms)
            and loaded_stats["p95"] < TARGET_P95_MS
            and (not full_ms or full_stats["p95"] < TARGET_P95_MS),
            "max_calls_active": max(active, default=0),
            "cpu": cpu_between(samples, load_start, load_end),
            "cpu_at_full_load": cpu_between(samples, min(full_window), max(full_window))
            if len(full_window) >= 2
            else {},
            "media": {
                "speaker_underruns_from_records": {
                    k: v for k, v in media.items() if k != "per_call"
                },
                "health_media_max": {
                    "clock_skips": max(skips, default=None),
                    "dropped_frames": max(dropped, default=None),
                },
                "event_loop_lag_ms_from_health": stats(probe),
            },
        },
        "per_call": {
            "idle": [
                {
                    "t_s": round(c.t_invite - t0, 3),
                    "setup_ms": c.setup_ms,
                    "sipp_ms": c.sipp_ms,
                    "status": c.status,
                }
                for c in idle
            ],
            "loaded": [
                {
                    "t_s": round(c.t_invite - t0, 3),
                    "setup_ms": c.setup_ms,
                    "sipp_ms": c.sipp_ms,
                    "status": c.status,
                    "invites_sent": c.invites_sent,
                }
                for c in loaded
            ],
            "loaded_records": media["per_call"],
        },
        "samples": [s.row(t0) for s in samples],
        "run_dir": str(run),
        "careline": {"pid": careline_pid, "returncode": careline_rc},
    }
    loaded_cpu = report["loaded"]["cpu"]
    if loaded_cpu and len(loaded):
        loaded_cpu["cpu_s_per_call"] = round(loaded_cpu["cpu_s"] / len(loaded), 2)
    (args.out / "sip_load.json").write_text(json.dumps(report, indent=2) + "\n")
    plot(args.out / "sip_load.png", t0, idle, loaded, samples, (load_start, load_end))
    print_table(report)
    print(f"\ncommand: {command}")
    print(f"wrote {args.out / 'sip_load.json'} and {args.out / 'sip_load.png'} (logs: {run})")
    ok = report["loaded"]["failed"] == 0 and answered == len(loaded) == args.n_calls
    return 0 if ok else 1


def print_table(r: dict[str, Any]) -> None:
    idle, loaded = r["idle"], r["loaded"]
    m = loaded["media"]
    und = m["speaker_underruns_from_records"]
    cpu, full = loaded["cpu"], loaded["cpu_at_full_load"]

    def ms(s: dict[str, Any], k: str) -> str:
        return f"{s[k]:.1f}" if k in s else "-"

    rows = [
        ("idle set-up p50 / p95 (ms)",
         f"{ms(idle['setup_ms'], 'p50')} / {ms(idle['setup_ms'], 'p95')}  "
         f"(n={idle['setup_ms']['n']}, first call {idle['warmup_call_setup_ms'] or 0:.1f})"),
        ("loaded set-up p50 / p95 (ms)",
         f"{ms(loaded['setup_ms'], 'p50')} / {ms(loaded['setup_ms'], 'p95')}  "
         f"(n={loaded['setup_ms']['n']}, max {ms(loaded['setup_ms'], 'max')})"),
        ("  at full load p50 / p95 (ms)",
         f"{ms(loaded['setup_ms_at_full_load'], 'p50')} / "
         f"{ms(loaded['setup_ms_at_full_load'], 'p95')}  "
         f"(n={loaded['setup_ms_at_full_load']['n']})"),
        ("  as sipp logged, idle / loaded p95",
         f"{ms(r['setup_timing']['sipp_log_idle_ms'], 'p95')} / "
         f"{ms(r['setup_timing']['sipp_log_loaded_ms'], 'p95')} ms"),
        ("loaded p95 / idle p95", f"{loaded['ratio_loaded_over_idle']['p95']}"),
        ("target p95 < 100 ms", "met" if loaded["target_met"] else "NOT met"),
        ("placed / answered / failed",
         f"{loaded['placed']} / {loaded['answered']} / {loaded['failed']}  "
         f"(max {loaded['max_calls_active']} up at once)"),
        ("speaker underruns (records)",
         f"{und['underruns_total']} in {und['calls_with_underruns']} of {und['records']} calls"),
        ("clock_skips / dropped_frames",
         f"{m['health_media_max']['clock_skips']} / {m['health_media_max']['dropped_frames']}"
         "  (max summed over calls up)"),
        ("loop lag (/health) p50 / p95",
         f"{ms(m['event_loop_lag_ms_from_health'], 'p50')} / "
         f"{ms(m['event_loop_lag_ms_from_health'], 'p95')} ms"),
        ("reply latency p50 / p95 (ms)",
         f"{ms(und['reply_latency_ms'], 'p50')} / {ms(und['reply_latency_ms'], 'p95')}"),
        ("careline CPU, loaded",
         f"{cpu.get('cpu_pct_of_one_core', '-')}% of a core, "
         f"{cpu.get('cpu_pct_per_concurrent_call', '-')}%/concurrent call, "
         f"{cpu.get('cpu_s_per_call', '-')} CPU-s/call"),
        ("  event-loop thread, loaded",
         f"{cpu.get('loop_thread_pct_of_one_core', '-')}% of a core, "
         f"{cpu.get('loop_thread_pct_per_concurrent_call', '-')}%/concurrent call"),
        ("careline CPU, full load",
         f"{full.get('cpu_pct_of_one_core', '-')}% of a core at "
         f"{full.get('mean_calls_active', '-')} calls "
         f"({full.get('cpu_pct_per_concurrent_call', '-')}%/call), event loop "
         f"{full.get('loop_thread_pct_of_one_core', '-')}%"),
    ]  # fmt: skip
    width = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print(f"set-up times: {r['setup_timing']['source']}")


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the peers like Ctrl-C: by pid, in the finally blocks


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    t_begin = time.perf_counter()
    try:
        code = main()
    except KeyboardInterrupt:
        print("interrupted: careline and sipp stopped", file=sys.stderr)
        code = 130
    print(f"benchmark took {time.perf_counter() - t_begin:.0f} s", file=sys.stderr)
    sys.exit(code)
