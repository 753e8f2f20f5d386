#!/usr/bin/env python
"""Choose the lexical intent model's settings (models/lexical.py) on the dev fifth.

    python scripts/train_nlu.py --dev-only --save-dev /tmp/nlu/dev.npz   # once, ~25 min
    python scripts/tune_lexical.py --dev /tmp/nlu/dev.npz

Fits the lexical model on the same four fifths of the training split the calibration model
learnt from, for each L2 penalty, and blends it into that model's intent probabilities at
each weight. Every setting is scored through careline's full policy (agent/model_nlu.py,
at the thresholds the calibration chose): intent accuracy on the dev intent lines, and, on
the dev symptom descriptions, triage accuracy and emergencies under-triaged, so a blend that
helps intent at the cost of safety shows. The held-out split is never read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.model_nlu import ModelNlu, clean_text  # noqa: E402
from agent.nlu import INTENTS, TRIAGE_LEVELS  # noqa: E402
from agent.triage.red_flags import find_red_flags  # noqa: E402
from models.nlu import NluModel  # noqa: E402
from scripts.train_lexical import fit  # noqa: E402
from scripts.train_nlu import carve_dev, lexical_rows, load_data  # noqa: E402

RANK = {lab: i for i, lab in enumerate(TRIAGE_LEVELS)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--dev", type=Path, required=True, help="a calibration model kept by --save-dev"
    )
    ap.add_argument("--l2", type=float, nargs="+", default=[1e-6, 3e-6, 1e-5, 3e-5])
    ap.add_argument(
        "--blend", type=float, nargs="+", default=[0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]
    )
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None, help="also write the table as JSON here")
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    kept = [json.loads(x) for x in args.dev.with_suffix(".dev.jsonl").read_text().splitlines()]
    intents, triage = load_data()
    # The same carve as the calibration model's (deterministic), checked against its rows.
    dev = carve_dev(intents, "intent") + carve_dev(triage, "level")
    if [r["text"] for r in dev] != [r["text"] for r in kept]:
        ap.error(f"{args.dev} was calibrated on other dev rows: other data?")
    texts, labels = lexical_rows(intents, triage)
    print(f"lexical training rows: {len(texts)} (dev rows held out: {len(dev)})", flush=True)

    model = NluModel.load(args.dev)
    # The kept model's own lexical model (the settings of its day) is left out: each setting
    # here is blended in on its own.
    model.heads = replace(model.heads, lexical=None)
    nlu = ModelNlu(model)
    i_rows = [r for r in dev if "intent" in r]
    t_rows = [r for r in dev if "level" in r]
    i_texts = [clean_text(r["text"]) for r in i_rows]
    t_texts = [clean_text(r["text"]) for r in t_rows]
    i_scores, t_scores = model.scores(i_texts), model.scores(t_texts)
    i_flags = [find_red_flags(t) for t in i_texts]
    t_flags = [find_red_flags(t) for t in t_texts]

    def judged(blend: float, lex_i: np.ndarray, lex_t: np.ndarray) -> dict:
        def mixed(scores, lex):
            return [
                replace(
                    s,
                    intent={
                        lab: (1 - blend) * s.intent[lab] + blend * float(p[k])
                        for k, lab in enumerate(INTENTS)
                    },
                )
                for s, p in zip(scores, lex, strict=True)
            ]

        answers = [nlu.judge(s, f) for s, f in zip(mixed(i_scores, lex_i), i_flags, strict=True)]
        levels = [
            nlu.judge(s, f, expect="symptoms").triage.level  # type: ignore[union-attr]
            for s, f in zip(mixed(t_scores, lex_t), t_flags, strict=True)
        ]
        return {
            "intent": float(
                np.mean([a.intent == r["intent"] for a, r in zip(answers, i_rows, strict=True)])
            ),
            "triage": float(
                np.mean([lv == r["level"] for lv, r in zip(levels, t_rows, strict=True)])
            ),
            "under": sum(RANK[lv] < RANK[r["level"]] for lv, r in zip(levels, t_rows, strict=True)),
            "emergencies_missed": sum(
                r["level"] == "emergency" and lv != "emergency"
                for lv, r in zip(levels, t_rows, strict=True)
            ),
            "wrong": [
                f"{r['intent']} -> {a.intent}"
                for a, r in zip(answers, i_rows, strict=True)
                if a.intent != r["intent"]
            ],
        }

    table = []
    print(f"dev: {len(i_rows)} intent lines, {len(t_rows)} descriptions; {nlu.policy}")
    for l2 in args.l2:
        lex = fit(torch, texts, labels, len(INTENTS), l2=l2, blend=1.0)
        lex_i, lex_t = lex.probs(i_texts), lex.probs(t_texts)
        for blend in args.blend:
            got = judged(blend, lex_i, lex_t)
            table.append({"l2": l2, "blend": blend} | got)
            print(
                f"l2 {l2:g} blend {blend:.1f}: intent {got['intent']:.2%} "
                f"({len(got['wrong'])} wrong), triage {got['triage']:.2%}, "
                f"under-triaged {got['under']}, emergencies missed {got['emergencies_missed']}",
                flush=True,
            )
    if args.out:
        args.out.write_text(json.dumps(table, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
