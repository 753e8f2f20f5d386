"""Follow-up protocols: the heart (chest pain, palpitations). See the package docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

HEART: dict[str, tuple[Question, ...]] = {
    # AHA heart attack warning signs; NICE CG95.
    "chest_pain": protocol(
        "chest_pain",
        emergency(
            "spreading",
            "Does the pain spread to your arm, jaw, neck, or back?",
            "chest_pain_cardiac",
            "chest pain spreading to arm, jaw, neck or back",
        ),
        emergency(
            "breathless",
            "Are you short of breath with the pain?",
            "chest_pain_cardiac",
            "chest pain with breathlessness",
        ),
        emergency(
            "sweating",
            "Are you sweaty or clammy?",
            "chest_pain_cardiac",
            "chest pain with sweating",
        ),
        emergency(
            "long",
            "Has the pain lasted more than fifteen minutes?",
            "chest_pain_cardiac",
            "chest pain lasting over 15 minutes",
        ),
    ),
    # NHS heart palpitations; NICE CG109 (syncope); NICE NG196 (atrial fibrillation).
    "palpitations": protocol(
        "palpitations",
        emergency(
            "fainted",
            "Have you fainted, or nearly fainted?",
            "cardiac_syncope",
            "palpitations with fainting or near-fainting",
        ),
        emergency(
            "chest_pain",
            "Do you have any chest pain?",
            "chest_pain_cardiac",
            "palpitations with chest pain",
        ),
        emergency(
            "breathless",
            "Are you so short of breath that it's hard to speak?",
            "severe_breathing",
            "palpitations with severe breathlessness",
        ),
        urgent(
            "ongoing",
            "Is your heart still racing or beating unevenly now?",
            "ongoing fast or irregular heartbeat: same-day pulse check and ECG",
        ),
    ),
}
