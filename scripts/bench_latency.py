#!/usr/bin/env python3
"""Benchmark the call engine on the scripted-call corpus, beside a Pipecat baseline.

In one run, on this machine:

* **response latency**: the caller's last speech sample (ground truth from the corpus index,
  measured on the clean signal) to the bot's first audio sample, on the line, with every call
  replayed paced like a live line (``--realtime`` replay). p50 and p95.
* **barge-in**: the caller's speech onset over bot audio to the bot's last audio sample.
* **replay speed**: the whole corpus on virtual time, media seconds per wall second.
* **Pipecat**: the same calls through a Pipecat 1.14 pipeline built on the same models and
  the same dialogue (``scripts/pipecat_baseline.py``), call by call interleaved with careline's
  so both meet the same machine; the careline / Pipecat latency ratio.

Writes ``OUT/latency.json`` and a histogram ``OUT/latency.png``.

    .venv/bin/python scripts/bench_latency.py                  # the whole corpus (~1 h)
    .venv/bin/python scripts/bench_latency.py --calls 12       # a quicker look
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.engine import Engine, EngineConfig  # noqa: E402
from agent.replay.harness import default_renderer, replay  # noqa: E402
from agent.replay.leg import Timeline  # noqa: E402
from agent.replay.script import load_script  # noqa: E402
from handoff.port import AlwaysAccept  # noqa: E402

REPLY_WITHIN_S = 5.0  # a bot start later than this after the caller is not a reply


def truth_spans(index: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """corpus file -> (speech start, speech end) in seconds within that file."""
    return {u["file"]: tuple(u["speech_span"]) for c in index["calls"] for u in c["utterances"]}


def measure(call_id: str, timeline: Timeline, spans: dict[str, tuple[float, float]]) -> dict:
    """Response latencies and barge-in stop times on the line, in ms."""
    latencies, stops = [], []
    segments = timeline.bot_segments
    for u in timeline.utterances:
        span = spans.get(f"{call_id}/{u['audio']}") if u.get("audio") else None
        if span is None:
            continue
        onset, end = u["t_start"] + span[0], u["t_start"] + span[1]
        if u["barge_in"]:
            for a, b in segments:
                if a <= onset < b:
                    stops.append(round((b - onset) * 1000))
                    break
            continue
        if any(a < end < b for a, b in segments):
            continue  # the bot was talking when the caller stopped: not a clean turn
        nxt = next((a for a, _ in segments if a >= end), None)
        if nxt is not None and nxt - end <= REPLY_WITHIN_S:
            latencies.append(round((nxt - end) * 1000))
    return {"latency_ms": latencies, "barge_in_stop_ms": stops}


def stats(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    a = np.asarray(values, dtype=float)
    return {
        "n": int(a.size),
        "p50": float(np.percentile(a, 50)),
        "p95": float(np.percentile(a, 95)),
        "mean": round(float(a.mean()), 1),
        "max": float(a.max()),
    }


def plot(path: Path, careline: list[float], pipecat: list[float]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    top = max([*careline, *pipecat, 1000])
    bins = np.linspace(0, top + 100, 40)
    ax.hist(careline, bins=bins, alpha=0.7, label=f"careline (n={len(careline)})")
    if pipecat:
        ax.hist(pipecat, bins=bins, alpha=0.6, label=f"Pipecat 1.14 (n={len(pipecat)})")
    for v, style in ((500, "--"), (800, ":")):
        ax.axvline(v, color="k", linestyle=style, linewidth=1)
    ax.set_xlabel("caller's last speech sample -> bot's first audio sample (ms)")
    ax.set_ylabel("turns")
    ax.set_title("Response latency on the line, corpus replayed in real time")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


async def careline_call(engine: Engine, script_path: Path, render, out: Path) -> Timeline:
    script = load_script(script_path)
    record, leg = await replay(engine, script, realtime=True, handoff=AlwaysAccept(), render=render)
    record.save(out / "records" / f"{script.id}.json")  # per-turn timing_ms for diagnosis
    return leg.timeline


def breakdown(out: Path, calls: list[str]) -> dict[str, float]:
    """Median of each step's time after the VAD's end of speech, over every careline reply."""
    marks: dict[str, list[float]] = {}
    for call_id in calls:
        rec = json.loads((out / "records" / f"{call_id}.json").read_text())
        for turn in rec["turns"]:
            for k, v in turn.get("timing_ms", {}).items():
                marks.setdefault(k, []).append(v)
    return {
        k: float(np.median(v)) for k, v in sorted(marks.items(), key=lambda kv: np.median(kv[1]))
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--corpus", type=Path, default=ROOT / "build" / "corpus")
    p.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    p.add_argument("--calls", type=int, help="only the first N calls with speech")
    p.add_argument("--only", nargs="+", metavar="ID", help="only these call ids")
    p.add_argument("--no-pipecat", action="store_true", help="skip the Pipecat baseline")
    args = p.parse_args(argv)

    index = json.loads((args.corpus / "index.json").read_text())
    spans = truth_spans(index)
    calls = [c["id"] for c in index["calls"] if c["utterances"]]
    if args.only:
        calls = [c for c in calls if c in set(args.only)]
    if args.calls:
        calls = calls[: args.calls]
    args.out.mkdir(parents=True, exist_ok=True)
    render = default_renderer()

    print(f"loading models ({os.cpu_count()} cores)...", file=sys.stderr)
    # A throwaway clinic for each run: in a kept one, the previous run's bookings change the
    # calls' paths (and its call records clash), so two runs would not time the same calls.
    clinic = tempfile.mkdtemp(prefix="careline-bench-clinic-")
    engine = Engine.load(EngineConfig(data_dir=clinic))
    engine.warm()

    # 1. Virtual time: replay speed (all calls, no pacing).
    from agent.replay.harness import replay_call

    media = wall = 0.0
    for call_id in tqdm(calls, desc="virtual replay", unit="call"):
        # Its own call id: the real-time pass below logs the same call in the clinic's
        # database, which refuses a second call under one id.
        script = load_script(args.corpus / call_id / "script.json")
        script.id = f"{script.id}-virtual"
        r = replay_call(engine, script, handoff=AlwaysAccept())
        media += r.timeline.duration_s
        wall += r.wall_s

    # 2. Real time, careline and Pipecat interleaved call by call.
    pipecat_bot = None
    if not args.no_pipecat:
        sys.path.insert(0, str(ROOT / "scripts"))
        import pipecat_baseline

        pipecat_bot = pipecat_baseline
    results: dict[str, dict[str, Any]] = {}
    for call_id in tqdm(calls, desc="real-time replay", unit="call"):
        path = args.corpus / call_id / "script.json"
        timeline = asyncio.run(careline_call(engine, path, render, args.out))
        row = {"careline": measure(call_id, timeline, spans)}
        if pipecat_bot is not None:
            timeline = asyncio.run(pipecat_bot.run_pipecat_call(load_script(path), render=render))
            row["pipecat"] = measure(call_id, timeline, spans)
        results[call_id] = row
    engine.close()
    shutil.rmtree(clinic, ignore_errors=True)

    def gather(side: str, key: str) -> list[float]:
        return [v for r in results.values() if side in r for v in r[side][key]]

    c_lat, p_lat = gather("careline", "latency_ms"), gather("pipecat", "latency_ms")
    report: dict[str, Any] = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
        },
        "calls": len(calls),
        "command": " ".join([Path(sys.argv[0]).name, *(argv or sys.argv[1:])]),
        "careline": {
            "latency_ms": stats(c_lat),
            "barge_in_stop_ms": stats(gather("careline", "barge_in_stop_ms")),
            "after_vad_end_median_ms": breakdown(args.out, calls),
        },
        "replay_speed_x_realtime": round(media / wall, 1) if wall else None,
        "virtual_media_s": round(media, 1),
        "virtual_wall_s": round(wall, 1),
        "per_call": results,
    }
    if pipecat_bot is not None and p_lat:
        report["pipecat"] = {
            "latency_ms": stats(p_lat),
            "barge_in_stop_ms": stats(gather("pipecat", "barge_in_stop_ms")),
        }
        report["ratio_careline_over_pipecat"] = {
            "p50": round(
                report["careline"]["latency_ms"]["p50"] / report["pipecat"]["latency_ms"]["p50"], 3
            ),
            "p95": round(
                report["careline"]["latency_ms"]["p95"] / report["pipecat"]["latency_ms"]["p95"], 3
            ),
        }
    (args.out / "latency.json").write_text(json.dumps(report, indent=2) + "\n")
    plot(args.out / "latency.png", c_lat, p_lat)
    summary = {k: v for k, v in report.items() if k != "per_call"}
    print(json.dumps(summary, indent=2))
    print(f"wrote {args.out / 'latency.json'} and {args.out / 'latency.png'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"benchmark took {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
