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
behind them are in `red_flag_terms.py`; review the two files together. The flag ids and the
clinical thresholds follow `models/data/README.md`.

How to review a rule: read its reason, check the concepts it combines say what the reason
says, and check the phrasings of each concept in `red_flag_terms.py`. Several rules may share
a flag (one per way the emergency shows itself); the first that matches gives the reason.
Rules are ordered so the first flag found is the primary one: the flags that name the cause
(overdose, anaphylaxis, trauma, pregnancy) before the physiological ones they cause.

What the matcher does for every concept, so no rule has to:

- normalises the transcript (`normalise`): lower case, apostrophes dropped, number words to
  digits, "180 over 120" to `180/120`, clause breaks to a lone comma;
- ignores a mention the caller negates: a negation cue ("no", "not", "never", "without",
  "denies", "don't", "isn't", "wouldn't", ...) up to five words before it in the same clause,
  or eight words when the list runs on with "or" ("no swelling of my face or trouble
  breathing"). Clauses end at commas, at "but", "now", "just", "then", "except", ..., and at
  "and" before a new subject ("won't feed and she's hard to wake").
  Phrasings that are themselves negative ("not breathing", "won't wake up", "can't breathe")
  are findings, never cancelled. "No, he's not breathing": the "no" answers a question;
  "no" directly before a pronoun ("no he's ...") is never read as a negation. "Not sure if",
  "won't stop", "doesn't go away", "not working" are not negations either;
- ignores a diagnosis named as past history ("had a stroke in 2019", "history of
  anaphylaxis") unless it is recent ("had a stroke this morning"), and one named for a
  vaccine, test or clinic ("his meningitis shot").

It looks at the first 4,000 characters only, and each concept is one regular expression,
compiled at import, without nested repeats: a spoken turn takes about half a millisecond and
the 4,000-character cap about 20 ms, whatever the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TypeAlias

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_terms import MACROS, Concept

__all__ = ["RULES", "RedFlagHit", "Rule", "all_of", "any_of", "find_red_flags", "normalise"]

# A spoken turn is a few hundred characters; anything beyond this is not a caller speaking.
MAX_CHARS = 4000


@dataclass(frozen=True, slots=True)
class RedFlagHit:
    flag: str  # red-flag id from the README vocabulary
    complaint: str  # the complaint id this flag most implies
    evidence: str  # the matched words, for a nurse to read (the caller's words; not logged)
    reason: str  # plain-English reason a nurse can read


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Term, ...]


Term: TypeAlias = Concept | AllOf | AnyOf


def all_of(*parts: Term) -> AllOf:
    return AllOf(parts)


def any_of(*parts: Term) -> AnyOf:
    return AnyOf(parts)


@dataclass(frozen=True, slots=True)
class Rule:
    flag: str
    complaint: str
    reason: str
    when: Term
    unless: Term | None = None

    @property
    def concepts(self) -> tuple[Concept, ...]:
        found = list(_concepts(self.when))
        if self.unless is not None:
            found += _concepts(self.unless)
        return tuple(dict.fromkeys(found))

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every phrasing this rule can match, as written in `red_flag_terms.py`."""
        return tuple(p for c in self.concepts for p in c.patterns)

    def describe(self) -> str:
        text = f"{self.flag}: {_describe(self.when)}"
        return text + (f" unless {_describe(self.unless)}" if self.unless is not None else "")


def _concepts(term: Term) -> Iterable[Concept]:
    if isinstance(term, Concept):
        yield term
    else:
        for part in term.parts:
            yield from _concepts(part)


def _describe(term: Term) -> str:
    if isinstance(term, Concept):
        return term.name
    joined = ", ".join(_describe(p) for p in term.parts)
    return f"{'all_of' if isinstance(term, AllOf) else 'any_of'}({joined})"


# ---------------------------------------------------------------------------------------------
# The rule table. Complaints are the README complaint ids.
# ---------------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    # --- Causes first: poisoning, self-harm, violence, allergy --------------------------------
    Rule(
        "overdose",
        "poisoning",
        "medicines taken on purpose",
        all_of(t.TOOK_MEDICINE, t.INTENTIONAL),
    ),
    Rule("overdose", "poisoning", "overdose", t.OVERDOSE_NAMED),
    Rule(
        "overdose",
        "poisoning",
        "a large quantity of medicine taken",
        all_of(t.TOOK_MEDICINE, t.LARGE_QUANTITY),
    ),
    Rule(
        "overdose",
        "poisoning",
        "extra medicine taken and now unwell",
        all_of(t.TOOK_MEDICINE, t.ACCIDENTAL_EXTRA_DOSE, t.POISONING_SYMPTOMS),
    ),
    Rule("overdose", "poisoning", "signs of opioid overdose", t.OPIOID_SIGNS),
    Rule(
        "overdose",
        "poisoning",
        "found with empty medicine packets",
        all_of(t.EMPTY_CONTAINER, any_of(t.TOOK_MEDICINE, t.POISONING_SYMPTOMS, t.UNRESPONSIVE)),
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "says they intend to end their life",
        t.SUICIDE_INTENT_STATEMENT,
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "preparations for suicide (notes, goodbyes, saved pills, means)",
        t.SUICIDE_PREPARATIONS,
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "suicidal thoughts with a plan or the means",
        all_of(t.SUICIDAL_THOUGHTS, t.SUICIDE_PLAN_OR_MEANS),
    ),
    Rule("suicidal_intent", "mental_health", "cut wrists", t.WRIST_CUT),
    Rule(
        "harm_to_others",
        "mental_health",
        "threatening to kill or hurt someone",
        t.THREAT_TO_OTHERS,
    ),
    Rule(
        "harm_to_others",
        "mental_health",
        "armed or violent while disturbed",
        all_of(t.ARMED_OR_VIOLENT, t.PSYCHOSIS_OR_AGITATION),
    ),
    Rule(
        "toxic_ingestion",
        "poisoning",
        "swallowed a dangerous substance (battery, magnets, caustic, antifreeze, iron)",
        all_of(t.HIGH_RISK_POISON, t.INGESTED),
    ),
    Rule(
        "toxic_ingestion",
        "poisoning",
        "a child got into someone else's medicines",
        all_of(t.CHILD, t.OTHERS_MEDICINES),
    ),
    Rule(
        "toxic_ingestion",
        "poisoning",
        "symptoms after swallowing a product, plant or medicine",
        all_of(t.INGESTED, t.POISON_AGENT, t.INGESTION_SYMPTOMS),
    ),
    Rule("carbon_monoxide", "poisoning", "carbon monoxide alarm or exposure", t.CO_ALARM),
    Rule(
        "carbon_monoxide",
        "poisoning",
        "smoke exposure with confusion or drowsiness",
        all_of(t.SMOKE_EXPOSURE, any_of(t.CONFUSED_IN_COMBINATION, t.DROWSY)),
    ),
    Rule(
        "carbon_monoxide",
        "poisoning",
        "several people or pets unwell indoors with a fuel-burning appliance",
        all_of(t.SEVERAL_PEOPLE_UNWELL, t.HEADACHE_NAUSEA_DROWSY),
    ),
    Rule(
        "anaphylaxis",
        "allergic_reaction",
        "adrenaline auto-injector used or needed (still an emergency if it worked)",
        t.ADRENALINE_USED,
    ),
    Rule("anaphylaxis", "allergic_reaction", "anaphylaxis", t.ANAPHYLAXIS_NAMED),
    Rule("anaphylaxis", "allergic_reaction", "throat closing or tongue swelling", t.THROAT_CLOSING),
    Rule(
        "anaphylaxis",
        "allergic_reaction",
        "allergic reaction involving the throat, voice or breathing",
        all_of(any_of(t.ALLERGY_TRIGGER, t.ALLERGY_SKIN), t.ALLERGY_AIRWAY_SIGN),
    ),
    Rule(
        "anaphylaxis",
        "allergic_reaction",
        "hives, swelling or a sting with faintness, floppiness or low blood pressure",
        all_of(any_of(t.ALLERGY_SKIN, t.STING), t.ALLERGY_CIRCULATION_SIGN),
    ),
    # --- Airway, breathing, consciousness -----------------------------------------------------
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
    Rule("unresponsive", "unresponsive", "not responding normally or collapsed", t.UNRESPONSIVE),
    Rule("unresponsive", "unresponsive", "floppy and hard to wake", all_of(t.FLOPPY, t.DROWSY)),
    Rule("severe_breathing", "breathing", "not breathing or abnormal breathing", t.NOT_BREATHING),
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
    # --- Injury, burns ------------------------------------------------------------------------
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
    # --- Pregnancy ----------------------------------------------------------------------------
    Rule(
        "pregnancy_bleeding",
        "pregnancy",
        "heavy bleeding in pregnancy or after birth",
        all_of(any_of(t.PREGNANT, t.POSTPARTUM), t.HEAVY_VAGINAL_BLEEDING),
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
        all_of(t.WEEKS_20_PLUS, any_of(t.PREECLAMPSIA_SIGN, t.SEIZURE, t.BP_HIGH_IN_PREGNANCY)),
    ),
    Rule(
        "preeclampsia_signs",
        "pregnancy",
        "pregnant with pre-eclampsia symptoms",
        all_of(any_of(t.PREGNANT, t.POSTPARTUM), t.PREECLAMPSIA_SIGN, t.BP_HIGH_IN_PREGNANCY),
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
        unless=t.WEEKS_UNDER_24,
    ),
    Rule(
        "preterm_labor",
        "pregnancy",
        "contractions or waters breaking before 37 weeks",
        all_of(t.WEEKS_20_TO_36, t.CONTRACTIONS_OR_WATERS),
    ),
    # --- Heart and circulation ----------------------------------------------------------------
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
        "chest pain now that cannot be explained by phone",
        t.CHEST_PAIN,
        unless=t.CHEST_PAIN_SETTLED,
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
                t.PREECLAMPSIA_SIGN,
                t.CHEST_PAIN,
            ),
        ),
    ),
    # --- Brain and nerves ---------------------------------------------------------------------
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
        unless=t.POSITIONAL_NUMBNESS,
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
        all_of(t.SEIZURE, t.SEIZURE_DANGER),
    ),
    Rule("meningitis_signs", "rash", "rash that does not fade under a glass", t.NON_BLANCHING_RASH),
    Rule(
        "meningitis_signs",
        "headache",
        "fever with a stiff neck or light hurting the eyes",
        all_of(t.FEVER, any_of(t.STIFF_NECK, t.LIGHT_HURTS)),
    ),
    Rule("meningitis_signs", "fever", "possible meningitis", t.MENINGITIS_NAMED),
    # --- Infection, fever, metabolism ---------------------------------------------------------
    Rule(
        "infant_fever",
        "fever",
        "fever in a baby under 3 months",
        all_of(t.INFANT_UNDER_3_MONTHS, t.FEVER),
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
            any_of(t.NO_URINE_LONG, t.FLOPPY, t.FAINTING, t.HYPOTENSION),
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
    # --- Bleeding -----------------------------------------------------------------------------
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
    # --- Belly, urinary, genital --------------------------------------------------------------
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
    # --- Limbs, eyes, skin --------------------------------------------------------------------
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
        "red painful eye with haloes or vomiting",
        all_of(t.EYE_RED_OR_PAINFUL, any_of(t.HALOS, t.VOMITING)),
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
)


# ---------------------------------------------------------------------------------------------
# Normalising the transcript
# ---------------------------------------------------------------------------------------------

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
# "one" on its own is a word ("one side", "no one") unless a unit follows.
_ONE_UNITS = frozenset(
    "week weeks month months day days year years hour hours minute minutes point hundred".split()
)
_APOSTROPHES = str.maketrans({c: "" for c in "'\u2018\u2019\u02bc`\u00b4"})
_CLAUSE_PUNCT = re.compile(r"[,;:!?()\[\]{}\"\u2026\u2013\u2014|]+|(?<!\d)\.|\.(?!\d)|\s-\s|--+")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_OTHER = re.compile(r"[^\w\s,./%]|(?<![\w])/|/(?![\w])|_")
_DIGIT_LETTER = re.compile(r"(\d)([a-z])")
_PERCENT = re.compile(r"(\d) ?(?:%|percent\b|per cent\b)")
_BP = re.compile(r"\b(\d{2,3}) (?:over|on) (\d{2,3})\b")
_SPACES = re.compile(r"\s+")
_COMMAS = re.compile(r"(?:\s*,\s*)+")


def normalise(text: str) -> str:
    """The transcript as the concept phrasings expect it (see `red_flag_terms`)."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).lower().translate(_APOSTROPHES)
    text = text.replace("\u00b0", " ")
    text = _HYPHEN.sub(" ", text)
    text = _CLAUSE_PUNCT.sub(" , ", text)
    text = _OTHER.sub(" ", text)
    text = _DIGIT_LETTER.sub(r"\1 \2", text)
    text = _numbers_to_digits(_SPACES.sub(" ", text).strip().split(" "))
    text = _PERCENT.sub(r"\1%", text)
    text = _BP.sub(r"\1/\2", text)
    return _COMMAS.sub(" , ", text).strip(" ,")


def _numbers_to_digits(tokens: list[str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, j = _read_number(tokens, i)
        if j > i:
            out.append(value)
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def _read_number(tokens: list[str], i: int) -> tuple[str, int]:
    """Read a spoken number at tokens[i] ("a hundred and four", "two point five", "38 point
    5"); returns (digits, index after it), or ("", i) when there is none."""
    n = len(tokens)

    def word(k: int) -> str:
        return tokens[k] if k < n else ""

    j = i
    total = 0
    spoken = False
    if word(j) == "a" and word(j + 1) == "hundred":
        total, j, spoken = 100, j + 2, True
    elif word(j) == "hundred":
        total, j, spoken = 100, j + 1, True
    elif word(j).isdigit() and word(j + 1) == "point":
        total, j = int(word(j)), j + 1
    else:
        if word(j) == "one" and word(j + 1) not in _ONE_UNITS:
            return "", i
        if word(j) in _UNITS:
            total, j, spoken = _UNITS[word(j)], j + 1, True
        elif word(j) in _TENS:
            total, j, spoken = _TENS[word(j)], j + 1, True
            if word(j) in _UNITS and 0 < _UNITS[word(j)] < 10:
                total, j = total + _UNITS[word(j)], j + 1
        if spoken and word(j) == "hundred":
            total, j = total * 100, j + 1
    if spoken and total >= 100 and total % 100 == 0:
        k = j + 1 if word(j) == "and" else j
        if word(k) in _TENS:
            total, k = total + _TENS[word(k)], k + 1
            if word(k) in _UNITS and 0 < _UNITS[word(k)] < 10:
                total, k = total + _UNITS[word(k)], k + 1
            j = k
        elif word(k) in _UNITS and _UNITS[word(k)] > 0:
            total, j = total + _UNITS[word(k)], k + 1
    if j == i:
        return "", i
    digits = str(total)
    if word(j) == "point":
        fraction = word(j + 1)
        if fraction.isdigit():
            return f"{digits}.{fraction}", j + 2
        if fraction in _UNITS and _UNITS[fraction] < 10:
            return f"{digits}.{_UNITS[fraction]}", j + 2
        return (digits, j) if spoken else ("", i)
    return (digits, j) if spoken else ("", i)


# ---------------------------------------------------------------------------------------------
# Matching concepts, with negation and past history
# ---------------------------------------------------------------------------------------------

_GAP = re.compile(r" ~(~?)(\d) ")
_MACRO = re.compile(r"<(\w+)>")
_NEGATION_CUES = frozenset(
    "no not never without denies denied deny denying nor neither dont doesnt didnt isnt arent "
    "wasnt werent hasnt havent hadnt wont wouldnt nil".split()
)
# Words that end a clause for negation: "no fever but chest pain", "no cough, just chest pain".
_CLAUSE_BREAKS = frozenset(
    ", but though although however except yet besides just only now then until whereas "
    "because cause instead also plus than apart".split()
)
# A cue followed by these is not negating the finding after it ("not sure if he's
# breathing", "won't stop bleeding", "no longer breathing", "no, he's ...").
_NOT_A_NEGATION = re.compile(
    r"(?:no|not|never|dont|doesnt|didnt|isnt|wont|hasnt|havent|without) (?:sure|only|just|"
    r"longer|know|knowing|stop\w*|go away|going away|gone away|going down|go down|working|"
    r"helping|improving|better|getting (?:any )?better|warning|doubt|one|matter|able to|"
    r"kidding|joking)\b"
)
_NO_BEFORE_PRONOUN = frozenset(
    "i im ive id he hes she shes it its they theyre we you my his her our their the this that "
    "thats there theres mum mom dad baby".split()
)
_POST_NEGATION = re.compile(
    r" (?:(?:is|was|are|were) )?(?:absent|denied|negative|ruled out|nil|free)\b"
)
_HISTORY_BEFORE = re.compile(
    r"(?:history of|hx of|h/o|previous|previously|prior|past|known|survived|recovered from|"
    r"after (?:his|her|my|a|an)|since (?:his|her|my)|(?<!just )had (?:a|an|his|her|my)|"
    r"(?<!just )has had (?:a|an))(?: \S+){0,2} $"
)
_HISTORY_AFTER = re.compile(
    r"^(?: \S+){0,4} (?:ago|last (?:year|month|spring|summer|autumn|fall|winter)|in (?:19|20)"
    r"\d\d|as a (?:kid|child|baby|teenager)|when (?:i|he|she) was|before)\b"
)
# "meningitis shot", "stroke clinic follow-up": the disease is named, nobody has it now.
_NOT_AN_ILLNESS_AFTER = re.compile(
    r"^ (?:shots?|vaccines?|vaccinations?|jabs?|boosters?|immuni\w*|tests?|testing|screening|"
    r"results?|clinic|awareness|leaflet|risk|prevention|check)\b"
)
_RECENT_AFTER = re.compile(
    r"^(?: \S+){0,3} (?:today|this (?:morning|afternoon|evening)|tonight|last night|just now|"
    r"(?:an|1|one|2|two) hours? ago|minutes ago|yesterday|now)\b"
)


def _expand(pattern: str) -> str:
    pattern = _MACRO.sub(lambda m: MACROS[m.group(1)], pattern)
    return _GAP.sub(
        lambda m: (
            rf"(?: \S+){{0,{m.group(2)}}} " if m.group(1) else rf"(?: [\w.%/]+){{0,{m.group(2)}}} "
        ),
        pattern,
    )


@cache
def _compiled(concept: Concept) -> re.Pattern[str]:
    body = "|".join(f"(?:{_expand(p)})" for p in concept.patterns)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _negated(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 90) : start].split()
    clause: list[str] = []
    for token in reversed(before):
        if token in _CLAUSE_BREAKS:
            break
        # "won't feed and she's hard to wake": "and" before a new subject starts a new clause.
        if token == "and" and clause and clause[-1] in _NO_BEFORE_PRONOUN:
            break
        clause.append(token)
        if len(clause) == 8:
            break
    clause.reverse()
    window = clause if ("or" in clause[-6:] or "nor" in clause[-6:]) else clause[-5:]
    offset = len(clause) - len(window)
    for k, token in enumerate(window):
        if token not in _NEGATION_CUES:
            continue
        following = " ".join(clause[offset + k :]) + " " + text[start:end]
        if _NOT_A_NEGATION.match(following):
            continue
        after = clause[offset + k + 1] if offset + k + 1 < len(clause) else ""
        if token == "no" and after in _NO_BEFORE_PRONOUN:
            continue
        if token == "not" and offset + k > 0 and clause[offset + k - 1] in {"can", "could"}:
            continue
        return True
    return bool(_POST_NEGATION.match(text, end))


def _historical(text: str, start: int, end: int) -> bool:
    after = text[end : end + 60]
    if _NOT_AN_ILLNESS_AFTER.match(after):
        return True
    if _RECENT_AFTER.match(after):
        return False
    before = text[max(0, start - 50) : start]
    return bool(_HISTORY_BEFORE.search(before) or _HISTORY_AFTER.match(after))


class _Transcript:
    """One normalised turn, remembering which concepts it mentions."""

    __slots__ = ("_seen", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[Concept, str | None] = {}

    def mention(self, concept: Concept) -> str | None:
        if concept not in self._seen:
            self._seen[concept] = self._find(concept)
        return self._seen[concept]

    def _find(self, concept: Concept) -> str | None:
        text = self.text
        for m in _compiled(concept).finditer(text):
            start, end = m.span()
            first = m.group(0).split(" ", 1)[0]
            if first not in _NEGATION_CUES and _negated(text, start, end):
                continue
            if concept.named and _historical(text, start, end):
                continue
            return m.group(0)
        return None

    def evidence(self, term: Term) -> list[str] | None:
        if isinstance(term, Concept):
            found = self.mention(term)
            return None if found is None else [found]
        if isinstance(term, AllOf):
            collected: list[str] = []
            for part in term.parts:
                got = self.evidence(part)
                if got is None:
                    return None
                collected += got
            return collected
        for part in term.parts:
            got = self.evidence(part)
            if got is not None:
                return got
        return None


# Compile every phrasing now rather than on a caller's first emergency.
for _rule in RULES:
    for _concept in _rule.concepts:
        _compiled(_concept)
del _rule, _concept


def find_red_flags(text: str) -> list[RedFlagHit]:
    """The red flags in one caller turn, primary first, one hit per flag id.

    Pure and deterministic; any string (empty, very long, another language, junk) gives a
    list, usually empty."""
    if not isinstance(text, str) or not text.strip():
        return []
    turn = _Transcript(normalise(text))
    if not turn.text:
        return []
    hits: list[RedFlagHit] = []
    seen: set[str] = set()
    for rule in RULES:
        if rule.flag in seen:
            continue
        found = turn.evidence(rule.when)
        if found is None or (rule.unless is not None and turn.evidence(rule.unless) is not None):
            continue
        seen.add(rule.flag)
        evidence = " ... ".join(dict.fromkeys(found))
        hits.append(RedFlagHit(rule.flag, rule.complaint, evidence, rule.reason))
    return hits
