"""Red-flag rules: infection, fever and metabolism (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

INFECTION_FEVER_METABOLISM: tuple[Rule, ...] = (
    Rule(
        "infant_fever",
        "fever",
        "fever in a baby under 3 months",
        all_of(t.INFANT_UNDER_3_MONTHS, t.FEVER),
    ),
    Rule(
        "infant_fever",
        "fever",
        "fever in a baby whose age is given in weeks (under 13)",
        all_of(t.AGE_IN_WEEKS_UNDER_13, t.FEVER),
        # "She's 8 weeks" is also how a pregnancy is dated.
        unless=t.PREGNANCY_WORDS,
    ),
    Rule("sepsis_signs", "fever", "possible sepsis", t.SEPSIS_NAMED),
    Rule(
        "sepsis_signs",
        "fever",
        "fever with mottled skin, cold hands and feet, new confusion, low blood pressure, no "
        "urine or very fast breathing",
        all_of(
            t.FEVER,
            any_of(
                t.MOTTLED_OR_COLD_PERIPHERIES,
                t.CONFUSED_IN_COMBINATION,
                t.HYPOTENSION,
                t.NO_URINE,
                t.FAST_BREATHING,
            ),
        ),
    ),
    Rule(
        "sepsis_signs",
        "fever",
        "fever with shaking chills and a racing pulse or feeling very unwell",
        all_of(t.FEVER, t.RIGORS, any_of(t.TACHYCARDIA, t.VERY_UNWELL, t.SPREADING_INFECTION)),
    ),
    Rule(
        "sepsis_signs",
        "fever",
        "an infection with shaking chills and a racing pulse or feeling they might die",
        all_of(
            any_of(t.INFECTION, t.SPREADING_INFECTION),
            t.RIGORS,
            any_of(t.TACHYCARDIA, t.VERY_UNWELL, t.MOTTLED_OR_COLD_PERIPHERIES),
        ),
    ),
    Rule(
        "sepsis_signs",
        "fever",
        "fever during chemotherapy",
        all_of(t.FEVER, t.CHEMOTHERAPY),
    ),
    Rule(
        "sepsis_signs",
        "fever",
        "infection with confusion, mottled skin, low blood pressure, no urine or fast breathing",
        all_of(
            any_of(t.SPREADING_INFECTION, t.INFECTION),
            any_of(
                t.MOTTLED_OR_COLD_PERIPHERIES,
                t.CONFUSION,
                t.HYPOTENSION,
                t.NO_URINE,
                t.FAST_BREATHING,
            ),
        ),
    ),
    Rule(
        "dka",
        "diabetes",
        "diabetic ketoacidosis signs (high ketones, fruity breath, deep breathing)",
        any_of(t.DKA_NAMED, t.KETONES_HIGH, all_of(t.DIABETES, t.KETOTIC_BREATH)),
    ),
    Rule(
        "dka",
        "diabetes",
        "diabetes with vomiting and deep breathing or drowsiness",
        all_of(
            t.DIABETES,
            any_of(t.VOMITING, t.GLUCOSE_VERY_HIGH),
            any_of(t.DEEP_FAST_BREATHING, t.DROWSY, t.KETOTIC_BREATH),
        ),
    ),
    Rule(
        "dka",
        "diabetes",
        "thirsty and passing lots of urine, with vomiting or belly pain and deep breathing "
        "(possible new diabetes in ketoacidosis)",
        # Deep breathing or fruity breath, not drowsiness: a night of drinking explains that.
        all_of(
            t.VERY_THIRSTY,
            t.PASSING_LOTS_OF_URINE,
            any_of(t.VOMITING, t.ABDOMINAL_PAIN),
            any_of(t.DEEP_FAST_BREATHING, t.KETOTIC_BREATH),
        ),
    ),
    Rule(
        "dka",
        "diabetes",
        "vomiting, drowsy and fruity breath",
        all_of(t.KETOTIC_BREATH, any_of(t.VOMITING, t.DROWSY)),
    ),
    Rule(
        "severe_hypoglycemia",
        "diabetes",
        "low blood sugar with confusion, fitting or unable to swallow",
        all_of(t.LOW_GLUCOSE, t.GLUCOSE_NEURO),
    ),
    Rule(
        "severe_hypoglycemia",
        "diabetes",
        "diabetic, sweating and confused or unable to swallow",
        all_of(t.DIABETES, t.SWEATING, t.GLUCOSE_NEURO),
    ),
    Rule(
        "severe_dehydration",
        "vomiting_diarrhea",
        "sunken eyes or soft spot, or no tears",
        t.SEVERE_DEHYDRATION_SIGN,
    ),
    Rule(
        "severe_dehydration",
        "vomiting_diarrhea",
        "vomiting or diarrhoea with no urine for many hours, floppiness, fainting or low blood "
        "pressure",
        all_of(
            t.DIARRHOEA_OR_VOMITING,
            any_of(t.NO_URINE_LONG, t.FLOPPY, t.FAINTING, t.HYPOTENSION, t.EYES_GO_IN),
        ),
    ),
    Rule(
        "acute_confusion",
        "neurological",
        "sudden or new confusion",
        all_of(t.CONFUSION, t.NEW_OR_SUDDEN),
    ),
    Rule(
        "acute_confusion",
        "neurological",
        "confusion (not known to be long-standing)",
        t.CONFUSION,
        unless=t.CONFUSION_LONGSTANDING,
    ),
    Rule(
        "acute_confusion",
        "fever",
        "overheated and drowsy (heat stroke)",
        all_of(t.HEAT_EXPOSURE, t.DROWSY),
    ),
)
