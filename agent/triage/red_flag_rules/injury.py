"""Red-flag rules: injury and burns (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

INJURY_BURNS: tuple[Rule, ...] = (
    Rule("major_trauma", "injury", "high-energy or penetrating injury", t.HIGH_ENERGY_INJURY),
    Rule(
        "major_trauma", "injury", "open fracture or suspected hip fracture", t.OPEN_OR_HIP_FRACTURE
    ),
    Rule(
        "major_trauma",
        "injury",
        "deformed limb that is cold or numb below the injury",
        all_of(t.DEFORMED_LIMB, t.LIMB_CIRCULATION_POOR),
    ),
    Rule(
        "major_trauma",
        "injury",
        "injury with numbness or weakness (possible spinal injury)",
        all_of(t.INJURY_EVENT, t.SPINAL_SIGN),
    ),
    Rule(
        "major_trauma",
        "injury",
        "deformed leg or hip after a fall in an older, pale or anticoagulated person",
        all_of(
            t.DEFORMED_LEG,
            any_of(t.OLDER_ADULT, t.PALLOR, t.NEAR_FAINT, t.ANTICOAGULANT, t.LIMB_CIRCULATION_POOR),
        ),
    ),
    Rule(
        "head_injury_red_flags",
        "injury",
        "head injury with a warning sign (knocked out, vomiting, drowsy, worsening headache)",
        all_of(t.HEAD_INJURY, t.HEAD_INJURY_DANGER),
    ),
    Rule(
        "head_injury_red_flags",
        "injury",
        "head injury while on anticoagulants",
        all_of(t.HEAD_INJURY, t.ANTICOAGULANT),
    ),
    Rule("severe_burn", "burn", "electrical injury or clothes on fire", t.ELECTRICAL_INJURY),
    Rule("severe_burn", "burn", "chemical burn", t.CHEMICAL_ON_SKIN),
    Rule(
        "severe_burn",
        "burn",
        "large, deep or facial burn",
        all_of(t.BURN, t.BURN_LARGE_OR_DEEP),
        unless=t.SUNBURN,
    ),
    Rule(
        "severe_burn",
        "burn",
        "burn with smoke inhalation or confusion",
        all_of(t.BURN, t.SMOKE_EXPOSURE, any_of(t.CONFUSION, t.BREATHLESS, t.HOARSE)),
    ),
)
