"""Follow-up protocol for an unknown complaint: the commonest life-threatening presentations."""

from __future__ import annotations

from agent.triage.protocol_table.base import emergency, protocol

# Asked when the complaint is unknown (None or not in the table): the commonest
# life-threatening presentations, as in the "any of these, call the emergency number" lists
# of NHS 111 and the AHA.
GENERIC = protocol(
    "generic",
    emergency(
        "breathing",
        "Are you struggling to breathe right now?",
        "severe_breathing",
        "struggling to breathe",
    ),
    emergency(
        "chest_pain",
        "Do you have any chest pain or pressure?",
        "chest_pain_cardiac",
        "unexplained chest pain or pressure",
    ),
    emergency(
        "stroke",
        "Is there any new weakness, numbness, or trouble speaking?",
        "stroke_signs",
        "new weakness, numbness or speech difficulty",
    ),
    emergency(
        "confusion",
        "Are you confused, or much drowsier than usual?",
        "acute_confusion",
        "new confusion or drowsiness",
    ),
)
