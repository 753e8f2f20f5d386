"""The red-flag matcher's literal gates (agent/triage/literal_gate.py): they may only skip a
search that could not have matched."""

from __future__ import annotations

import random
import re

import pytest

from agent.triage import red_flags
from agent.triage.literal_gate import gate
from agent.triage.red_flag_rules import RULES
from tests.agent.red_flag_cases import triage_rows


def _gate(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    return gate(re.compile(pattern, flags))


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"chest pain", ("chest pain",)),
        (r"(?<!\w)(?:chest ?pain)(?!\w)", ("chest",)),  # the longest part every match has
        (r"seiz\w+|fitting", ("fitting", "seiz")),
        (r"(?:not|never) breathing", (" breathing",)),  # longer than "not"
        (r"(?:blue|grey) lips", (" lips",)),
        (r"\w+ing", ("ing",)),
        (r"(?:arm|leg) (?:weak|numb)", None),  # every part shorter than MIN_LENGTH ... or not
    ],
)
def test_gates_name_text_every_match_contains(pattern: str, expected) -> None:
    got = _gate(pattern)
    if expected is None:
        assert got is None or all(len(s) >= 3 for s in got)
    else:
        assert got == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:very )?ok",  # optional, and too short to be worth a test
        r"\w+",  # no literal at all
        r"(?:stroke)?",  # may match nothing
        r"(?:stroke)*",
        r"[abc]{3}",
        r"(?i:stroke)",  # case-insensitive part: a lower-case test could miss it
        r"stroke|\d+",  # one branch has no literal
    ],
)
def test_no_gate_where_no_literal_is_certain(pattern: str) -> None:
    assert _gate(pattern) is None


def test_a_case_insensitive_expression_has_no_gate() -> None:
    assert _gate("stroke", re.IGNORECASE) is None


def test_a_repeat_of_at_least_one_keeps_its_literal() -> None:
    assert _gate(r"(?:blood ){1,3}loss") == ("blood ",)


def _concepts():
    return list({id(c): c for rule in RULES for c in rule.concepts}.values())


def test_most_concepts_have_a_gate() -> None:
    gated = [c for c in _concepts() if red_flags._prepared(c)[1]]
    assert len(gated) >= 0.8 * len(_concepts())


def test_every_match_in_the_data_passes_its_concepts_gate() -> None:
    # Soundness on real text: wherever a concept's expression matches a (normalised) data
    # line or a shuffle of its words, at least one of its gate strings is in that text.
    texts = [red_flags.normalise(r["text"]) for r in triage_rows()]
    rng = random.Random(11)
    words = " ".join(texts).split()
    texts += [" ".join(rng.choice(words) for _ in range(40)) for _ in range(500)]
    checked = 0
    for concept in _concepts():
        compiled, needed = red_flags._prepared(concept)
        if not needed:
            continue
        for text in texts:
            if compiled.search(text):
                checked += 1
                assert any(s in text for s in needed), (concept.name, needed)
    assert checked > 1000
