#!/usr/bin/env python3
"""Warm-transfer figures, in one run, all on 127.0.0.1.

1. **Decision to card** (target p95 < 200 ms) and **accept to two-way audio** (target p95
   < 500 ms), with a real Chromium signed in to a real console. Each of ``--offers`` calls is
   handed to the hub as a session does it (``HandoffHub.request`` with the call's record); the
   clock starts there. The card counts as shown at the page's next paint after it rendered
   (page marks, epoch ms, same machine clock). After the accept click, two-way audio is the
   later of: the agent's first audio reaching careline's bridge, and the caller's first
   audible buffer in the page (the page's 4096-sample audio tap rounds this up by up to 85 ms).
2. **Bridge latency** (target < 150 ms added by careline) and **10 bridged calls** in one
   process (no audio gaps; CPU per call): careline's bridges run here, each driven by a 20 ms
   media clock as a call leg drives it; the agents are aiortc peers in a child process (so
   their CPU is not careline's). Each side sends a click every second; latency is click sent to
   click heard, one way, through Opus, DTLS-SRTP and both jitter buffers, so it includes the
   far peer's own receive path too (an upper bound on what careline adds). Gaps are
   underruns of the agent's audio at careline's pull after it started, and caller frames
   dropped on the way out. CPU is careline's process (utime + stime) over the measured
   window, as % of one core per call.

Writes ``OUT/handoff.json`` and ``OUT/handoff.png``.

    .venv/bin/python scripts/bench_handoff.py                 # 20 offers, 10 calls x 30 s
    .venv/bin/python scripts/bench_handoff.py --offers 5 --calls 2 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import platform
import resource
import shlex
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.store import Store  # noqa: E402
from handoff.accounts import Accounts  # noqa: E402
from handoff.bridge import WebRtcBridge, limit_ice_hosts  # noqa: E402
from handoff.console import create_console  # noqa: E402
from handoff.hub import HandoffHub  # noqa: E402
from handoff.queue import TransferQueue  # noqa: E402
from handoff.testing import agent_voice, chromium_page, sign_in  # noqa: E402
from handoff.web import serving  # noqa: E402

RATE = 16000
CLICK_EVERY_S = 1.0
PASSWORD = "benchmark password"
RECORD = {
    "call_id": "",
    "caller": {"number": "+15550100"},
    "intent": {"name": "symptoms", "confidence": 0.9},
    "triage": {"level": "urgent", "complaint": "headache", "red_flags": [], "reasons": []},
    "turns": [{"speaker": "caller", "text": "I have a bad headache.", "t_start": 1.0}],
}


def pct(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 1) if values else None


def first(marks: list[dict[str, Any]], what: str, call_id: str) -> Any:
    """The page's first mark of ``what`` for this call (epoch ms), or None."""
    return next((m["at"] for m in marks if m["what"] == what and m["call_id"] == call_id), None)


def click(n: int = 320) -> np.ndarray:
    t = np.arange(n) / RATE
    return (12000 * np.sin(2 * np.pi * 1000 * t)).astype(np.int16)


# -- part 1: a real browser --------------------------------------------------------------


class ToneLine:
    """A call line whose caller says a steady tone once connected (the session's part)."""

    def connect(self, agent_id: str, agent_audio: Any, caller_audio: Any) -> None:
        self.agent_audio, self.caller_audio = agent_audio, caller_audio

    def release(self, how: str, detail: Any = None) -> None:
        pass

    def hold(self, on: bool) -> None:
        pass

    def say(self, text: str) -> None:
        pass

    def watch(self, sink: Any) -> None:
        pass

    def note(self, event: dict[str, Any]) -> None:
        pass


