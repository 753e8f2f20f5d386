"""Validate careline's NLU training/evaluation data (runs in well under a second).

    python models/data/check_data.py            # check both files, print count tables
    python models/data/check_data.py --quiet    # only problems and the verdict

Checks: JSON schema and label vocabularies, minimum counts, exact and normalised duplicates,
red-flag consistency (emergency lines carry at least one flag, other lines carry none),
coverage of every complaint at several levels and of every must-not-miss red flag, the
held-out split ratio overall and per label, and that no near-duplicate phrasing of the same
label straddles train and test. Exit status 1 when anything is wrong.

The vocabularies below are the single source of truth; build_data.py imports them.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
INTENTS_FILE = HERE / "intents.jsonl"
TRIAGE_FILE = HERE / "triage.jsonl"
# Training-only lines written after the split was fixed (build_data.py, src/more/).
MORE_INTENTS_FILE = HERE / "intents_more.jsonl"
MORE_TRIAGE_FILE = HERE / "triage_more.jsonl"

# The label vocabularies the NLU itself uses: one definition, in agent/nlu.py.
sys.path.insert(0, str(HERE.parents[1]))
from agent.nlu import INTENTS  # noqa: E402
from agent.nlu import TRIAGE_LEVELS as LEVELS  # noqa: E402

COMPLAINTS = (
    "chest_pain",
    "palpitations",
    "breathing",
    "respiratory_infection",
    "allergic_reaction",
    "ear_nose_throat",
    "dental",
    "headache",
    "neurological",
    "dizziness",
    "unresponsive",
    "mental_health",
    "eye",
    "poisoning",
    "abdominal_pain",
    "vomiting_diarrhea",
    "bleeding",
    "pregnancy",
    "urinary",
    "genital",
    "diabetes",
    "fever",
    "rash",
    "injury",
    "burn",
    "skin_wound",
    "back_pain",
    "musculoskeletal",
)
# Red-flag ids (README.md, "Red-flag vocabulary", defines each one).
RED_FLAGS = (
    "chest_pain_cardiac",
    "aortic_signs",
    "pe_signs",
    "cardiac_syncope",
    "stroke_signs",
    "thunderclap_headache",
    "hypertensive_crisis",
    "severe_breathing",
    "airway_compromise",
    "anaphylaxis",
    "heavy_bleeding",
    "gi_bleed",
    "suicidal_intent",
    "harm_to_others",
    "unresponsive",
    "acute_confusion",
    "seizure",
    "infant_fever",
    "meningitis_signs",
    "sepsis_signs",
    "severe_dehydration",
    "dka",
    "severe_hypoglycemia",
    "pregnancy_bleeding",
    "pregnancy_severe_pain",
    "preeclampsia_signs",
    "reduced_fetal_movement",
    "preterm_labor",
    "overdose",
    "toxic_ingestion",
    "carbon_monoxide",
    "major_trauma",
    "head_injury_red_flags",
    "severe_burn",
    "acute_abdomen",
    "testicular_torsion",
    "priapism",
    "cauda_equina",
    "urinary_retention",
    "limb_ischemia",
    "sudden_vision_loss",
    "eye_injury_severe",
    "acute_glaucoma",
    "severe_skin_reaction",
)
# The must-not-miss flags named in the brief: each needs at least MIN_PER_MUST_FLAG examples.
MUST_FLAGS = (
    "chest_pain_cardiac",
    "stroke_signs",
    "thunderclap_headache",
    "severe_breathing",
    "anaphylaxis",
    "heavy_bleeding",
    "suicidal_intent",
    "unresponsive",
    "seizure",
    "infant_fever",
    "pregnancy_bleeding",
    "pregnancy_severe_pain",
    "overdose",
    "toxic_ingestion",
    "major_trauma",
    "head_injury_red_flags",
    "meningitis_signs",
    "sepsis_signs",
    "dka",
    "severe_dehydration",
    "testicular_torsion",
    "gi_bleed",
)

MIN_PER_INTENT = 110
MIN_TRIAGE = 900
MIN_PER_COMPLAINT = 20
MIN_LEVELS_PER_COMPLAINT = 3
MIN_PER_MUST_FLAG = 4
TEST_RATIO = (0.17, 0.23)  # whole file
TEST_RATIO_PER_LABEL = (0.10, 0.30)  # per intent / per complaint / per level
NEAR_DUP_JACCARD = 0.6  # same threshold build_data.py groups paraphrases with
MAX_TEXT_CHARS = 400

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|we've|our|us)\b")


def tokens(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def paraphrase_groups(
    texts: list[str], labels: list[str], joined: Iterable[tuple[int, int]] = ()
) -> list[list[int]]:
    """Indices joined into paraphrase groups (union-find): two lines of the same label whose
    word sets overlap by NEAR_DUP_JACCARD or more, plus the ``joined`` pairs. Groups come in
    the order of their first index, each in index order."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in joined:
        parent[find(i)] = find(j)
    by_label: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    toks = [tokens(t) for t in texts]
    for idx in by_label.values():
        for n, a in enumerate(idx):
            for b in idx[n + 1 :]:
                if jaccard(toks[a], toks[b]) >= NEAR_DUP_JACCARD:
                    parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def is_clinical_style(text: str) -> bool:
    """Third-person case description: starts capitalised/with a digit, no first person."""
    t = text.strip()
    return bool(t) and (t[0].isupper() or t[0].isdigit()) and not _FIRST_PERSON.search(t.lower())


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)


