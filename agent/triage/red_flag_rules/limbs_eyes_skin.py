"""Red-flag rules: limbs, eyes and skin (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

LIMBS_EYES_SKIN: tuple[Rule, ...] = (
    Rule("limb_ischemia", "musculoskeletal", "acute limb ischaemia", t.LIMB_ISCHAEMIA_NAMED),
    Rule(
        "limb_ischemia",
        "musculoskeletal",
        "a cold, pale or pulseless limb",
        all_of(t.ONE_LIMB, any_of(all_of(t.LIMB_COLD, t.LIMB_PALE), t.PULSELESS)),
    ),
    Rule(
        "limb_ischemia",
        "musculoskeletal",
        "pale or numb toes or fingers in a plaster cast",
        all_of(t.TIGHT_CAST, t.NUMB_OR_PALE_DIGITS),
    ),
    Rule(
        "eye_injury_severe",
        "eye",
        "chemical in the eye",
        t.CHEMICAL_IN_EYE,
    ),
    Rule("eye_injury_severe", "eye", "penetrating or high-speed eye injury", t.PENETRATING_EYE),
    Rule(
        "sudden_vision_loss",
        "eye",
        "a curtain or shadow over the vision",
        t.CURTAIN_OR_FLASHES,
    ),
    Rule(
        "sudden_vision_loss",
        "eye",
        "sudden loss of vision",
        all_of(t.VISION_LOSS, t.SUDDEN),
    ),
    Rule("acute_glaucoma", "eye", "acute angle-closure glaucoma", t.GLAUCOMA_NAMED),
    Rule(
        "acute_glaucoma",
        "eye",
        "red or painful eye with haloes round lights",
        all_of(t.EYE_RED_OR_PAINFUL, t.HALOS),
    ),
    Rule(
        "acute_glaucoma",
        "eye",
        "red and painful eye with vomiting",
        # Both: bloodshot eyes after vomiting or crying, or a migraine's pain behind the eye with
        # sickness, are not glaucoma.
        all_of(t.EYE_RED, t.EYE_PAINFUL, t.VOMITING),
    ),
    Rule(
        "severe_skin_reaction",
        "rash",
        "skin peeling or coming off",
        t.SKIN_PEELING,
        unless=t.SUNBURN,
    ),
    Rule(
        "severe_skin_reaction",
        "rash",
        "widespread blistering with mouth or eye sores or after a new drug",
        all_of(t.WIDESPREAD_BLISTERING, t.MUCOSAL_OR_DRUG),
        unless=t.SUNBURN,
    ),
    Rule(
        "severe_skin_reaction",
        "rash",
        "blisters or rash with sores at two of the mouth, eyes and genitals after a new medicine",
        all_of(
            t.BLISTERS_OR_RASH,
            t.NEW_DRUG,
            any_of(
                all_of(t.MOUTH_SORES, t.EYE_SORES),
                all_of(t.MOUTH_SORES, t.GENITAL_SORES),
                all_of(t.EYE_SORES, t.GENITAL_SORES),
            ),
        ),
        unless=t.SUNBURN,
    ),
    Rule(
        "severe_skin_reaction",
        "rash",
        "blistering or skin coming away with sores of the mouth, eyes or genitals after a medicine",
        all_of(
            t.SKIN_BLISTERING_OR_DETACHING,
            any_of(t.MOUTH_SORES, t.EYE_SORES, t.GENITAL_SORES),
            any_of(t.NEW_DRUG, t.MEDICINE_GIVEN),
        ),
        unless=t.SUNBURN,
    ),
)
