"""Red-flag rules: belly, urinary and genital (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

ABDOMEN_URINARY_GENITAL: tuple[Rule, ...] = (
    Rule("acute_abdomen", "abdominal_pain", "rigid belly", t.RIGID_ABDOMEN),
    Rule("acute_abdomen", "abdominal_pain", "green (bilious) vomiting", t.BILIOUS_VOMITING),
    Rule(
        "acute_abdomen",
        "abdominal_pain",
        "swollen belly with vomiting and no bowel action",
        all_of(t.DISTENSION, t.BOWEL_OBSTRUCTION),
    ),
    Rule(
        "acute_abdomen",
        "abdominal_pain",
        "swollen belly with vomiting and no bowel action",
        all_of(t.VOMITING, t.BOWEL_OBSTRUCTION, any_of(t.DISTENSION, t.ABDOMINAL_PAIN)),
    ),
    Rule("acute_abdomen", "abdominal_pain", "possible intussusception", t.REDCURRANT_STOOL),
    Rule(
        "acute_abdomen",
        "abdominal_pain",
        "possible intussusception",
        all_of(t.INTUSSUSCEPTION_SIGN, any_of(t.VOMITING, t.RECTAL_BLEEDING, t.CHILD)),
    ),
    Rule(
        "acute_abdomen",
        "abdominal_pain",
        "belly pain suddenly worse, spreading all over, or with collapse",
        all_of(t.ABDOMINAL_PAIN, t.ABDOMINAL_PAIN_WORSE),
    ),
    Rule("acute_abdomen", "abdominal_pain", "surgical emergency of the abdomen", t.ABDOMEN_NAMED),
    Rule("testicular_torsion", "genital", "possible testicular torsion", t.TORSION_NAMED),
    Rule(
        "testicular_torsion",
        "genital",
        "sudden or severe testicular pain",
        all_of(t.TESTICULAR_PAIN, t.TESTIS_HIGH_OR_SUDDEN),
    ),
    Rule(
        "priapism",
        "genital",
        "erection lasting 3 hours or more",
        all_of(t.ERECTION, t.ERECTION_PROLONGED),
    ),
    Rule("cauda_equina", "back_pain", "possible cauda equina syndrome", t.CAUDA_NAMED),
    Rule("cauda_equina", "back_pain", "numbness around the bottom or genitals", t.SADDLE_NUMBNESS),
    Rule(
        "cauda_equina",
        "back_pain",
        "back pain with new bladder or bowel problems or weakness in both legs",
        all_of(t.BACK_PAIN, any_of(t.NEW_BLADDER_OR_BOWEL_LOSS, t.BOTH_LEGS_WEAK)),
    ),
    Rule("urinary_retention", "urinary", "acute urinary retention", t.RETENTION_NAMED),
    Rule(
        "urinary_retention",
        "urinary",
        "unable to pass urine for hours or with a painful bladder",
        all_of(t.CANT_PASS_URINE, t.RETENTION_SEVERITY),
    ),
)
