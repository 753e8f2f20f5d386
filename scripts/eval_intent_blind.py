#!/usr/bin/env python
"""Measure careline's intent answers on a sealed check set no model or person tuned on.

    python scripts/eval_intent_blind.py                    # the committed model
    python scripts/eval_intent_blind.py --heads X.npz      # a candidate

The held-out split has judged several model candidates, so each further look at it is less
of a test. ``models/data/checks/intent_blind_1_sealed.txt`` was written from the data README's
Intents section only, by a writer who never saw a data line, rule or test (``intent|text``
lines, ``#`` comments). It is for judging a model choice that was registered beforehand;
read only the counts this prints. Once a line of it has been read to explain a figure (as
``--show`` would) it is no longer sealed and must be replaced by a new set written the same
way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.model_nlu import ModelNlu  # noqa: E402
from agent.nlu import INTENTS  # noqa: E402

CHECK_SET = ROOT / "models" / "data" / "checks" / "intent_blind_1_sealed.txt"


def read_intent_set(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        intent, sep, text = line.partition("|")
        if not sep or intent not in INTENTS or not text.strip():
            raise SystemExit(f"{path}:{n}: expected INTENT|text with INTENT one of {INTENTS}")
        rows.append({"line": n, "intent": intent, "text": text})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", type=Path, default=CHECK_SET, help="the check set")
    ap.add_argument(
        "--heads", type=Path, default=None, help="a retrained .npz (default: the committed one)"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "nlu" / "intent_blind.json")
    ap.add_argument("--show", action="store_true", help="list the wrong lines (unseals the set)")
    args = ap.parse_args(argv)
    if not args.set.is_file():
        ap.error(f"{args.set}: no such check set")
    rows = read_intent_set(args.set)
    if not rows:
        ap.error(f"{args.set}: no lines to measure")

    nlu = ModelNlu.load(args.heads)
    answers = [nlu.understand(r["text"]).intent for r in rows]
    right = [a == r["intent"] for a, r in zip(answers, rows, strict=True)]
    per_intent = {
        name: {
            "lines": sum(r["intent"] == name for r in rows),
            "right": sum(ok for ok, r in zip(right, rows, strict=True) if r["intent"] == name),
        }
        for name in INTENTS
    }
    confusions = Counter(
        f"{r['intent']} -> {a}" for a, r in zip(answers, rows, strict=True) if a != r["intent"]
    )
    report = {
        "set": str(args.set.relative_to(ROOT) if args.set.is_relative_to(ROOT) else args.set),
        "heads": str(args.heads or "committed"),
        "lines": len(rows),
        "intent_accuracy": round(sum(right) / len(rows), 4),
        "errors": len(rows) - sum(right),
        "per_intent": per_intent,
        "confusions": dict(confusions.most_common()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")

    print(f"check set {report['set']}: {len(rows)} lines")
    print(f"intent accuracy {report['intent_accuracy']:.1%} ({report['errors']} wrong)")
    print(
        "per intent (right/lines): "
        + ", ".join(f"{k} {v['right']}/{v['lines']}" for k, v in per_intent.items() if v["lines"])
    )
    print("most common confusions: " + ", ".join(f"{k} {n}" for k, n in confusions.most_common(6)))
    if args.show:
        for ok, a, r in zip(right, answers, rows, strict=True):
            if not ok:
                print(f"  line {r['line']} ({r['intent']}, got {a}): {r['text']}")
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