async def browser_part(offers: int, work: Path) -> dict[str, Any]:
    limit_ice_hosts(["127.0.0.1"])
    store = Store.open(data_dir=work / "db")
    accounts = Accounts(store)
    accounts.add("bench", PASSWORD, skills={"nurse"})
    bridges: list[WebRtcBridge] = []

    def factory(call_id: str) -> WebRtcBridge:
        bridge = WebRtcBridge(call_id)
        bridges.append(bridge)
        return bridge

    hub = HandoffHub(TransferQueue(), bridge_factory=factory)
    port = 20000 + os.getpid() % 20000
    runner = asyncio.create_task(hub.run())
    card_ms: list[float] = []
    two_way_ms: list[float] = []
    details = []
    mic = agent_voice("Hello, this is the nurse speaking.", work / "agent.wav", silence_after=0.5)
    try:
        async with serving(create_console(hub, accounts), "127.0.0.1", port):
            async with chromium_page(mic, work / "profile") as page:
                await sign_in(page, f"http://127.0.0.1:{port}", "bench", PASSWORD)
                for i in range(offers):
                    await page.click("#available")
                    await asyncio.sleep(0.3)
                    call_id = f"bench-{i}"
                    line = ToneLine()
                    asked = time.time()
                    request = asyncio.create_task(
                        hub.request(call_id, {"record": RECORD | {"call_id": call_id},
                                              "reason": "triage_urgent", "skill": "nurse"}, line)
                    )  # fmt: skip
                    await page.wait_for_selector("#offer-buttons:not([hidden])", timeout=10_000)
                    await page.click("#accept")
                    await asyncio.wait_for(request, 15)
                    tone = click(320)
                    agent_heard_at = None
                    for _ in range(150):  # the caller's leg, 20 ms at a time, for 3 s
                        line.caller_audio(tone)
                        if line.agent_audio.read_frame(0) is not None and agent_heard_at is None:
                            agent_heard_at = time.time()
                        await asyncio.sleep(0.02)
                    marks = await page.evaluate("window.careline.marks()")
                    card = first(marks, "card_shown", call_id) - asked * 1000
                    card_ms.append(card)
                    heard = first(marks, "caller_heard", call_id)
                    two_way = None
                    if heard is not None and agent_heard_at is not None:
                        accepted = [m["at"] for m in marks if m["what"] == "accept"][-1]
                        two_way = max(heard, agent_heard_at * 1000) - accepted
                        two_way_ms.append(two_way)
                    shown_two_way = round(two_way, 1) if two_way else None
                    details.append(
                        {"call": call_id, "card_ms": round(card, 1), "two_way_ms": shown_two_way}
                    )
                    await page.click("#hangup")
                    await asyncio.sleep(0.5)
                    print(f"  offer {i + 1}/{offers}: card {card:.0f} ms, two-way "
                          f"{details[-1]['two_way_ms']} ms", flush=True)  # fmt: skip
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        await hub.close()
        store.close()
        limit_ice_hosts(None)
    return {
        "offers": offers,
        "card_ms": {"p50": pct(card_ms, 50), "p95": pct(card_ms, 95), "max": pct(card_ms, 100)},
        "accept_to_two_way_ms": {"p50": pct(two_way_ms, 50), "p95": pct(two_way_ms, 95),
                                 "max": pct(two_way_ms, 100), "measured": len(two_way_ms)},
        "per_offer": details,
    }  # fmt: skip


# -- part 2: many bridged calls, peers in a child process -------------------------------


def peer_process(conn: Any, calls: int, seconds: float) -> None:
    asyncio.run(_peers(conn, calls, seconds))


async def _peers(conn: Any, calls: int, seconds: float) -> None:
    import fractions

    import av
    from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription

    limit_ice_hosts(["127.0.0.1"])

    class ClickingMic(MediaStreamTrack):
        kind = "audio"

        def __init__(self) -> None:
            super().__init__()
            self.pts, self.start = 0, time.monotonic()
            self.sent: list[float] = []

        async def recv(self) -> av.AudioFrame:
            due = self.start + self.pts / 48000
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            pcm = np.zeros(960, np.int16)
            if self.pts % int(48000 * CLICK_EVERY_S) == 0 and self.pts > 0:
                t = np.arange(960) / 48000
                pcm = (12000 * np.sin(2 * np.pi * 1000 * t)).astype(np.int16)
                self.sent.append(time.time())
            frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate, frame.pts = 48000, self.pts
            frame.time_base = fractions.Fraction(1, 48000)
            self.pts += 960
            return frame

    pcs, mics, heard = [], [], [[] for _ in range(calls)]
    listeners: list[asyncio.Future[None]] = []
    offers = []
    for i in range(calls):
        pc = RTCPeerConnection()
        mic = ClickingMic()
        pc.addTrack(mic)

        def on_track(track: Any, i: int = i) -> None:
            async def listen() -> None:
                loud = False
                while True:
                    try:
                        frame = await track.recv()
                    except Exception:
                        return
                    pcm = frame.to_ndarray().reshape(-1)
                    now_loud = np.abs(pcm).max() > 4000
                    if now_loud and not loud:
                        heard[i].append(time.time())
                    loud = now_loud

            listeners.append(asyncio.ensure_future(listen()))

        pc.on("track", on_track)
        await pc.setLocalDescription(await pc.createOffer())
        pcs.append(pc)
        mics.append(mic)
        offers.append(pc.localDescription.sdp)
    conn.send(offers)
    answers = conn.recv()
    for pc, answer in zip(pcs, answers, strict=True):
        await pc.setRemoteDescription(RTCSessionDescription(answer, "answer"))
    await asyncio.sleep(seconds + 2)
    conn.send({"agent_clicks_sent": [m.sent for m in mics], "caller_clicks_heard": heard})
    for pc in pcs:
        await pc.close()


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def bridges_part(calls: int, seconds: float) -> dict[str, Any]:
    limit_ice_hosts(["127.0.0.1"])
    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=peer_process, args=(child, calls, seconds))
    proc.start()
    bridges = []
    try:
        offers = await asyncio.to_thread(parent.recv)
        answers = []
        for i, sdp in enumerate(offers):
            bridge = WebRtcBridge(f"load-{i}")
            answers.append(await bridge.accept(sdp))
            bridges.append(bridge)
        parent.send(answers)
        await asyncio.wait_for(asyncio.gather(*(b.connected.wait() for b in bridges)), 20)
        caller_sent: list[list[float]] = [[] for _ in bridges]
        agent_heard: list[list[float]] = [[] for _ in bridges]
        loud = [False] * len(bridges)
        playout_ms: list[float] = []  # what each bridge's playout buffer holds, every tick
        for b in bridges:  # the measured window starts with every buffer primed
            b.incoming.underruns = 0
        cpu0, wall0 = cpu_seconds(), time.monotonic()
        start = time.monotonic()
        tick = 0
        while time.monotonic() - start < seconds:
            tick += 1
            send_click = tick % int(CLICK_EVERY_S / 0.02) == 0
            for i, b in enumerate(bridges):  # the call legs' media clocks, one per call
                if send_click:
                    b.caller_audio(click())
                    caller_sent[i].append(time.time())
                else:
                    b.caller_audio(np.zeros(320, np.int16))
                frame = b.agent_audio().read_frame(0)
                playout_ms.append(b.agent_audio().delay_ms)
                now_loud = frame is not None and np.abs(frame).max() > 4000
                if now_loud and not loud[i]:
                    agent_heard[i].append(time.time())
                loud[i] = now_loud
            await asyncio.sleep(max(0.0, start + tick * 0.02 - time.monotonic()))
        cpu = cpu_seconds() - cpu0
        wall = time.monotonic() - wall0
        stats = [b.stats() for b in bridges]
        report = await asyncio.to_thread(parent.recv)
    finally:
        for b in bridges:
            await b.close()
        proc.join(10)
        if proc.is_alive():
            proc.kill()
        limit_ice_hosts(None)
    to_agent = _match(caller_sent, report["caller_clicks_heard"])
    to_caller = _match(report["agent_clicks_sent"], agent_heard)
    return {
        "calls": calls,
        "seconds": seconds,
        "caller_to_agent_ms": {"p50": pct(to_agent, 50), "p95": pct(to_agent, 95),
                               "n": len(to_agent)},
        "agent_to_caller_ms": {"p50": pct(to_caller, 50), "p95": pct(to_caller, 95),
                               "n": len(to_caller)},
        "agent_playout_buffer_ms": {"p50": pct(playout_ms, 50), "p95": pct(playout_ms, 95)},
        "agent_audio_trimmed_ms": sum(s["agent_trimmed"] for s in stats) / 16,
        "agent_audio_underruns": sum(s["agent_underruns"] for s in stats),
        "caller_frames_dropped": sum(s["to_agent_dropped"] for s in stats),
        "cpu_percent_of_one_core": round(100 * cpu / wall, 1),
        "cpu_percent_per_call": round(100 * cpu / wall / calls, 2),
    }  # fmt: skip


