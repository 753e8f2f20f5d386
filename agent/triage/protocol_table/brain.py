"""Follow-up protocols: the brain and consciousness (headache, stroke signs, dizziness,
collapse). See the package docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

BRAIN: dict[str, tuple[Question, ...]] = {
    # NICE CG150 headache red flags; NICE NG240 (meningitis); NICE NG133 (pre-eclampsia).
    "headache": protocol(
        "headache",
        emergency(
            "sudden",
            "Did the headache start suddenly and reach its worst within about a minute?",
            "thunderclap_headache",
            "sudden severe headache peaking within a minute",
        ),
        emergency(
            "stroke",
            "Do you have any new weakness, numbness, or trouble speaking?",
            "stroke_signs",
            "headache with weakness, numbness or speech difficulty",
        ),
        emergency(
            "stiff_neck",
            "Is your neck stiff, so you can't bend your chin to your chest?",
            "meningitis_signs",
            "headache with a stiff neck",
        ),
        urgent(
            "pregnant",
            "Are you more than twenty weeks pregnant?",
            "headache after 20 weeks of pregnancy: same-day check for pre-eclampsia",
        ),
    ),
    # AHA/ASA BE-FAST (call even if symptoms go away); NICE NG128.
    "neurological": protocol(
        "neurological",
        emergency(
            "face",
            "Has one side of the face drooped, even for a short time?",
            "stroke_signs",
            "face droop, possibly resolved",
        ),
        emergency(
            "limb",
            "Has an arm or leg gone weak or numb on one side, even briefly?",
            "stroke_signs",
            "one-sided arm or leg weakness or numbness, possibly resolved",
        ),
        emergency(
            "speech",
            "Has speech been slurred or muddled, even briefly?",
            "stroke_signs",
            "slurred or muddled speech, possibly resolved",
        ),
        emergency(
            "vision",
            "Has there been sudden loss of sight, or double vision?",
            "stroke_signs",
            "sudden vision loss or double vision",
        ),
    ),
    # NICE CG109 (transient loss of consciousness); NICE CKS vertigo (central features).
    "dizziness": protocol(
        "dizziness",
        emergency(
            "stroke",
            "Do you have any new weakness, numbness, or trouble speaking?",
            "stroke_signs",
            "dizziness with weakness, numbness or speech difficulty",
        ),
        emergency(
            "exertion",
            "Did you faint or nearly faint while exercising or exerting yourself?",
            "cardiac_syncope",
            "faint or near-faint on exertion",
        ),
        emergency(
            "black_stools",
            "Have your stools been black, like tar?",
            "gi_bleed",
            "dizziness with black stools",
        ),
        urgent(
            "fainted",
            "Have you fainted today?",
            "faint today: same-day assessment",
        ),
    ),
    # AHA / European Resuscitation Council basic life support; NICE NG232 (head injury).
    "unresponsive": protocol(
        "unresponsive",
        emergency(
            "responding",
            "Right now, is the person hard to wake, or not answering you normally?",
            "unresponsive",
            "not responding normally now",
        ),
        emergency(
            "breathing",
            "Is their breathing noisy, gasping, or irregular?",
            "severe_breathing",
            "abnormal breathing",
        ),
        emergency(
            "head",
            "Did they hit their head when they went down?",
            "head_injury_red_flags",
            "head injury with loss of consciousness",
        ),
        emergency(
            "heart",
            "Did they have chest pain or a pounding heart just before?",
            "cardiac_syncope",
            "collapse after chest pain or palpitations",
        ),
    ),
}
