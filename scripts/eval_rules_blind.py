#!/usr/bin/env python
"""Measure the red-flag rules, and the whole NLU, on a check set the rules never saw.

    python scripts/eval_rules_blind.py          # counts, per-flag recall: out/nlu/rules_blind.json
    python scripts/eval_rules_blind.py --show   # also list the lines behind the misses

The rules (agent/triage/red_flag_rules/) were written from the training lines, so on those
lines they catch everything, and on dev too. ``models/data/checks/rule_blind_3.txt`` was written
later, from the data README's guidance only, by a writer who never saw the rules or any data
line. On it the figures below are honest:

- rules alone: emergencies caught (per red flag) and non-emergencies they fire on;
- careline as a call hears it (model, rules and policy, one whole turn): emergencies left
  below emergency, and levels raised above the label.

The set is for measuring only. Never train on it; never change a rule *because of* a line
in it (``--show`` is there to understand a figure, not to fix one). Once that has happened
the set is no longer blind and must be replaced by a new one written the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.model_nlu import RULES_CHARS, ModelNlu, clean_text  # noqa: E402
from agent.triage.red_flags import find_red_flags  # noqa: E402
from scripts.eval_nlu import RANK, heard_level  # noqa: E402

CHECK_SET = ROOT / "models" / "data" / "checks" / "rule_blind_3.txt"
LEVELS = {"E": "emergency", "U": "urgent", "R": "routine", "S": "self_care"}


def read_check_set(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|", 2)
        if len(parts) != 3 or parts[0] not in LEVELS:
            raise SystemExit(f"{path}:{n}: expected LEVEL|flags|text with LEVEL one of E U R S")
        flags = [f for f in parts[1].split(",") if f]
        if (parts[0] == "E") != bool(flags):
            raise SystemExit(f"{path}:{n}: an E line names its red flags, and only E lines do")
        rows.append({"line": n, "level": LEVELS[parts[0]], "red_flags": flags, "text": parts[2]})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", type=Path, default=CHECK_SET, help="the check set")
    ap.add_argument(
        "--heads", type=Path, default=None, help="a retrained .npz (default: committed)"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "nlu" / "rules_blind.json")
    ap.add_argument("--show", action="store_true", help="list the lines behind each miss")
    args = ap.parse_args(argv)
    if not args.set.is_file():
        ap.error(f"{args.set}: no such check set")

    rows = read_check_set(args.set)
    if not any(r["level"] == "emergency" for r in rows):
        ap.error(f"{args.set}: no emergency lines to measure")
    # The rules read the text as a call would hand it to them (agent.model_nlu).
    hits = [find_red_flags(clean_text(r["text"], RULES_CHARS)) for r in rows]
    nlu = ModelNlu.load(args.heads)
    answers = [nlu.understand(r["text"]) for r in rows]
    levels = [heard_level(u) for u in answers]

    emergencies = [i for i, r in enumerate(rows) if r["level"] == "emergency"]
    others = [i for i, r in enumerate(rows) if r["level"] != "emergency"]
    per_flag: dict[str, Counter] = {}
    for i in emergencies:
        c = per_flag.setdefault(rows[i]["red_flags"][0], Counter())
        c["lines"] += 1
        c["caught"] += bool(hits[i])
    rules_missed = [i for i in emergencies if not hits[i]]
    rules_fired = [i for i in others if hits[i]]
    nlu_missed = [i for i in emergencies if levels[i] != "emergency"]
    over = [i for i in others if RANK[levels[i]] > RANK[rows[i]["level"]]]
    report = {
        "set": str(args.set.relative_to(ROOT) if args.set.is_relative_to(ROOT) else args.set),
        "heads": str(args.heads or "committed"),
        "lines": len(rows),
        "emergencies": len(emergencies),
        "rules_alone": {
            "emergencies_caught": len(emergencies) - len(rules_missed),
            "non_emergencies_fired": len(rules_fired),
            "per_primary_flag": {f: dict(c) for f, c in sorted(per_flag.items())},
        },
        "careline": {
            "emergencies_under_triaged": len(nlu_missed),
            "non_emergencies_over_triaged": len(over),
            "non_emergencies_sent_to_emergency": sum(levels[i] == "emergency" for i in others),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")

    n_e, n_o = len(emergencies), len(others)
    caught = n_e - len(rules_missed)
    print(f"check set {report['set']}: {len(rows)} lines, {n_e} emergencies")
    print(f"rules alone: caught {caught} of {n_e} emergencies ({caught / n_e:.1%}); ", end="")
    print(f"fired on {len(rules_fired)} of {n_o} non-emergencies")
    print(f"careline (model + rules + policy): {len(nlu_missed)} of {n_e} emergencies ", end="")
    print(f"under-triaged; {len(over)} of {n_o} non-emergencies raised above their level")
    weak = [(f, c) for f, c in sorted(per_flag.items()) if c["caught"] < c["lines"]]
    if weak:
        print(
            "flags the rules missed lines of: "
            + ", ".join(f"{f} {c['caught']}/{c['lines']}" for f, c in weak)
        )
    if args.show:
        for title, idx in (
            ("rules missed", rules_missed),
            ("rules fired on", rules_fired),
            ("careline under-triaged", nlu_missed),
        ):
            for i in idx:
                r = rows[i]
                print(f"  {title} (line {r['line']}, {r['level']}, got {levels[i]}): {r['text']}")
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
