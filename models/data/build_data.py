"""Build intents.jsonl and triage.jsonl from the hand-written sources in src/ (stdlib only).

    python models/data/build_data.py && python models/data/check_data.py

Sources:
  src/intents/<intent>.txt   one caller utterance per line
  src/triage/*.txt           "## <complaint>" sections; lines "LEVEL|flag,flag|text" with
                             LEVEL one of E (emergency), U (urgent), R (routine), S (self_care)
  src/more/intents/, src/more/triage/
                             the same formats, written after the held-out split was fixed:
                             always "train", written to intents_more.jsonl / triage_more.jsonl,
                             and kept out of the split computation so adding training lines
                             never moves a line into or out of the held-out test split
In both, "#" starts a comment line and a line starting with "~" is a paraphrase of the line
above it.

Split: about 20 % "test", stratified by label (intent; complaint x level for triage). Lines are
first joined into paraphrase groups -- explicit "~" continuations, plus any two lines of the
same label whose word sets overlap by Jaccard >= 0.6 -- so a group never straddles train and
test. Within each label the groups are shuffled with random.Random("13:<label>") and taken
into test while the test count stays within round(0.2 * n). Deterministic: rebuilding gives
byte-identical files.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_data import (
    COMPLAINTS,
    INTENTS,
    INTENTS_FILE,
    MORE_INTENTS_FILE,
    MORE_TRIAGE_FILE,
    RED_FLAGS,
    TRIAGE_FILE,
    paraphrase_groups,
)

SRC = Path(__file__).resolve().parent / "src"
MORE = SRC / "more"
SEED = 13
TEST_SHARE = 0.2
LEVEL_CODES = {"E": "emergency", "U": "urgent", "R": "routine", "S": "self_care"}


class SourceError(Exception):
    pass


def _lines(path: Path):
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        cont = line.startswith("~")
        yield n, cont, line.lstrip("~").strip()


def read_intents(src: Path = SRC, required: bool = True) -> list[dict]:
    items: list[dict] = []
    for intent in INTENTS:
        path = src / "intents" / f"{intent}.txt"
        if not required and not path.exists():
            continue
        for n, cont, text in _lines(path):
            items.append({"text": text, "label": intent, "cont": cont, "where": f"{path.name}:{n}"})
    return items


def read_triage(src: Path = SRC) -> list[dict]:
    items: list[dict] = []
    for path in sorted((src / "triage").glob("*.txt")):
        complaint = None
        for n, cont, line in _lines(path):
            where = f"{path.name}:{n}"
            if line.startswith("##"):
                complaint = line.lstrip("#").strip()
                if complaint not in COMPLAINTS:
                    raise SourceError(f"{where}: unknown complaint {complaint!r}")
                continue
            if complaint is None:
                raise SourceError(f"{where}: line before any '## complaint' header")
            parts = line.split("|", 2)
            if len(parts) != 3 or parts[0] not in LEVEL_CODES:
                raise SourceError(f"{where}: expected LEVEL|flags|text, got {line!r}")
            code, flag_field, text = parts
            flags = [f.strip() for f in flag_field.split(",") if f.strip()]
            for f in flags:
                if f not in RED_FLAGS:
                    raise SourceError(f"{where}: unknown red flag {f!r}")
            level = LEVEL_CODES[code]
            items.append(
                {
                    "text": text.strip(),
                    "complaint": complaint,
                    "level": level,
                    "red_flags": flags,
                    "label": f"{complaint}/{level}",
                    "cont": cont,
                    "where": where,
                }
            )
    return items


def assign_splits(items: list[dict]) -> None:
    """Set item["split"]; paraphrase groups stay together, stratified by item["label"]."""
    joined = []
    for i, item in enumerate(items):
        if item["cont"]:
            if i == 0 or items[i - 1]["label"] != item["label"]:
                raise SourceError(
                    f"{item['where']}: '~' continuation without a same-label line above"
                )
            joined.append((i, i - 1))
    labels = [item["label"] for item in items]
    groups = paraphrase_groups([item["text"] for item in items], labels, joined)
    for label in dict.fromkeys(labels):  # in source order
        ordered = [g for g in groups if labels[g[0]] == label]  # source order, then shuffle
        random.Random(f"{SEED}:{label}").shuffle(ordered)
        target = round(TEST_SHARE * labels.count(label))
        n_test = 0
        for g in ordered:
            split = "test" if n_test + len(g) <= target else "train"
            n_test += len(g) if split == "test" else 0
            for i in g:
                items[i]["split"] = split


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def intent_rows(items: list[dict]) -> list[dict]:
    return [{"text": it["text"], "intent": it["label"], "split": it["split"]} for it in items]


def triage_rows(items: list[dict]) -> list[dict]:
    keys = ("text", "complaint", "level", "red_flags", "split")
    return [{k: it[k] for k in keys} for it in items]


def main() -> int:
    try:
        intents = read_intents()
        triage = read_triage()
        assign_splits(intents)
        assign_splits(triage)
        more_intents = read_intents(MORE, required=False)
        more_triage = read_triage(MORE)
    except SourceError as e:
        print(f"source error: {e}", file=sys.stderr)
        return 1
    for it in more_intents + more_triage:
        it["split"] = "train"
    write(INTENTS_FILE, intent_rows(intents))
    write(TRIAGE_FILE, triage_rows(triage))
    write(MORE_INTENTS_FILE, intent_rows(more_intents))
    write(MORE_TRIAGE_FILE, triage_rows(more_triage))
    print(
        f"wrote {len(intents)} + {len(more_intents)} intent lines, "
        f"{len(triage)} + {len(more_triage)} triage lines (split + train-only)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
