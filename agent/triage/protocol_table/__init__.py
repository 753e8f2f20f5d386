"""The follow-up question table: what careline asks, per complaint, before settling a level.

**Not clinically reviewed.** Every question, level and reason below must be reviewed by a
licensed clinician before careline asks real callers. The rules restate the public guidance
named in ``models/data/README.md`` ("Complaints and the rules used"), which is where each
complaint's source is listed; the red-flag ids come from that README's vocabulary.

How to review one protocol (one entry of :data:`PROTOCOLS`):

- Questions are asked top to bottom, most important first, and only while the call is below
  emergency. The first "yes" to an ``emergency(...)`` question ends the protocol: the caller
  is told to call the emergency number at once, so nothing after it is ever asked.
- ``emergency(id, text, red_flag, reason)``: "yes" raises the level to emergency and records
  ``red_flag``. ``urgent(id, text, reason)``: "yes" raises to urgent (same-day clinician).
  No answer ever lowers a level, and "no" only moves on to the next question.
- ``only_if="<id>"``: asked only when the caller did not say a clear "no" to that earlier
  question (used so nobody is asked about a suicide plan after saying they have no such
  thoughts). A question that could not raise the current level is skipped to save the
  caller's time, unless another question depends on it.
- An unclear answer is asked once more with the keypad hint; a second unclear answer, or
  silence, leaves the red flag "not ruled out": the level rises to urgent (a nurse calls
  back today), never to a guess. See ``agent/triage/protocols.py``.
- ``text`` is read aloud by the speech synthesiser to a possibly frightened or elderly
  caller, sometimes a relative answering for the patient (the protocol's introduction asks
  them to answer for the patient). So: short, plain words, one idea, "yes" is the worrying
  answer, numbers written as words (the synthesiser and the caller both cope better).
- ``reason`` is what a nurse reads in the call record: the finding, not the question.

The protocols live in one module per part of the body, like ``red_flag_rules``: ``heart``,
``airway_breathing`` (including ear, nose, throat and teeth), ``brain``, ``mental_health``,
``eye``, ``abdomen`` (including poisoning), ``bleeding``, ``pregnancy_urogenital``,
``diabetes_fever``, ``skin_injury`` and ``back_limbs``; the protocol for an unknown complaint
is in ``generic``, and what a question is (``Question``, ``emergency``, ``urgent``, the spoken
lines) is in ``base``. This package joins the sections into the one :data:`PROTOCOLS`, in the
order above.
"""

from __future__ import annotations

from agent.triage.protocol_table.abdomen import ABDOMEN
from agent.triage.protocol_table.airway_breathing import AIRWAY_BREATHING
from agent.triage.protocol_table.back_limbs import BACK_LIMBS
from agent.triage.protocol_table.base import (
    INTRO,
    KEYPAD_HINT,
    REPROMPT_LEAD,
    IfYes,
    Question,
    emergency,
    urgent,
)
from agent.triage.protocol_table.bleeding import BLEEDING
from agent.triage.protocol_table.brain import BRAIN
from agent.triage.protocol_table.diabetes_fever import DIABETES_FEVER
from agent.triage.protocol_table.eye import EYE
from agent.triage.protocol_table.generic import GENERIC
from agent.triage.protocol_table.heart import HEART
from agent.triage.protocol_table.mental_health import MENTAL_HEALTH
from agent.triage.protocol_table.pregnancy_urogenital import PREGNANCY_UROGENITAL
from agent.triage.protocol_table.skin_injury import SKIN_INJURY

__all__ = [
    "GENERIC",
    "INTRO",
    "KEYPAD_HINT",
    "PROTOCOLS",
    "REPROMPT_LEAD",
    "IfYes",
    "Question",
    "emergency",
    "urgent",
]

# The protocol table, keyed by the README complaint ids, in the order of the sections above.
PROTOCOLS: dict[str, tuple[Question, ...]] = {
    **HEART,
    **AIRWAY_BREATHING,
    **BRAIN,
    **MENTAL_HEALTH,
    **EYE,
    **ABDOMEN,
    **BLEEDING,
    **PREGNANCY_UROGENITAL,
    **DIABETES_FEVER,
    **SKIN_INJURY,
    **BACK_LIMBS,
}
