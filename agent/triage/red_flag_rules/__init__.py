"""Red-flag rules: the emergencies careline must never miss, as explicit, reviewable rules.

These rules run on the caller's transcribed words before (and independently of) any trained
model. They can only *raise* a call to emergency; they never lower a level. Each rule in
`RULES` reads as a sentence:

    Rule("chest_pain_cardiac", "chest_pain", "chest pain spreading to the arm, jaw or back",
         all_of(t.CHEST_PAIN, t.CHEST_PAIN_SPREADING))

means: when the caller mentions chest pain AND the pain spreading to the arm, jaw, neck or
back, raise the red flag `chest_pain_cardiac` (complaint `chest_pain`) and tell the nurse the
reason. `any_of(...)` is "either", `unless=` names findings that make the rule not apply
("chest pain that went away last year"). The concepts (`t.CHEST_PAIN`, ...) and every phrasing
behind them are in the `red_flag_terms` package, a module per part of the body; review
them together. The flag ids and the clinical thresholds follow `models/data/README.md`.

How to review a rule: read its reason, check the concepts it combines say what the reason
says, and check the phrasings of each concept in `red_flag_terms/`. Several rules may share
a flag (one per way the emergency shows itself); the first that matches gives the reason.
Rules are ordered so the first flag found is the primary one: the flags that name the cause
(overdose, anaphylaxis, trauma, pregnancy) before the physiological ones they cause.

The rules live in one module per part of the body, like the concepts: `causes` (poisoning,
self-harm, violence, allergy), `airway_breathing`, `injury`, `pregnancy`, `heart`, `brain`,
`infection`, `bleeding`, `abdomen` and `limbs_eyes_skin`; what a rule is (`Rule`, `all_of`,
`any_of`) is in `base`. This package joins the sections into the one ordered `RULES`, in the
order above, so a rule's place in the table is its place within its section's module.

No rule has to deal with negation ("no chest pain"), past history ("had a stroke in 2019"),
number words or punctuation: the matcher in `red_flags.py` does that for every concept (its
docstring lists exactly what it does), and `find_red_flags` there applies this table.
"""

from __future__ import annotations

from agent.triage.red_flag_rules.abdomen import ABDOMEN_URINARY_GENITAL
from agent.triage.red_flag_rules.airway_breathing import AIRWAY_BREATHING_CONSCIOUSNESS
from agent.triage.red_flag_rules.base import AllOf, AnyOf, Rule, Term, all_of, any_of
from agent.triage.red_flag_rules.bleeding import BLEEDING
from agent.triage.red_flag_rules.brain import BRAIN_NERVES
from agent.triage.red_flag_rules.causes import CAUSES
from agent.triage.red_flag_rules.heart import HEART_CIRCULATION
from agent.triage.red_flag_rules.infection import INFECTION_FEVER_METABOLISM
from agent.triage.red_flag_rules.injury import INJURY_BURNS
from agent.triage.red_flag_rules.limbs_eyes_skin import LIMBS_EYES_SKIN
from agent.triage.red_flag_rules.pregnancy import PREGNANCY
from agent.triage.red_flag_terms import Concept as Concept

__all__ = ["RULES", "AllOf", "AnyOf", "Rule", "Term", "all_of", "any_of"]

# The rule table. Complaints are the README complaint ids. The order of the sections is the
# order flags are found in: causes first, so the primary flag names the cause.
RULES: tuple[Rule, ...] = (
    *CAUSES,
    *AIRWAY_BREATHING_CONSCIOUSNESS,
    *INJURY_BURNS,
    *PREGNANCY,
    *HEART_CIRCULATION,
    *BRAIN_NERVES,
    *INFECTION_FEVER_METABOLISM,
    *BLEEDING,
    *ABDOMEN_URINARY_GENITAL,
    *LIMBS_EYES_SKIN,
)
