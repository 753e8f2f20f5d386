"""Red-flag rules: brain and nerves (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

BRAIN_NERVES: tuple[Rule, ...] = (
    Rule(
        "stroke_signs",
        "neurological",
        "face drooping",
        t.FACE_DROOP,
        unless=t.BELLS_PALSY_DIAGNOSED,
    ),
    Rule("stroke_signs", "neurological", "slurred or muddled speech", t.SPEECH_DISTURBANCE),
    Rule(
        "stroke_signs",
        "neurological",
        "weakness or numbness on one side",
        t.ONE_SIDED_WEAKNESS,
        # A face already diagnosed as Bell's palsy, arms and legs said to be fine, is the
        # urgent case the README describes; a new limb weakness is still a stroke sign.
        unless=any_of(t.POSITIONAL_NUMBNESS, all_of(t.BELLS_PALSY_DIAGNOSED, t.LIMBS_FINE)),
    ),
    Rule("stroke_signs", "neurological", "possible stroke", t.STROKE_NAMED),
    Rule(
        "stroke_signs",
        "neurological",
        "sudden arm or leg weakness, imbalance or loss of vision",
        all_of(
            t.SUDDEN,
            any_of(t.LIMB_WEAK_OR_NUMB, t.VISION_LOSS_OR_DOUBLE, all_of(t.DIZZY, t.BALANCE_LOSS)),
        ),
    ),
    Rule(
        "thunderclap_headache",
        "headache",
        "sudden severe 'worst ever' headache",
        all_of(t.HEADACHE, t.WORST_OR_SUDDEN_SEVERE),
    ),
    Rule("thunderclap_headache", "headache", "thunderclap headache", t.THUNDERCLAP),
    Rule(
        "seizure",
        "neurological",
        "a first, long, repeated or injuring seizure, or one happening now",
        all_of(any_of(t.SEIZURE, t.FEBRILE_SEIZURE), t.SEIZURE_DANGER),
    ),
    Rule(
        "seizure",
        "neurological",
        "shaking or jerking that has gone on for 5 minutes or more",
        t.SHAKING_FOR_MINUTES,
        unless=t.SHIVERING_OR_TREMOR,
    ),
    Rule("meningitis_signs", "rash", "rash that does not fade under a glass", t.NON_BLANCHING_RASH),
    Rule(
        "meningitis_signs",
        "headache",
        "fever with a stiff neck or light hurting the eyes",
        all_of(t.FEVER, any_of(t.STIFF_NECK, t.LIGHT_HURTS)),
    ),
    Rule("meningitis_signs", "fever", "possible meningitis", t.MENINGITIS_NAMED),
)
