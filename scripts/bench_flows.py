#!/usr/bin/env python3
"""How long one self-service flow step takes: understanding a turn and choosing the reply.

    .venv/bin/python scripts/bench_flows.py                  # SQLite (the embedded default)
    .venv/bin/python scripts/bench_flows.py --postgres       # also a throwaway PostgreSQL

Replays typed conversations through every flow (identity, booking, rescheduling, cancelling,
refills, billing, results, clinic information) over the demo clinic, with the trained NLU,
and times each step: the NLU's understanding plus the dialogue's plan, including the
database reads the plan makes (free slots, the patient's medicines). Writes happen when a
plan is committed and are timed apart. Target: a step under 30 ms on this CPU, after load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.config import demo_config  # noqa: E402
from agent.flows.services import ClinicServices  # noqa: E402
from agent.replay.typed import TypedCall  # noqa: E402

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("America/New_York"))
TARGET_MS = 30.0

# (first words, then the caller's turns); "#1234" is keypad input.
CONVERSATIONS: tuple[tuple[str, ...], ...] = (
    ("I'd like to book a physical", "Maria Garcia", "March 14th 1985", "next Tuesday afternoon",
     "the first one", "yes please", "no that's all"),
    ("I need to reschedule my appointment", "Maria Garcia", "#03141985", "yes",
     "the week after next", "the second one", "yes"),
    ("I have to cancel my appointment", "Zoe Nunez", "July 21st 1990", "yes"),
    ("when is my next appointment", "Maria Garcia", "March 14th, 1985"),
    ("I need a refill on my lisinopril", "Maria Garcia", "03/14/1985", "yes", "yes"),
    ("I need a refill", "Maria Garcia", "March 14 1985", "the met for men", "yes", "yes"),
    ("what do I owe on my bill", "Maria Garcia", "March 14th 1985"),
    ("are my test results back", "Siobhan O'Brien", "November 2nd 1972"),
    ("what time are you open on saturday", "where do I park"),
    ("I need an appointment", "Robert Johnson", "August 8th 1950", "sorry can you repeat that",
     "a follow up", "Thursday morning", "go back", "Friday at 3", "the first one", "yes"),
)  # fmt: skip


def run(services: ClinicServices, nlu: object, rounds: int) -> tuple[list[float], list[float]]:
    steps, writes = [], []
    for r in range(rounds):
        for i, turns in enumerate(CONVERSATIONS):
            call = TypedCall(services, nlu, call_id=f"bench-{r}-{i}")  # type: ignore[arg-type]
            for turn in turns:
                text, dtmf = ("", turn[1:]) if turn.startswith("#") else (turn, None)
                t0 = time.perf_counter()
                plan = call.plan(text, dtmf)
                t1 = time.perf_counter()
                call._perform(plan)
                t2 = time.perf_counter()
                steps.append((t1 - t0) * 1000)
                writes.append((t2 - t1) * 1000)
    return steps, writes


def summary(ms: list[float]) -> dict[str, float]:
    q = statistics.quantiles(ms, n=100)
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(q[94], 2),
        "max_ms": round(max(ms), 2),
    }


def bench(name: str, open_store: Callable[[], object], nlu: object, rounds: int) -> dict:
    from agent.store.demo import seed_demo

    store = open_store()
    config = demo_config()
    seed_demo(store, NOW.date(), tz=config.timezone)  # type: ignore[arg-type]
    services = ClinicServices(config, store, clock=lambda: NOW)  # type: ignore[arg-type]
    run(services, nlu, 1)  # warm caches and connections
    steps, writes = run(services, nlu, rounds)
    store.close()  # type: ignore[attr-defined]
    result = {"backend": name, "step": summary(steps), "commit_with_writes": summary(writes)}
    s = result["step"]
    verdict = "OK" if s["p95_ms"] < TARGET_MS else "OVER TARGET"
    print(
        f"{name:<11} step p50 {s['p50_ms']:6.2f} ms  p95 {s['p95_ms']:6.2f} ms  "
        f"max {s['max_ms']:6.2f} ms  (n={s['n']}; target {TARGET_MS:.0f} ms: {verdict})  "
        f"commit p95 {result['commit_with_writes']['p95_ms']:.2f} ms"
    )
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="passes over the conversations")
    ap.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench-flows.json")
    args = ap.parse_args(argv)

    from agent.model_nlu import ModelNlu
    from agent.store import Store

    t0 = time.perf_counter()
    nlu = ModelNlu.load(None)
    print(f"NLU loaded in {time.perf_counter() - t0:.2f} s")
    results = []
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        results.append(
            bench(
                "sqlite", lambda: Store.open(f"sqlite:///{scratch / 'bench.db'}"), nlu, args.rounds
            )
        )
        if args.postgres:
            from agent.store.testing import postgres_server

            server = stack.enter_context(postgres_server())
            url = server.create_database("bench")
            results.append(bench("postgresql", lambda: Store.open(url), nlu, args.rounds))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"target_ms": TARGET_MS, "results": results}, indent=2))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