def load(path: Path, rep: Report, train_only: bool = False) -> list[dict]:
    """Rows of a JSONL file; ``train_only`` files (the *_more.jsonl ones) may be absent."""
    rows: list[dict] = []
    if not path.exists():
        if not train_only:
            rep.error(f"{path.name}: missing")
        return rows
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            rep.error(f"{path.name}:{n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            rep.error(f"{path.name}:{n}: bad JSON ({e})")
            continue
        if not isinstance(row, dict):
            rep.error(f"{path.name}:{n}: not an object")
            continue
        row["_line"] = f"{n} (of {path.name})" if train_only else n
        if train_only and row.get("split") != "train":
            rep.error(f"{path.name}:{n}: lines written after the split was fixed must be 'train'")
        rows.append(row)
    return rows


def _check_text_and_split(name: str, row: dict, rep: Report) -> None:
    n = row["_line"]
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        rep.error(f"{name}:{n}: text missing or empty")
    elif text != text.strip() or "\n" in text:
        rep.error(f"{name}:{n}: text has surrounding whitespace or a newline")
    elif len(text) > MAX_TEXT_CHARS:
        rep.error(f"{name}:{n}: text longer than {MAX_TEXT_CHARS} characters")
    if row.get("split") not in ("train", "test"):
        rep.error(f"{name}:{n}: split must be 'train' or 'test', got {row.get('split')!r}")


def _check_duplicates(name: str, rows: list[dict], rep: Report) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not isinstance(row.get("text"), str):
            continue
        key = normalise(row["text"])
        if key in seen:
            rep.error(f"{name}:{row['_line']}: duplicate of line {seen[key]}: {row['text']!r}")
        else:
            seen[key] = row["_line"]


def _check_straddle(name: str, rows: list[dict], label_of, rep: Report) -> None:
    by_label: dict[object, list[dict]] = defaultdict(list)
    for row in rows:
        if isinstance(row.get("text"), str):
            by_label[label_of(row)].append(row)
    for label, group in by_label.items():
        train = [(r, tokens(r["text"])) for r in group if r.get("split") == "train"]
        test = [(r, tokens(r["text"])) for r in group if r.get("split") == "test"]
        for r1, t1 in test:
            for r2, t2 in train:
                if jaccard(t1, t2) >= NEAR_DUP_JACCARD:
                    rep.error(
                        f"{name}: near-duplicates straddle the split ({label}): "
                        f"test line {r1['_line']} ~ train line {r2['_line']}"
                    )


def _ratio_check(name: str, what: str, counts: dict, rep: Report, bounds) -> None:
    total = counts.get("train", 0) + counts.get("test", 0)
    if total == 0:
        return
    ratio = counts.get("test", 0) / total
    lo, hi = bounds
    if not lo <= ratio <= hi:
        rep.error(f"{name}: test share for {what} is {ratio:.2f} (want {lo:.2f}-{hi:.2f})")


def check_intents(
    rows: list[dict], rep: Report, quiet: bool, more: list[dict] | None = None
) -> None:
    """``rows`` is the split file; ``more`` its train-only lines (checked, never counted in
    the split ratios, and never allowed to near-duplicate a test line)."""
    name = INTENTS_FILE.name
    more = more or []
    keys = {"text", "intent", "split"}
    for row in rows + more:
        extra = set(row) - keys - {"_line"}
        if extra or keys - set(row):
            rep.error(
                f"{name}:{row['_line']}: keys must be {sorted(keys)}, "
                f"got {sorted(set(row) - {'_line'})}"
            )
        _check_text_and_split(name, row, rep)
        if row.get("intent") not in INTENTS:
            rep.error(f"{name}:{row['_line']}: unknown intent {row.get('intent')!r}")
    _check_duplicates(name, rows + more, rep)
    _check_straddle(name, rows + more, lambda r: r.get("intent"), rep)

    table: dict[str, Counter] = {i: Counter() for i in INTENTS}
    for row in rows:
        if row.get("intent") in table:
            table[row["intent"]][row.get("split")] += 1
    for intent, c in table.items():
        total = c["train"] + c["test"]
        if total < MIN_PER_INTENT:
            rep.error(f"{name}: intent {intent} has {total} lines (minimum {MIN_PER_INTENT})")
        _ratio_check(name, f"intent {intent}", c, rep, TEST_RATIO_PER_LABEL)
    overall = Counter(r.get("split") for r in rows)
    _ratio_check(name, "the whole file", overall, rep, TEST_RATIO)

    if not quiet:
        print(f"\n{name}: {len(rows)} lines")
        print(f"  {'intent':<16}{'train':>7}{'test':>7}{'total':>7}")
        for intent, c in table.items():
            print(f"  {intent:<16}{c['train']:>7}{c['test']:>7}{c['train'] + c['test']:>7}")
        print(f"  {'ALL':<16}{overall['train']:>7}{overall['test']:>7}{len(rows):>7}")
        print(f"  train-only lines written after the split ({MORE_INTENTS_FILE.name}): {len(more)}")


def check_triage(
    rows: list[dict], rep: Report, quiet: bool, more: list[dict] | None = None
) -> None:
    """As check_intents: ``more`` rows get every per-line check and the straddle check."""
    name = TRIAGE_FILE.name
    more = more or []
    keys = {"text", "complaint", "level", "red_flags", "split"}
    for row in rows + more:
        n = row["_line"]
        if set(row) - keys - {"_line"} or keys - set(row):
            rep.error(
                f"{name}:{n}: keys must be {sorted(keys)}, got {sorted(set(row) - {'_line'})}"
            )
        _check_text_and_split(name, row, rep)
        if row.get("complaint") not in COMPLAINTS:
            rep.error(f"{name}:{n}: unknown complaint {row.get('complaint')!r}")
        level = row.get("level")
        if level not in LEVELS:
            rep.error(f"{name}:{n}: unknown level {level!r}")
        flags = row.get("red_flags")
        if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
            rep.error(f"{name}:{n}: red_flags must be a list of strings")
            continue
        for f in flags:
            if f not in RED_FLAGS:
                rep.error(f"{name}:{n}: unknown red flag {f!r}")
        if len(set(flags)) != len(flags):
            rep.error(f"{name}:{n}: repeated red flag")
        if level == "emergency" and not flags:
            rep.error(f"{name}:{n}: emergency line without a red flag")
        if level in LEVELS and level != "emergency" and flags:
            rep.error(f"{name}:{n}: {level} line carries red flags {flags} (only emergencies may)")
    _check_duplicates(name, rows + more, rep)
    _check_straddle(name, rows + more, lambda r: (r.get("complaint"), r.get("level")), rep)

    if len(rows) < MIN_TRIAGE:
        rep.error(f"{name}: {len(rows)} lines (minimum {MIN_TRIAGE})")
    cell: dict[str, Counter] = {c: Counter() for c in COMPLAINTS}
    by_complaint_split: dict[str, Counter] = {c: Counter() for c in COMPLAINTS}
    by_level_split: dict[str, Counter] = {lv: Counter() for lv in LEVELS}
    flag_counts: Counter = Counter()
    for row in rows:
        c, lv = row.get("complaint"), row.get("level")
        if c in cell and lv in LEVELS:
            cell[c][lv] += 1
            by_complaint_split[c][row.get("split")] += 1
            by_level_split[lv][row.get("split")] += 1
        for f in row.get("red_flags") or []:
            flag_counts[f] += 1
    for c in COMPLAINTS:
        total = sum(cell[c].values())
        if total < MIN_PER_COMPLAINT:
            rep.error(f"{name}: complaint {c} has {total} lines (minimum {MIN_PER_COMPLAINT})")
        if sum(1 for lv in LEVELS if cell[c][lv]) < MIN_LEVELS_PER_COMPLAINT:
            rep.error(f"{name}: complaint {c} covers fewer than {MIN_LEVELS_PER_COMPLAINT} levels")
        if cell[c]["emergency"] == 0:
            rep.warn(f"{name}: complaint {c} has no emergency examples")
        _ratio_check(name, f"complaint {c}", by_complaint_split[c], rep, TEST_RATIO_PER_LABEL)
    for lv in LEVELS:
        _ratio_check(name, f"level {lv}", by_level_split[lv], rep, TEST_RATIO_PER_LABEL)
    for f in MUST_FLAGS:
        if flag_counts[f] < MIN_PER_MUST_FLAG:
            rep.error(
                f"{name}: must-not-miss flag {f} has {flag_counts[f]} examples "
                f"(minimum {MIN_PER_MUST_FLAG})"
            )
    for f in RED_FLAGS:
        if flag_counts[f] == 0:
            rep.warn(f"{name}: red flag {f} is defined but never used")
    overall = Counter(r.get("split") for r in rows)
    _ratio_check(name, "the whole file", overall, rep, TEST_RATIO)
    clinical = sum(
        1 for r in rows if isinstance(r.get("text"), str) and is_clinical_style(r["text"])
    )
    share = clinical / len(rows) if rows else 0.0
    if not 0.20 <= share <= 0.35:
        rep.warn(f"{name}: third-person clinical-style share is {share:.2f} (aim for about 0.25)")

    if not quiet:
        print(f"\n{name}: {len(rows)} lines; third-person clinical style {clinical} ({share:.0%})")
        head = "".join(f"{lv:>11}" for lv in LEVELS)
        print(f"  {'complaint':<22}{head}{'total':>8}{'test':>6}")
        for c in COMPLAINTS:
            cells = "".join(f"{cell[c][lv]:>11}" for lv in LEVELS)
            print(f"  {c:<22}{cells}{sum(cell[c].values()):>8}{by_complaint_split[c]['test']:>6}")
        tot = "".join(f"{sum(cell[c][lv] for c in COMPLAINTS):>11}" for lv in LEVELS)
        print(f"  {'ALL':<22}{tot}{len(rows):>8}{overall['test']:>6}")
        print(f"  {'level':<12}{'train':>7}{'test':>7}")
        for lv in LEVELS:
            print(f"  {lv:<12}{by_level_split[lv]['train']:>7}{by_level_split[lv]['test']:>7}")
        print(f"  {'ALL':<12}{overall['train']:>7}{overall['test']:>7}")
        print("  red flags: " + ", ".join(f"{f} {flag_counts[f]}" for f in RED_FLAGS))
        more_levels = Counter(r.get("level") for r in more)
        print(
            f"  train-only lines written after the split ({MORE_TRIAGE_FILE.name}): {len(more)} "
            + str(dict(more_levels))
        )


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    rep = Report()
    check_intents(load(INTENTS_FILE, rep), rep, quiet, load(MORE_INTENTS_FILE, rep, True))
    check_triage(load(TRIAGE_FILE, rep), rep, quiet, load(MORE_TRIAGE_FILE, rep, True))
    for w in rep.warnings:
        print(f"warning: {w}")
    for e in rep.errors:
        print(f"ERROR: {e}")
    verdict = "FAIL" if rep.errors else "OK"
    print(f"\n{verdict}: {len(rep.errors)} errors, {len(rep.warnings)} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
