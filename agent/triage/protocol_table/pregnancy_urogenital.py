"""Follow-up protocols: pregnancy, the urinary tract and the genitals. See the package
docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

PREGNANCY_UROGENITAL: dict[str, tuple[Question, ...]] = {
    # ACOG / CDC "Hear Her"; NICE NG126 (ectopic); RCOG reduced fetal movements; NICE NG133.
    "pregnancy": protocol(
        "pregnancy",
        emergency(
            "bleeding",
            "Are you bleeding heavily, or passing clots?",
            "pregnancy_bleeding",
            "heavy bleeding or clots in pregnancy",
        ),
        emergency(
            "pain",
            "Do you have severe pain in your stomach, or pain on one side?",
            "pregnancy_severe_pain",
            "severe or one-sided abdominal pain in pregnancy",
        ),
        emergency(
            "movements",
            "Has the baby been moving less than usual?",
            "reduced_fetal_movement",
            "reduced fetal movements",
        ),
        emergency(
            "headache_vision",
            "Do you have a bad headache, or any change in your vision?",
            "preeclampsia_signs",
            "severe headache or visual disturbance in pregnancy",
        ),
    ),
    # NHS urinary retention; NICE NG109 / NG111 (lower UTI, pyelonephritis); NICE NG51.
    "urinary": protocol(
        "urinary",
        emergency(
            "retention",
            "Are you unable to pass any urine at all, even though you need to?",
            "urinary_retention",
            "unable to pass urine",
        ),
        emergency(
            "confused",
            "Are you confused, or much sleepier than usual?",
            "sepsis_signs",
            "urinary symptoms with new confusion or drowsiness",
        ),
        urgent(
            "kidney",
            "Do you have a fever, or pain in your back just below the ribs?",
            "fever or loin pain: possible kidney infection",
        ),
        urgent(
            "pregnant",
            "Is there any chance you could be pregnant?",
            "urinary symptoms in possible pregnancy: same-day review",
        ),
    ),
    # NICE CKS scrotal pain and swelling; BAUS priapism guidance.
    "genital": protocol(
        "genital",
        emergency(
            "testicle",
            "Is there sudden, severe pain in a testicle?",
            "testicular_torsion",
            "sudden severe testicular pain",
        ),
        emergency(
            "erection",
            "Is there a painful erection that has lasted more than three hours?",
            "priapism",
            "painful erection lasting over 3 hours",
        ),
        urgent(
            "fever",
            "Do you have a fever, or feel generally unwell?",
            "genital symptoms with fever or feeling unwell: same-day assessment",
        ),
    ),
}
