"""Slot values in a self-service call: reading what a caller's turn carries, and saying values
back the way people say them.

Every reader takes the recogniser's text as it comes (digits or words, fillers, stray
punctuation, any length) and never raises: bad input is a ``None``, a typed problem, or an
``unclear`` answer. Each reads a bounded prefix of its input, so the work per call is capped.
Nothing here logs: the values are patient data (see CONVENTIONS.md, rule 15).

Modules: :mod:`numbers` (spoken numbers), :mod:`dates` (date of birth; appointment times,
implemented in :mod:`when`), :mod:`names`, :mod:`medications`, :mod:`commands` (things said
at any prompt, yes/no), :mod:`speak` (values said aloud).
"""

from agent.slots.commands import (
    Answer,
    Command,
    CommandKind,
    Confirmation,
    classify_command,
    parse_confirmation,
)
from agent.slots.dates import DobProblem, DobResult, parse_date_of_birth, parse_dob_keypad
from agent.slots.medications import MedMatch, heard_medications, match_medication
from agent.slots.names import (
    NAME_MATCH_THRESHOLD,
    SpokenName,
    name_similarity,
    normalise_name,
    parse_spoken_name,
)
from agent.slots.numbers import Numeral, parse_number
from agent.slots.speak import say_date, say_dob, say_list, say_money, say_slot, say_time
from agent.slots.when import (
    Assumption,
    PartOfDay,
    WhenProblem,
    WhenProblemKind,
    WhenRequest,
    parse_when,
)

__all__ = [
    "NAME_MATCH_THRESHOLD",
    "Answer",
    "Assumption",
    "Command",
    "CommandKind",
    "Confirmation",
    "DobProblem",
    "DobResult",
    "MedMatch",
    "Numeral",
    "PartOfDay",
    "SpokenName",
    "WhenProblem",
    "WhenProblemKind",
    "WhenRequest",
    "classify_command",
    "heard_medications",
    "match_medication",
    "name_similarity",
    "normalise_name",
    "parse_confirmation",
    "parse_date_of_birth",
    "parse_dob_keypad",
    "parse_number",
    "parse_spoken_name",
    "parse_when",
    "say_date",
    "say_dob",
    "say_list",
    "say_money",
    "say_slot",
    "say_time",
]
