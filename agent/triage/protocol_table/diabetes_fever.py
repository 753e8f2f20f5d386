"""Follow-up protocols: diabetes and fever (hypo, DKA, infant fever, sepsis signs). See the
package docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

DIABETES_FEVER: dict[str, tuple[Question, ...]] = {
    # JBDS DKA and hypoglycaemia guidance; ADA hypoglycaemia levels; NICE NG19.
    "diabetes": protocol(
        "diabetes",
        emergency(
            "confused",
            "Is the person confused, or very drowsy?",
            "acute_confusion",
            "confusion or drowsiness with diabetes: severe hypo or DKA",
        ),
        emergency(
            "needed_help",
            "Did a low sugar need someone else's help to treat?",
            "severe_hypoglycemia",
            "hypoglycaemia needing another person's help",
        ),
        emergency(
            "dka",
            "Are you vomiting, or breathing unusually deep and fast?",
            "dka",
            "vomiting or deep fast breathing with diabetes: possible DKA",
        ),
        urgent(
            "foot",
            "Do you have a new sore, or a colour change, on your foot?",
            "diabetic foot problem: same-day review",
        ),
    ),
    # NICE NG143 traffic lights; AAP febrile infant guidance; NICE NG51; NICE CG151.
    "fever": protocol(
        "fever",
        emergency(
            "infant",
            "Is this a baby under three months old?",
            "infant_fever",
            "fever in a baby under 3 months",
        ),
        emergency(
            "rash",
            "Is there a rash that doesn't fade when you press a glass on it?",
            "meningitis_signs",
            "fever with a non-blanching rash",
        ),
        emergency(
            "drowsy",
            "Is the person confused, very drowsy, or hard to wake?",
            "sepsis_signs",
            "fever with confusion or drowsiness",
        ),
        emergency(
            "chemo",
            "Is the person having chemotherapy?",
            "sepsis_signs",
            "fever during chemotherapy",
        ),
    ),
}
