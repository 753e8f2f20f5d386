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

No rule has to deal with negation ("no chest pain"), past history ("had a stroke in 2019"),
number words or punctuation: the matcher in `red_flags.py` does that for every concept (its
docstring lists exactly what it does), and `find_red_flags` there applies this table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_terms import Concept

__all__ = ["RULES", "AllOf", "AnyOf", "Rule", "Term", "all_of", "any_of"]

# ---------------------------------------------------------------------------------------------
# How a rule is written: a flag, its complaint, the reason, and the concepts that must be said.
# ---------------------------------------------------------------------------------------------


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
        """Every phrasing this rule can match, as written in `red_flag_terms`."""
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
    Rule(
        "suicidal_intent",
        "mental_health",
        "at a bridge, cliff, roof or railway and cannot go on or will not be coming home",
        all_of(t.HIGH_OR_DANGEROUS_PLACE, any_of(t.CANNOT_GO_ON, t.WONT_BE_AROUND)),
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "cannot go on or will not be around much longer, and has the means (rope, gun, pills)",
        all_of(any_of(t.CANNOT_GO_ON, t.WONT_BE_AROUND), t.LETHAL_MEANS),
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "knows how they would do it, with low mood, suicidal thoughts or the means",
        all_of(
            t.SUICIDE_METHOD_DECIDED,
            any_of(t.LOW_MOOD, t.SUICIDAL_THOUGHTS, t.CANNOT_GO_ON, t.LETHAL_MEANS),
        ),
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "giving treasured things away or putting affairs in order, with low mood or not going on",
        all_of(
            t.GIVING_THINGS_AWAY,
            any_of(t.LOW_MOOD, t.CANNOT_GO_ON, t.SUICIDAL_THOUGHTS, t.WONT_BE_AROUND),
        ),
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
        "harm_to_others",
        "mental_health",
        "urges to harm a child or family member, nearly acted on",
        all_of(t.HARM_URGES, t.NEAR_ACT),
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
    Rule(
        "carbon_monoxide",
        "poisoning",
        "carbon monoxide alarm or exposure",
        t.CO_ALARM,
        # An alarm said to be silent or tested fine is not an exposure; the other CO rules
        # (several people unwell, an appliance) still apply.
        unless=t.CO_ALARM_QUIET,
    ),
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
        all_of(t.SEVERAL_PEOPLE_UNWELL, t.HEADACHE_NAUSEA_DROWSY, t.FUEL_APPLIANCE),
    ),
    Rule(
        "carbon_monoxide",
        "poisoning",
        "headache, sickness or drowsiness with charcoal, a generator or an engine burning indoors",
        all_of(t.INDOOR_COMBUSTION, t.HEADACHE_NAUSEA_DROWSY),
    ),
    Rule(
        "carbon_monoxide",
        "poisoning",
        "several people or pets with headaches, sickness or drowsiness at once, not explained by "
        "a cold, a stomach bug or a meal",
        all_of(t.SEVERAL_PEOPLE_UNWELL, t.HEADACHE_NAUSEA_DROWSY),
        # Only without an appliance: with one, the rule above fires whatever else is said.
        unless=t.COLD_OR_BUG,
    ),
    Rule(
        "carbon_monoxide",
        "poisoning",
        "headache with sickness, dizziness or drowsiness near a fuel-burning appliance",
        # No cold-symptom exemption: a cough does not explain a headache beside a gas fire.
        all_of(t.FUEL_APPLIANCE, t.HEADACHE, any_of(t.NAUSEA_OR_VOMITING, t.DIZZY, t.DROWSY)),
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
    Rule(
        "infant_fever",
        "fever",
        "fever in a baby whose age is given in weeks (under 13)",
        all_of(t.AGE_IN_WEEKS_UNDER_13, t.FEVER),
        # "She's 8 weeks" is also how a pregnancy is dated.
        unless=t.PREGNANCY_WORDS,
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
        "an infection with shaking chills and a racing pulse or feeling they might die",
        all_of(
            any_of(t.INFECTION, t.SPREADING_INFECTION),
            t.RIGORS,
            any_of(t.TACHYCARDIA, t.VERY_UNWELL, t.MOTTLED_OR_COLD_PERIPHERIES),
        ),
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
        "thirsty and passing lots of urine, with vomiting or belly pain and deep breathing "
        "(possible new diabetes in ketoacidosis)",
        # Deep breathing or fruity breath, not drowsiness: a night of drinking explains that.
        all_of(
            t.VERY_THIRSTY,
            t.PASSING_LOTS_OF_URINE,
            any_of(t.VOMITING, t.ABDOMINAL_PAIN),
            any_of(t.DEEP_FAST_BREATHING, t.KETOTIC_BREATH),
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
    Rule(
        "heavy_bleeding",
        "bleeding",
        "heavy vaginal bleeding with fainting or near-fainting",
        all_of(t.HEAVY_VAGINAL_BLEEDING, any_of(t.FAINTING, t.NEAR_FAINT, t.HYPOTENSION)),
    ),
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
