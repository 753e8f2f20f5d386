"""Follow-up protocol: mental health (suicidal thoughts, self-harm, harm to others), in its
own module because of its ``only_if`` questions. See the package docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

MENTAL_HEALTH: dict[str, tuple[Question, ...]] = {
    # 988 Lifeline guidance and NHS "help for suicidal thoughts" (asking directly does not
    # increase risk); NICE NG225 (self-harm).
    "mental_health": protocol(
        "mental_health",
        urgent(
            "thoughts",
            "Can I ask, are you having thoughts of suicide, or of harming yourself?",
            "thoughts of suicide or self-harm: same-day clinician",
        ),
        emergency(
            "plan",
            "Have you made a plan to end your life?",
            "suicidal_intent",
            "suicidal thoughts with a plan",
            only_if="thoughts",
        ),
        emergency(
            "acted",
            "Have you already done something to harm yourself today?",
            "suicidal_intent",
            "self-harm or an attempt already made today",
            only_if="thoughts",
        ),
        emergency(
            "others",
            "Do you feel you might hurt someone else?",
            "harm_to_others",
            "risk of harm to others",
        ),
    ),
}
