"""Follow-up protocol: bleeding (heavy or uncontrolled, blood thinners). See the package
docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

BLEEDING: dict[str, tuple[Question, ...]] = {
    # Stop the Bleed / American Red Cross; NHS nosebleeds.
    "bleeding": protocol(
        "bleeding",
        emergency(
            "spurting",
            "Is the blood spurting, or soaking through a cloth?",
            "heavy_bleeding",
            "spurting or soaking bleeding",
        ),
        emergency(
            "not_stopping",
            "Is it still bleeding after ten minutes of firm pressure?",
            "heavy_bleeding",
            "bleeding not controlled by 10 minutes of pressure",
        ),
        emergency(
            "faint",
            "Do you feel faint or dizzy?",
            "heavy_bleeding",
            "bleeding with faintness",
        ),
        urgent(
            "thinners",
            "Do you take a blood thinner, like warfarin?",
            "bleeding on an anticoagulant: same-day review",
        ),
    ),
}
