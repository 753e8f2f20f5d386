"""The ``careline serve`` under test in the SIP load benchmark (scripts/bench_sip_load.py).

The peer process itself (started on 127.0.0.1, stopped by its pid), and what is read from it
while it runs: its ``/health`` JSON and round trip (served on the call loop, so it shows loop
lag), and its CPU ticks and threads from ``/proc``, taken together as one ``Sample``.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.telephony.peers import LOOPBACK, Peer, PeerProcessError  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
CLK_TCK = os.sysconf("SC_CLK_TCK")


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
