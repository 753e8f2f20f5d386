"""Follow-up protocol: the eye (sudden sight loss, chemical splash). See the package docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

EYE: dict[str, tuple[Question, ...]] = {
    # College of Optometrists guidelines; RCOphth urgency categories; NICE CKS red eye.
    "eye": protocol(
        "eye",
        emergency(
            "sight",
            "Have you suddenly lost some or all of the sight in that eye?",
            "sudden_vision_loss",
            "sudden loss of vision",
        ),
        emergency(
            "curtain",
            "Is there a dark curtain or shadow across your vision?",
            "sudden_vision_loss",
            "curtain or shadow across the vision",
        ),
        emergency(
            "chemical",
            "Has a chemical splashed into the eye?",
            "eye_injury_severe",
            "chemical splash to the eye",
        ),
        urgent(
            "painful",
            "Is the eye painful, not just gritty or itchy?",
            "painful eye: same-day eye assessment",
        ),
    ),
}
