#!/usr/bin/env python
"""Time the red-flag matcher (agent/triage/red_flags.py) on this machine.

    python scripts/bench_red_flags.py              # this tree
    python scripts/bench_red_flags.py --root DIR   # another checkout (e.g. a git worktree)

Reports the time per turn over every triage description in models/data (each turn once per
round, best of --rounds), and one 10,000-word turn with and without speech pauses (best of
three), the input the matcher's caps exist for. Run two trees one after the other on an idle
machine to compare them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose matcher to time")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))
    from agent.triage.red_flags import find_red_flags

    data = args.root / "models" / "data"
    texts = [
        json.loads(line)["text"]
        for name in ("triage.jsonl", "triage_more.jsonl")
        for line in (data / name).read_text().splitlines()
        if line.strip()
    ]
    for text in texts:  # warm-up
        find_red_flags(text)
    best = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        for text in texts:
            find_red_flags(text)
        best = min(best, (time.perf_counter() - start) / len(texts))
    print(f"{args.root}: {len(texts)} descriptions, {best * 1000:.3f} ms per turn (best round)")
    for pauses in ("", "... - ..."):
        rng = random.Random(3)
        vocabulary = "chest pain no not the my arm cant breathe a blood fever baby weeks old"
        words = vocabulary.split() + pauses.split()
        long_turn = " ".join(rng.choice(words) for _ in range(10_000))
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            find_red_flags(long_turn)
            timings.append(time.perf_counter() - start)
        kind = "with pauses" if pauses else "no pauses"
        print(f"  10,000-word turn, {kind}: {min(timings) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
