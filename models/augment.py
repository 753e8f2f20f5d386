"""Training-time variants of a caller's words: how the same turn looks after a phone line,
a small recogniser and a relative telling it.

Used only by ``scripts/train_nlu.py`` (with a seeded generator, so training is
reproducible). Every variant keeps the label of its source text: the changes are the kind
that must not change what a turn means -- lost punctuation and case, fillers, a dropped
word, digits for numbers, a mis-heard word, or the story told about someone else.
"""

from __future__ import annotations

import re

import numpy as np

FILLERS = ("um", "uh", "so", "like", "you know", "well", "yeah")

# Whisper's mis-hearings on phone audio, seen in the replay corpus and the README's data rules.
MISHEARD = {
    "chest": "chess",
    "breathe": "breed",
    "breath": "bread",
    "prescription": "subscription",
    "appointment": "a point meant",
    "cancel": "can sell",
    "pressure": "pressures",
    "killing": "filling",
    "bleeding": "bleating",
    "swelling": "smelling",
    "throat": "throw",
    "fever": "feather",
    "seizure": "seizures",
    "stroke": "strokes",
    "refill": "we fill",
    "results": "result",
    "billing": "building",
    "dizzy": "busy",
    "rash": "rush",
}

NUMBER_WORDS = {
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
    "12": "twelve",
    "20": "twenty",
}

# First person to a relative or patient described by someone else (rough grammar is fine:
# transcripts of worried callers are rough too).
THIRD_PERSON = [
    (r"\bI'm\b", "she's"),
    (r"\bI am\b", "she is"),
    (r"\bI've\b", "she's"),
    (r"\bI have\b", "she has"),
    (r"\bI had\b", "she had"),
    (r"\bI was\b", "she was"),
    (r"\bI can't\b", "she can't"),
    (r"\bI\b", "she"),
    (r"\bmy\b", "her"),
    (r"\bme\b", "her"),
    (r"\bmyself\b", "herself"),
]

_WORD = re.compile(r"\S+")


def _plain(text: str, rng: np.random.Generator | None = None) -> str:
    return re.sub(r"[^\w\s']", "", text).lower()


def _filler(text: str, rng: np.random.Generator) -> str:
    words = text.split()
    at = int(rng.integers(0, len(words) + 1))
    return " ".join([*words[:at], str(rng.choice(FILLERS)), *words[at:]])


def _drop(text: str, rng: np.random.Generator) -> str:
    words = text.split()
    if len(words) < 6:
        return text
    del words[int(rng.integers(0, len(words)))]
    return " ".join(words)


def _mishear(text: str, rng: np.random.Generator) -> str:
    hits = [w for w in MISHEARD if re.search(rf"\b{w}\b", text, re.IGNORECASE)]
    if not hits:
        return _plain(text)
    w = str(rng.choice(hits))
    return re.sub(rf"\b{w}\b", MISHEARD[w], text, count=1, flags=re.IGNORECASE)


def _numbers(text: str, rng: np.random.Generator) -> str:
    return re.sub(r"\b(\d+)\b", lambda m: NUMBER_WORDS.get(m.group(1), m.group(1)), text)


def _third_person(text: str, rng: np.random.Generator) -> str:
    if not re.search(r"\b(?:I|my|me)\b", text):
        return _plain(text)
    for pattern, repl in THIRD_PERSON:
        text = re.sub(pattern, repl, text)
    return text


_CHANGES = (_plain, _filler, _drop, _mishear, _numbers, _third_person)


def augment(text: str, rng: np.random.Generator, n: int) -> list[str]:
    """Up to ``n`` distinct variants of ``text`` (never the text itself)."""
    out: list[str] = []
    for _ in range(n * 3):
        if len(out) >= n:
            break
        picks = rng.choice(len(_CHANGES), size=int(rng.integers(1, 3)), replace=False)
        variant = text
        for k in sorted(picks.tolist()):
            variant = _CHANGES[k](variant, rng)
        variant = " ".join(variant.split())
        if variant and variant != text and variant not in out:
            out.append(variant)
    return out
