"""Red-flag rules: heart and circulation (see the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

HEART_CIRCULATION: tuple[Rule, ...] = (
    Rule(
        "aortic_signs",
        "chest_pain",
        "sudden tearing pain (possible aortic dissection)",
        t.TEARING_PAIN,
    ),
    Rule(
        "aortic_signs",
        "chest_pain",
        "chest or back pain described as tearing",
        all_of(t.TEARING_WORD, any_of(t.CHEST_PAIN, t.BACK_OR_BELLY_PAIN)),
    ),
    Rule(
        "aortic_signs",
        "abdominal_pain",
        "known aneurysm with pain or collapse",
        all_of(t.ANEURYSM_KNOWN, any_of(t.BACK_OR_BELLY_PAIN, t.FAINTING, t.NEAR_FAINT)),
    ),
    Rule(
        "aortic_signs",
        "abdominal_pain",
        "sudden back or belly pain over 40 with low blood pressure or collapse (possible rupture)",
        # However mild it is called ("a bit of a backache"): shock makes it a leaking aneurysm.
        all_of(t.SUDDEN, t.BACK_OR_BELLY_PAIN, t.OLDER_ADULT, any_of(t.HYPOTENSION, t.FAINTING)),
    ),
    Rule(
        "pe_signs",
        "chest_pain",
        "breathlessness or chest pain with a recent operation, long journey or swollen calf",
        all_of(t.CLOT_RISK_STRONG, any_of(t.BREATHLESS, t.PLEURITIC_PAIN, t.SUDDEN_BREATHLESS)),
    ),
    Rule(
        "pe_signs",
        "chest_pain",
        "sudden breathlessness or pleuritic pain with a clot risk",
        all_of(t.CLOT_RISK_ANY, any_of(t.SUDDEN_BREATHLESS, t.PLEURITIC_PAIN)),
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "heart attack",
        t.HEART_ATTACK,
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "chest pain spreading to the arm, jaw, neck or back",
        all_of(t.CHEST_PAIN, t.CHEST_PAIN_SPREADING),
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "chest pain with sweating, pallor, breathlessness, nausea or faintness",
        all_of(
            t.CHEST_PAIN,
            any_of(t.SWEATING, t.PALLOR, t.BREATHLESS, t.NAUSEA_OR_VOMITING, t.NEAR_FAINT),
        ),
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "chest pain not relieved by nitroglycerin, or after cocaine",
        all_of(t.CHEST_PAIN, any_of(t.NITRO_NOT_HELPING, t.COCAINE)),
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "chest pain at rest or lasting, with age or heart risk factors",
        all_of(t.CHEST_PAIN, any_of(t.OLDER_ADULT, t.CARDIAC_RISK, t.AT_REST_OR_LASTING)),
        unless=t.CHEST_PAIN_SETTLED,
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "tight, heavy or crushing chest pain",
        all_of(t.CHEST_PAIN, t.CHEST_PRESSURE),
        unless=t.CHEST_PAIN_SETTLED,
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "chest pain now that cannot be explained by phone",
        t.CHEST_PAIN,
        # Naming heartburn or reflux does not stand this down ("chest pain, I think it's
        # heartburn" is how a heart attack gets talked down), so bare chest burning is escalated;
        # only an antacid that took it away does (tight, heavy or crushing pain: rule above).
        unless=any_of(t.CHEST_PAIN_SETTLED, t.ANTACID_WORKED),
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "pain spreading to the arm or jaw",
        all_of(t.CHEST_PAIN_SPREADING, any_of(t.SWEATING, t.NEAR_FAINT, t.BREATHLESS)),
    ),
    Rule(
        "chest_pain_cardiac",
        "chest_pain",
        "upper belly or jaw discomfort with breathlessness or sweating, older or diabetic",
        all_of(
            t.ATYPICAL_CARDIAC_PAIN,
            any_of(t.BREATHLESS, t.SWEATING),
            any_of(t.OLDER_ADULT, t.CARDIAC_RISK),
        ),
        # Now that "I'm 66" counts as older, months of indigestion or night sweats must not.
        unless=t.ATYPICAL_PAIN_EXPLAINED,
    ),
    Rule(
        "cardiac_syncope",
        "palpitations",
        "fainting or near-fainting with palpitations, chest pain or on exertion",
        all_of(
            any_of(t.FAINTING, t.NEAR_FAINT),
            any_of(t.PALPITATIONS, t.EXERTION, t.CHEST_PAIN, t.EXTREME_PULSE),
        ),
    ),
    Rule("cardiac_syncope", "dizziness", "syncope on exertion", t.SYNCOPE_EXERTIONAL),
    Rule(
        "cardiac_syncope",
        "palpitations",
        "collapse with a known heart condition",
        all_of(t.FAINTING, t.HEART_CONDITION),
    ),
    Rule(
        "hypertensive_crisis",
        "headache",
        "blood pressure 180/120 or more with symptoms",
        all_of(
            t.BP_CRISIS,
            any_of(
                t.HEADACHE,
                t.CONFUSED_IN_COMBINATION,
                t.VISION_LOSS,
                t.VISION_BLURRED,
                t.PREECLAMPSIA_SIGN,
                t.CHEST_PAIN,
            ),
        ),
    ),
)
