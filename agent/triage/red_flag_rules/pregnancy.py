"""Red-flag rules: pregnancy (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

PREGNANCY: tuple[Rule, ...] = (
    Rule(
        "pregnancy_bleeding",
        "pregnancy",
        "heavy bleeding in pregnancy or after birth",
        all_of(any_of(t.PREGNANT, t.POSTPARTUM, t.WEEKS_20_PLUS), t.HEAVY_VAGINAL_BLEEDING),
    ),
    Rule(
        "pregnancy_severe_pain",
        "pregnancy",
        "possible ectopic pregnancy or abruption",
        t.ECTOPIC_NAMED,
    ),
    Rule(
        "pregnancy_severe_pain",
        "pregnancy",
        "severe or one-sided belly pain in pregnancy",
        all_of(t.PREGNANT, t.PREGNANCY_PAIN_SEVERE),
    ),
    Rule(
        "pregnancy_severe_pain",
        "pregnancy",
        "belly pain with faintness or shoulder-tip pain in early pregnancy (possible ectopic)",
        all_of(t.PREGNANT, t.EARLY_PREGNANCY_PAIN, t.SHOULDER_TIP_OR_FAINT),
    ),
    Rule(
        "seizure",
        "pregnancy",
        "seizure in pregnancy",
        all_of(t.SEIZURE, any_of(t.PREGNANT, t.POSTPARTUM)),
    ),
    Rule(
        "preeclampsia_signs",
        "pregnancy",
        "after 20 weeks: severe headache, visual disturbance, upper belly pain, swelling or fit",
        all_of(t.WEEKS_20_PLUS, any_of(t.PREECLAMPSIA_SIGN, t.SEIZURE, t.BP_SEVERE)),
    ),
    Rule(
        "preeclampsia_signs",
        "pregnancy",
        "pregnant with pre-eclampsia symptoms",
        all_of(any_of(t.PREGNANT, t.POSTPARTUM), t.PREECLAMPSIA_SIGN, t.BP_HIGH_IN_PREGNANCY),
    ),
    Rule(
        "preeclampsia_signs",
        "pregnancy",
        "after 20 weeks: a headache with blood pressure 140/90 or more",
        # From 140/90 any headache counts, not only a severe one (the README's pregnancy rule).
        all_of(t.WEEKS_20_PLUS, t.HEADACHE, t.BP_HIGH_IN_PREGNANCY),
    ),
    Rule("preeclampsia_signs", "pregnancy", "pre-eclampsia or eclampsia", t.PREECLAMPSIA_NAMED),
    Rule(
        "reduced_fetal_movement",
        "pregnancy",
        "fewer or no fetal movements",
        any_of(
            t.FETAL_MOVEMENTS_ABSENT,
            all_of(any_of(t.PREGNANT, t.WEEKS_24_PLUS), t.FETAL_MOVEMENTS_REDUCED),
        ),
        unless=any_of(t.WEEKS_UNDER_24, t.MOVEMENTS_NORMAL_NOW),
    ),
    Rule(
        "preterm_labor",
        "pregnancy",
        "contractions or waters breaking before 37 weeks",
        all_of(t.WEEKS_20_TO_36, t.CONTRACTIONS_OR_WATERS),
    ),
)
