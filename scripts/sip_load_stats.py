"""The numbers of the SIP load benchmark (scripts/bench_sip_load.py).

Percentiles of set-up times, CPU between two samples (per core and per concurrent call), and
media health per call from careline's call records (speaker underruns, turns, reply latency).
"""

from __future__ import annotations

import contextlib
import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
from sip_load_careline import CLK_TCK, Sample

TARGET_P95_MS = 100.0


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
    return round(float(a[key]) / float(b[key]), 2)


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
