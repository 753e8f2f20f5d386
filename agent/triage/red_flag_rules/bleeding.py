"""Red-flag rules: bleeding (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

BLEEDING: tuple[Rule, ...] = (
    Rule("gi_bleed", "vomiting_diarrhea", "vomiting blood or coffee grounds", t.VOMITING_BLOOD),
    Rule("gi_bleed", "vomiting_diarrhea", "black, tarry stools", t.MELAENA),
    Rule(
        "gi_bleed",
        "bleeding",
        "heavy rectal bleeding or with dizziness",
        all_of(t.RECTAL_BLEEDING, any_of(t.STRONG_BLEEDING_AMOUNT, t.DIZZY, t.NEAR_FAINT)),
    ),
    Rule(
        "heavy_bleeding",
        "bleeding",
        "bleeding that is spurting or will not stop with pressure",
        t.UNCONTROLLED_BLEEDING,
    ),
    Rule(
        "heavy_bleeding",
        "bleeding",
        "heavy bleeding",
        t.LOTS_OF_BLOOD,
        unless=t.BLEEDING_STOPPED,
    ),
    Rule(
        "heavy_bleeding",
        "bleeding",
        "nosebleed over 15 minutes despite pressure",
        all_of(t.NOSEBLEED, t.LONG_OR_DESPITE_PRESSURE),
        unless=t.BLEEDING_STOPPED,
    ),
    Rule(
        "heavy_bleeding",
        "ear_nose_throat",
        "bleeding after tonsil surgery",
        all_of(t.AFTER_TONSILLECTOMY, t.ANY_BLEEDING),
    ),
    Rule(
        "heavy_bleeding",
        "bleeding",
        "bleeding dialysis fistula",
        all_of(t.DIALYSIS_FISTULA, t.ANY_BLEEDING),
    ),
    Rule("heavy_bleeding", "bleeding", "coughing up a lot of blood", t.COUGHING_BLOOD_HEAVY),
    # A deep cut that will not stop is uncontrolled bleeding whoever made it.
    Rule(
        "heavy_bleeding",
        "bleeding",
        "a deep cut that will not stop bleeding",
        all_of(t.SELF_CUT_DEEP, t.LONG_OR_DESPITE_PRESSURE),
    ),
    Rule(
        "heavy_bleeding",
        "bleeding",
        "heavy vaginal bleeding with fainting or near-fainting",
        all_of(t.HEAVY_VAGINAL_BLEEDING, any_of(t.FAINTING, t.NEAR_FAINT, t.HYPOTENSION)),
    ),
)