def _match(sent: list[list[float]], heard: list[list[float]]) -> list[float]:
    """Each click sent, to the first click heard after it on the same call (ms)."""
    out = []
    for s_list, h_list in zip(sent, heard, strict=True):
        for s in s_list:
            later = [h for h in h_list if 0 <= h - s < CLICK_EVERY_S * 0.9]
            if later:
                out.append((later[0] - s) * 1000)
    return out


def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    per = result["browser"]["per_offer"]
    axes[0].plot([p["card_ms"] for p in per], "o-", label="decision to card")
    axes[0].plot([p["two_way_ms"] or np.nan for p in per], "s-", label="accept to two-way audio")
    axes[0].axhline(200, color="C0", ls=":", label="card target 200 ms")
    axes[0].axhline(500, color="C1", ls=":", label="audio target 500 ms")
    axes[0].set_xlabel("offer")
    axes[0].set_ylabel("ms")
    axes[0].legend(fontsize=8)
    b = result["bridges"]
    names = ["caller to agent", "agent to caller"]
    p95 = [b["caller_to_agent_ms"]["p95"] or 0, b["agent_to_caller_ms"]["p95"] or 0]
    axes[1].bar(names, p95)
    axes[1].axhline(150, color="r", ls=":", label="target 150 ms")
    axes[1].set_ylabel("p95 one-way latency, ms")
    axes[1].set_title(f"{b['calls']} bridged calls, {b['cpu_percent_per_call']} % CPU per call")
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="careline-bench-") as tmp:
        print(f"part 1: {args.offers} offers to a Chromium console", flush=True)
        browser = await browser_part(args.offers, Path(tmp))
    print(f"part 2: {args.calls} bridged calls for {args.seconds:.0f} s", flush=True)
    bridges = await bridges_part(args.calls, args.seconds)
    return {"browser": browser, "bridges": bridges}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=20)
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    result["command"] = " ".join(shlex.quote(a) for a in sys.argv)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "handoff.json").write_text(json.dumps(result, indent=2))
    plot(result, args.out / "handoff.png")
    b, w = result["bridges"], result["browser"]
    print(json.dumps({k: v for k, v in w.items() if k != "per_offer"}, indent=1))
    print(json.dumps(b, indent=1))
    print(f"wrote {args.out / 'handoff.json'} and handoff.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
