"""scripts/train_nlu.py retrains reproducibly: the same seed gives the same weights."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pytest

pytestmark = pytest.mark.models


def _tiny_training(n: int):
    """A train() call on the first ``n`` lines of each data file, one thread, deterministic."""
    torch = pytest.importorskip("torch")
    from scripts import train_nlu

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    every = train_nlu.read_jsonl(train_nlu.DATA / "triage.jsonl")
    complaints = sorted({r["complaint"] for r in every})
    intents = train_nlu.read_jsonl(train_nlu.DATA / "intents.jsonl")[:n]

    def run(args: argparse.Namespace, desc: str) -> dict:
        return train_nlu.train(torch, intents, every[:n], complaints, args, desc)

    return run


def test_training_twice_gives_identical_weights():
    run = _tiny_training(48)
    args = argparse.Namespace(rank=2, epochs=1, augment=1)
    a = run(args, "run a")
    b = run(args, "run b")
    assert a.keys() == b.keys()
    assert any(".lora_" in k for k in a)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)
    # and the training did something: the low-rank updates moved off their zero start
    assert any(np.abs(v).max() > 0 for k, v in a.items() if k.endswith(".lora_b"))


def test_dev_fifth_keeps_paraphrases_together_and_leaves_the_held_out_split_alone():
    from scripts import train_nlu

    base = "my little boy has had a runny nose and a cough since monday"
    rows = [{"text": f"{base} {tail}", "intent": "symptoms", "split": "train"} for tail in "abc"]
    # 200 unlike lines (no shared words), so each is a group of its own
    rows += [
        {"text": f"book w{i}a w{i}b w{i}c", "intent": "schedule", "split": "train"}
        for i in range(200)
    ]
    rows += [{"text": "cancel it please", "intent": "cancel", "split": "test"}]
    groups = train_nlu.paraphrase_groups([r["text"] for r in rows], [r["intent"] for r in rows])
    assert [0, 1, 2] in groups and len(groups) == 202  # the three lines are one group
    dev = train_nlu.carve_dev(rows, "intent")
    # the three near-identical lines are one group: all dev or all train
    assert len({r["split"] for r in rows[:3]}) == 1
    assert rows[-1]["split"] == "test" and rows[-1] not in dev
    assert all(r["split"] == "dev" for r in dev)
    assert 0.1 < len(dev) / len(rows) < 0.3
    again = [dict(r, split="train" if r["split"] == "dev" else r["split"]) for r in rows]
    assert [r["text"] for r in train_nlu.carve_dev(again, "intent")] == [r["text"] for r in dev]


def test_a_kept_calibration_model_from_other_settings_is_refused(tmp_path, capsys):
    pytest.importorskip("torch")
    from scripts import train_nlu

    kept = tmp_path / "dev.npz"
    kept.write_bytes(b"")
    kept.with_suffix(".json").write_text('{"epochs": 99}')
    with pytest.raises(SystemExit) as stop:
        train_nlu.main(["--reuse-dev", str(kept), "--out", str(tmp_path / "out.npz")])
    assert stop.value.code == 2
    assert "other data or settings" in capsys.readouterr().err
    assert not (tmp_path / "out.npz").exists()


def test_the_saved_model_carries_an_example_memory_of_the_intent_training_lines(tmp_path):
    from models.heads import DEFAULT_HEADS, card_path, load_heads
    from models.nlu import NluModel
    from scripts import train_nlu

    with np.load(DEFAULT_HEADS) as a:
        arrays = {k: a[k] for k in a.files if not k.startswith("memory.")}
    card = json.loads(card_path(DEFAULT_HEADS).read_text()) | {
        "memory": dict(train_nlu.MEMORY_SETTINGS)
    }
    intents = [
        {"text": "where do I park", "intent": "hours_location", "split": "train"},
        {"text": "I need to update my address on file", "intent": "other", "split": "train"},
        {"text": "cancel my appointment", "intent": "cancel", "split": "train"},
        {"text": "my bill is wrong", "intent": "billing", "split": "dev"},  # not remembered
    ]
    out = tmp_path / "heads.npz"
    train_nlu.save_with_memory(out, arrays, card, intents)
    heads = load_heads(out)
    assert heads.memory is not None and len(heads.memory.labels) == 3
    assert json.loads(card_path(out).read_text())["memory_rows"] == 3
    # the remembered line itself votes for its own label with the head
    s = NluModel.load(out).scores(["I need to update my address on file"])[0]
    assert s.intent_head is not None and s.intent != s.intent_head
    assert s.intent["other"] > s.intent_head["other"]
    assert NluModel.load(out, memory=False).scores(["hi"])[0].intent_head is None


def test_intent_order_balances_towards_the_rarer_intents_only_when_asked():
    from scripts import train_nlu

    labels = ["symptoms"] * 900 + ["other"] * 100
    uniform = train_nlu.intent_order(labels, 1.0, np.random.default_rng(3))
    assert sorted(uniform.tolist()) == list(range(1000))  # every row once
    drawn = train_nlu.intent_order(labels, 0.5, np.random.default_rng(3))
    assert len(drawn) == 1000
    share = sum(labels[i] == "other" for i in drawn) / 1000
    # square-root shares: 10 / (30 + 10) = 25 % (it was 10 %); symptoms still the majority
    assert 0.21 < share < 0.29
    again = train_nlu.intent_order(labels, 0.5, np.random.default_rng(3))
    assert drawn.tolist() == again.tolist()


def test_adding_a_data_batch_leaves_the_earlier_lines_dev_or_train_as_they_were():
    from scripts import train_nlu

    def rows(n: int) -> list[dict]:
        return [
            {"text": f"book w{i}a w{i}b w{i}c", "intent": "schedule", "split": "train"}
            for i in range(n)
        ]

    before, after = rows(150), rows(300)
    train_nlu.carve_dev(before, "intent")
    train_nlu.carve_dev(after, "intent")
    assert [r["split"] for r in after[:150]] == [r["split"] for r in before]
    assert 0.1 < sum(r["split"] == "dev" for r in after) / 300 < 0.3


def test_triage_lines_as_intent_examples_carry_their_own_loss_weight():
    from scripts import train_nlu

    intents = [{"text": "book me in please", "intent": "schedule", "split": "train"}]
    intents.append({"text": "held out", "intent": "schedule", "split": "test"})
    triage = [
        {"text": "crushing chest pain", "level": "emergency", "split": "train"},
        {"text": "a sore throat", "level": "self_care", "split": "train"},
    ]
    rows = train_nlu.intent_rows(intents, triage, triage_weight=0.5)
    assert rows == [
        ("book me in please", ("schedule", 1.0)),
        ("crushing chest pain", ("emergency", 0.5)),
        ("a sore throat", ("symptoms", 0.5)),
    ]


def test_a_triage_intent_weight_below_one_changes_what_is_learned():
    run = _tiny_training(32)
    a = run(argparse.Namespace(rank=2, epochs=1, augment=0), "weight 1")
    b = run(
        argparse.Namespace(rank=2, epochs=1, augment=0, triage_intent_weight=0.25), "weight 0.25"
    )
    assert not np.array_equal(a["intent.0.weight"], b["intent.0.weight"])
