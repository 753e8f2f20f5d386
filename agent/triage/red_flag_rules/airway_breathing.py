"""Red-flag rules: airway, breathing and consciousness (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

AIRWAY_BREATHING_CONSCIOUSNESS: tuple[Rule, ...] = (
    Rule("airway_compromise", "breathing", "choking", t.CHOKING),
    Rule(
        "airway_compromise",
        "ear_nose_throat",
        "cannot swallow saliva",
        t.CANT_SWALLOW_SALIVA,
    ),
    Rule(
        "airway_compromise",
        "breathing",
        "noisy breathing (stridor) at rest",
        t.STRIDOR,
        unless=t.STRIDOR_ONLY_WHEN_UPSET,
    ),
    Rule(
        "airway_compromise",
        "ear_nose_throat",
        "drooling with throat swelling, muffled voice or noisy breathing",
        all_of(t.DROOLING, any_of(t.THROAT_OR_NECK_SWELLING, t.MUFFLED_VOICE, t.STRIDOR)),
    ),
    Rule(
        "airway_compromise",
        "ear_nose_throat",
        "swelling of the throat, floor of mouth or neck with trouble swallowing or breathing",
        all_of(t.THROAT_OR_NECK_SWELLING, t.SWALLOW_OR_BREATHING_DIFFICULTY),
    ),
    Rule(
        "airway_compromise",
        "breathing",
        "smoke inhalation with a hoarse voice or breathing difficulty",
        all_of(t.SMOKE_EXPOSURE, any_of(t.HOARSE, t.SWALLOW_OR_BREATHING_DIFFICULTY)),
    ),
    Rule(
        "unresponsive",
        "unresponsive",
        "not responding normally or collapsed",
        t.UNRESPONSIVE,
        # A faint with immediate, full recovery is a same-day assessment (README), unless
        # another rule (exertion, palpitations, chest pain, injury) makes it an emergency.
        unless=t.RECOVERED_PROMPTLY,
    ),
    Rule("unresponsive", "unresponsive", "floppy and hard to wake", all_of(t.FLOPPY, t.DROWSY)),
    Rule(
        "severe_breathing",
        "breathing",
        "not breathing or abnormal breathing",
        t.NOT_BREATHING,
        # Pauses in breathing with snoring at night are sleep apnoea: a routine referral.
        unless=t.SNORING_OR_APNOEA,
    ),
    Rule("severe_breathing", "breathing", "cannot breathe", t.CANT_BREATHE),
    Rule("severe_breathing", "breathing", "cannot speak in sentences", t.CANT_SPEAK_SENTENCES),
    Rule("severe_breathing", "breathing", "blue or grey lips or skin", t.CYANOSIS),
    Rule("severe_breathing", "breathing", "oxygen saturation under 92 %", t.LOW_OXYGEN),
    Rule(
        "severe_breathing",
        "breathing",
        "child working hard to breathe (grunting, ribs pulling in)",
        t.CHILD_WORK_OF_BREATHING,
    ),
    Rule(
        "severe_breathing",
        "breathing",
        "reliever inhaler not working",
        all_of(t.RELIEVER_FAILING, t.BREATHLESS),
    ),
    Rule("severe_breathing", "breathing", "reliever inhaler not working", t.RELIEVER_FAILING),
    Rule(
        "severe_breathing",
        "breathing",
        "breathless and exhausted or drowsy",
        all_of(t.BREATHLESS, t.EXHAUSTED),
    ),
)
