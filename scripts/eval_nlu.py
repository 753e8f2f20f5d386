#!/usr/bin/env python
"""Evaluate careline's intent and triage on the held-out split, and time it.

    python scripts/eval_nlu.py                   # report in out/nlu/
    python scripts/eval_nlu.py --heads /tmp/nlu/heads.npz --out /tmp/nlu-eval

Reads only the ``test`` split of models/data (the training script never sees it) and writes:
- ``report.json``: accuracy, per-class precision and recall, the confusion matrices, the
  emergencies under-triaged (each listed), the same figures for the model alone (argmax, no
  red flags, no thresholds) so the policy's effect is visible, and the timing;
- ``confusion_intent.png``, ``confusion_triage.png``: rows are the truth, columns the answer;
- a summary on stdout.

The timing is one ``understand()`` per utterance, single-threaded, after load and warm-up:
what a call pays per turn for intent plus triage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.model_nlu import ModelNlu  # noqa: E402
from agent.nlu import INTENTS, TRIAGE_LEVELS, Understanding  # noqa: E402
from agent.triage.red_flags import find_red_flags  # noqa: E402
from models.nlu import NluModel  # noqa: E402

DATA = ROOT / "models" / "data"
RANK = {lab: i for i, lab in enumerate(TRIAGE_LEVELS)}


def heard_level(u: Understanding) -> str:
    """The level a turn was given. A description the NLU did not see as symptoms at all gets
    no triage: it counts as the lowest level, so a missed emergency shows as under-triaged
    rather than vanishing."""
    return u.triage.level if u.triage else "self_care"


def read_split(name: str, split: str = "test") -> list[dict]:
    rows = [json.loads(x) for x in (DATA / name).read_text().splitlines() if x.strip()]
    return [r for r in rows if r["split"] == split]


def confusion(truth: list[str], pred: list[str], labels: list[str]) -> np.ndarray:
    m = np.zeros((len(labels), len(labels)), int)
    for t, p in zip(truth, pred, strict=True):
        m[labels.index(t), labels.index(p)] += 1
    return m


def per_class(m: np.ndarray, labels: list[str]) -> dict[str, dict[str, float | int]]:
    out: dict[str, dict[str, float | int]] = {}
    for i, lab in enumerate(labels):
        tp, col, row = m[i, i], m[:, i].sum(), m[i, :].sum()
        out[lab] = {
            "precision": round(float(tp / col), 3) if col else 0.0,
            "recall": round(float(tp / row), 3) if row else 0.0,
            "n": int(row),
        }
    return out


def plot_confusion(
    m: np.ndarray, labels: list[str], title: str, path: Path, rows: str = "held-out split"
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1.0 + 0.6 * len(labels), 0.8 + 0.55 * len(labels)))
    ax.imshow(m / np.clip(m.sum(1, keepdims=True), 1, None), cmap="Blues", vmin=0, vmax=1)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if m[i, j]:
                ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("careline's answer")
    ax.set_ylabel(f"label ({rows})")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def time_turns(nlu: ModelNlu, texts: list[str], rounds: int) -> dict:
    """Speed: one understand() per utterance, as in a call, after a warm-up."""
    if rounds < 1 or not texts:
        return {}
    for t in texts[:20]:
        nlu.understand(t)
    times = []
    for _ in range(rounds):
        for t in texts:
            s = time.perf_counter()
            nlu.understand(t)
            times.append((time.perf_counter() - s) * 1000)
    return {
        "per_utterance_ms": {
            "p50": round(float(np.percentile(times, 50)), 2),
            "p95": round(float(np.percentile(times, 95)), 2),
            "max": round(float(np.max(times)), 2),
            "mean": round(float(np.mean(times)), 2),
        },
        "utterances_timed": len(times),
    }


def summarise(truth: list[str], pred: list[str], labels: list[str]) -> dict:
    m = confusion(truth, pred, labels)
    return {
        "accuracy": round(float(np.trace(m) / m.sum()), 4),
        "n": int(m.sum()),
        "per_class": per_class(m, labels),
        "confusion": m.tolist(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--heads", type=Path, default=None, help="a retrained .npz (default: committed)"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "nlu")
    ap.add_argument(
        "--timing-rounds",
        type=int,
        default=3,
        help="passes over the texts timed (0: no timing, for a quick accuracy check)",
    )
    ap.add_argument(
        "--rows",
        type=Path,
        default=None,
        help="evaluate these rows instead of the held-out split: the .dev.jsonl that\n"
        "`train_nlu.py --save-dev` keeps beside its calibration model, for diagnosing\n"
        "errors without reading the held-out split",
    )
    ap.add_argument(
        "--no-memory",
        action="store_true",
        help="leave out the intent head's example memory (models/memory.py), to see what\nit adds",
    )
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    t0 = time.perf_counter()
    nlu = ModelNlu(NluModel.load(args.heads, memory=not args.no_memory))
    load_s = time.perf_counter() - t0
    if args.rows:
        rows = [json.loads(x) for x in args.rows.read_text().splitlines() if x.strip()]
        intents = [r for r in rows if "intent" in r]
        triage = [r for r in rows if "level" in r]
        split_name = args.rows.name
    else:
        intents, triage = read_split("intents.jsonl"), read_split("triage.jsonl")
        split_name = "held-out split"

    # Intent: careline's answer (policy included) and the model's own pick (the intent head
    # with its example memory, when it has one; --no-memory for the head alone).
    i_truth = [r["intent"] for r in intents]
    i_answers = [nlu.understand(r["text"]) for r in intents]
    i_scores = nlu.model.scores([r["text"] for r in intents])
    intent = summarise(i_truth, [u.intent for u in i_answers], list(INTENTS))
    intent_model = summarise(
        i_truth, [max(s.intent, key=s.intent.get) for s in i_scores], list(INTENTS)
    )

    # Triage: every held-out symptom description, judged as a whole turn.
    t_truth = [r["level"] for r in triage]
    t_answers = [nlu.understand(r["text"]) for r in triage]
    t_scores = nlu.model.scores([r["text"] for r in triage])
    levels = [heard_level(u) for u in t_answers]
    tri = summarise(t_truth, levels, list(TRIAGE_LEVELS))
    tri_model = summarise(
        t_truth, [max(s.level, key=s.level.get) for s in t_scores], list(TRIAGE_LEVELS)
    )
    under = [
        {"text": r["text"], "label": r["level"], "answer": lv, "red_flags": r["red_flags"]}
        for r, lv in zip(triage, levels, strict=True)
        if RANK[lv] < RANK[r["level"]]
    ]
    missed_emergencies = [u for u in under if u["label"] == "emergency"]
    over = sum(RANK[lv] > RANK[r["level"]] for r, lv in zip(triage, levels, strict=True))
    c_pred = [u.triage.complaint if u.triage and u.triage.complaint else "?" for u in t_answers]
    complaint_acc = float(
        np.mean([p == r["complaint"] for p, r in zip(c_pred, triage, strict=True)])
    )
    flagged = [bool(u.triage and u.triage.red_flags) for u in t_answers]
    # The red-flag rules on their own (no model): how many held-out emergencies they catch,
    # and on how many other descriptions they fire. Counts only; the texts stay unprinted.
    by_rules = [bool(find_red_flags(r["text"])) for r in triage]
    rules_alone = {
        "emergencies_caught": sum(
            f for f, r in zip(by_rules, triage, strict=True) if r["level"] == "emergency"
        ),
        "non_emergencies_fired": sum(
            f for f, r in zip(by_rules, triage, strict=True) if r["level"] != "emergency"
        ),
    }

    timing = time_turns(nlu, [r["text"] for r in intents + triage], args.timing_rounds)
    timing["load_s"] = round(load_s, 2)

    report = {
        "heads": str(args.heads or "committed"),
        "intent_memory": nlu.model.heads.memory is not None,
        "rows": split_name,
        "card": {k: nlu.model.card.get(k) for k in ("model", "seed", "data_sha256", "lora")},
        "policy": {k: getattr(nlu.policy, k) for k in nlu.policy.__dataclass_fields__},
        "intent": intent,
        "intent_model_only": intent_model,
        "triage": tri
        | {
            "emergencies": sum(lab == "emergency" for lab in t_truth),
            "emergencies_under_triaged": len(missed_emergencies),
            "emergency_recall": round(
                1 - len(missed_emergencies) / max(1, sum(lab == "emergency" for lab in t_truth)), 4
            ),
            "under_triaged": len(under),
            "over_triaged": int(over),
            "complaint_accuracy": round(complaint_acc, 4),
            "with_red_flag_rule": int(sum(flagged)),
        },
        "triage_model_only": tri_model,
        "red_flag_rules_alone": rules_alone,
        "under_triaged": under,
        "timing": timing,
    }
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    plot_confusion(
        np.array(intent["confusion"]),
        list(INTENTS),
        f"Intent, {split_name}",
        args.out / "confusion_intent.png",
        split_name,
    )
    plot_confusion(
        np.array(tri["confusion"]),
        list(TRIAGE_LEVELS),
        f"Triage level, {split_name}",
        args.out / "confusion_triage.png",
        split_name,
    )

    for name, full, alone in (("intent", intent, intent_model), ("triage", tri, tri_model)):
        print(
            f"{name} accuracy   {full['accuracy']:.1%}  "
            f"(model alone {alone['accuracy']:.1%}, n={full['n']})"
        )
    print(
        f"emergencies under-triaged: {len(missed_emergencies)} of "
        f"{report['triage']['emergencies']}; under-triaged overall {len(under)}, "
        f"over-triaged {over}"
    )
    print(f"complaint accuracy {complaint_acc:.1%}; red-flag rules fired on {sum(flagged)}")
    print(
        f"rules alone: {rules_alone['emergencies_caught']} of {report['triage']['emergencies']} "
        f"emergencies caught, fired on {rules_alone['non_emergencies_fired']} other descriptions"
    )
    if pu := timing.get("per_utterance_ms"):
        print(
            f"per utterance (intent + triage): p50 {pu['p50']} ms, p95 {pu['p95']} ms; "
            f"load {load_s:.2f} s"
        )
    for u in missed_emergencies:
        print(f"  MISSED EMERGENCY -> {u['answer']}: {u['text']}")
    if args.rows:
        # Dev rows may be read line by line (they are training data); held-out rows are not
        # printed beyond the missed emergencies above.
        for r, u in zip(intents, i_answers, strict=True):
            if u.intent != r["intent"]:
                print(f"  intent {r['intent']} -> {u.intent}: {r['text']}")
        for r, lv in zip(triage, levels, strict=True):
            if lv != r["level"]:
                print(f"  level {r['level']} -> {lv}: {r['text']}")
    print(f"report: {args.out / 'report.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
