"""``careline triage --jsonl IN --out OUT``: triage many texts at once, for evaluation.

Input: one JSON object per line, ``{"id": ..., "text": "..."}``. Output: one line per input
line, in the same order, ``{"id", "intent", "triage": {"level", "complaint", "red_flags",
"confidence"}}``. Each text is judged as a description of a patient's symptoms (a case
vignette or a caller's account), so every line gets a triage, even when the words alone
would not have sounded like symptoms in a call.

A bad line (not JSON, no text) is not fatal: its output line carries ``"error"`` and the
line number, the rest are still triaged, and the exit status is 1. The texts are patient
data: they go to OUT only, never to the log.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agent.errors import InputError

log = logging.getLogger("careline.triage")
BATCH = 32


def _read(path: Path) -> Iterator[tuple[int, Any, str | None, str | None]]:
    """(line number, id, text, error) per non-blank input line."""
    with path.open(encoding="utf-8-sig", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as exc:  # also absurd nesting, huge numbers
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
                yield n, None, None, f"line {n}: not JSON ({reason})"
                continue
            if not isinstance(obj, dict):
                yield n, None, None, f"line {n}: expected an object with id and text"
                continue
            ident = obj.get("id", n)
            text = obj.get("text")
            if not isinstance(text, str):
                yield n, ident, None, f"line {n}: 'text' must be a string"
                continue
            yield n, ident, text, None


def _result(ident: Any, u: Any) -> dict[str, Any]:
    t = u.triage
    return {
        "id": ident,
        "intent": u.intent,
        "triage": {
            "level": t.level,
            "complaint": t.complaint,
            "red_flags": list(t.red_flags),
            "confidence": round(t.confidence, 3),
        },
    }


def triage_file(src: Path, out: Path, *, heads: str | None = None, progress: bool = True) -> int:
    """Triage every line of ``src`` into ``out``; returns the number of bad input lines."""
    if not src.is_file():
        raise InputError(f"no such input file: {src}")
    from tqdm import tqdm

    from agent.model_nlu import ModelNlu

    nlu = ModelNlu.load(heads)
    rows = list(_read(src))
    bad = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with (
        tmp.open("w", encoding="utf-8") as f,
        tqdm(
            total=len(rows), unit="text", desc="triage", disable=not progress, file=sys.stderr
        ) as bar,
    ):
        for i in range(0, len(rows), BATCH):
            chunk = rows[i : i + BATCH]
            texts = [text or "" for _n, _ident, text, err in chunk if err is None]
            answers = iter(nlu.understand_many(texts, expect="symptoms"))
            for n, ident, _text, err in chunk:
                if err is not None:
                    bad += 1
                    line = {"id": ident, "error": err, "line": n}
                else:
                    line = _result(ident, next(answers))
                f.write(json.dumps(line) + "\n")
            bar.update(len(chunk))
    tmp.replace(out)  # a reader never sees half a file
    log.info("triaged %d lines (%d bad) into %s", len(rows) - bad, bad, out)
    return bad
