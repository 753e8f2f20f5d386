"""The scripted-call test corpus: one entry per call (read by scripts/make_corpus.py).

Each call is a caller who phones the clinic, in a test voice the bot does not use, and says
what the call is about in the first person. ``steps`` are the caller's turns in order:

    say("text")                 an utterance, pre-rendered to NN.wav over a phone line
    say("text", barge_in=1.0)   ...started 1.0 s after the bot's next reply begins (talks over it)
    dtmf("0")                   keypad digits
    silence(10.0)               says nothing for 10 s after the bot stops
    hangup()                    hangs up (after the bot stops; ``barge_in=`` hangs up over it)

``expect`` follows agent/replay/script.py and only states what the call itself establishes:
``intent`` (one label, or a list of acceptable labels), ``triage.level`` for symptom calls,
``handoff`` for explicit requests for a person and for emergencies, ``caller_says`` (1-3 words
a recogniser must get), ``barge_in``, and ``end_reason`` for the silent and hang-up calls.

The names, dates of birth and numbers below are invented.

The calls themselves are in sibling modules, by what they are about: corpus_requests.py,
corpus_symptoms.py, corpus_handoffs.py and corpus_edge_cases.py, with the step helpers and
``Call`` in corpus_steps.py. This module puts them together in order and re-exports them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from agent.nlu import INTENTS as _INTENTS
from agent.nlu import TRIAGE_LEVELS as _LEVELS

# The parts are sibling modules: make them importable however this file is loaded (run as a
# script, imported with scripts/ on sys.path, by file path, or as scripts.corpus_calls).
_SCRIPTS = str(Path(__file__).resolve().parent)
if _SCRIPTS not in sys.path:
    sys.path.append(_SCRIPTS)

from corpus_edge_cases import EDGE_CASE_CALLS  # noqa: E402
from corpus_handoffs import HANDOFF_CALLS  # noqa: E402
from corpus_requests import REQUEST_CALLS  # noqa: E402
from corpus_steps import NO_ANSWERS, Call, answers_no, dtmf, hangup, say, silence  # noqa: E402
from corpus_symptoms import SYMPTOM_CALLS  # noqa: E402

__all__ = [
    "CALLS",
    "INTENTS",
    "NO_ANSWERS",
    "REQUIRED_TAGS",
    "TRIAGE_LEVELS",
    "Call",
    "answers_no",
    "dtmf",
    "hangup",
    "say",
    "silence",
]

INTENTS = frozenset(_INTENTS)
TRIAGE_LEVELS = frozenset(_LEVELS)

#: Every one of these tags must appear on at least one call (tests/replay/test_corpus.py).
REQUIRED_TAGS = frozenset(
    {
        # what the call is about
        "appointment",
        "schedule",
        "reschedule",
        "cancel",
        "appointment_query",
        "refill",
        "billing",
        "test_results",
        "hours_location",
        "directions",
        "speak_to_person",
        "other",
        # symptoms, by urgency, and the emergencies by kind
        "symptoms",
        "self_care",
        "routine",
        "urgent",
        "emergency",
        "cold",
        "rash",
        "fever",
        "uti",
        "chest_pain",
        "stroke",
        "breathing",
        "anaphylaxis",
        "bleeding",
        "suicidal",
        # how the call goes
        "silent",
        "barge_in",
        "dtmf",
        "hangup",
        "elderly",
        "hesitant",
        "relative",
        "multi_turn",
    }
)


# --- the calls --------------------------------------------------------------------------------

CALLS: list[Call] = [*REQUEST_CALLS, *SYMPTOM_CALLS, *HANDOFF_CALLS, *EDGE_CASE_CALLS]
