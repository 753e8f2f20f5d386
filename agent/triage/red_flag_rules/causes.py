"""Red-flag rules: the causes, checked first: poisoning, self-harm, violence and allergy (see
the package docstring)."""

from __future__ import annotations

from agent.triage import red_flag_terms as t
from agent.triage.red_flag_rules.base import Rule, all_of, any_of

CAUSES: tuple[Rule, ...] = (
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
        "giving things away or putting affairs in order, with low mood, not going on or means",
        all_of(
            t.GIVING_THINGS_AWAY,
            any_of(
                t.LOW_MOOD, t.CANNOT_GO_ON, t.SUICIDAL_THOUGHTS, t.WONT_BE_AROUND, t.LETHAL_MEANS
            ),
        ),
    ),
    Rule("suicidal_intent", "mental_health", "cut wrists", t.WRIST_CUT),
    Rule(
        "suicidal_intent",
        "mental_health",
        "at a bridge, cliff, roof or railway and about to jump, or saying goodbye",
        all_of(t.HIGH_OR_DANGEROUS_PLACE, any_of(t.ABOUT_TO_JUMP, t.FINAL_WORDS)),
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "has the means (rope, gun, pills) and says the decision is made or goodbye",
        all_of(t.LETHAL_MEANS, any_of(t.RESOLVED_TO_DIE, t.HAS_A_PLAN, t.HANGING_POINT)),
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "a rope or belt tied where it would hang, with a decision made or despair",
        all_of(
            t.HANGING_POINT,
            any_of(t.RESOLVED_TO_DIE, t.CANNOT_GO_ON, t.SUICIDAL_THOUGHTS, t.LOW_MOOD),
        ),
    ),
    Rule(
        "suicidal_intent",
        "mental_health",
        "a goodbye message, and now cannot be reached or is at a dangerous place",
        all_of(
            t.GOODBYE_MESSAGE,
            any_of(t.CANNOT_BE_REACHED, t.HIGH_OR_DANGEROUS_PLACE, t.LETHAL_MEANS),
        ),
    ),
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
        "harm_to_others",
        "mental_health",
        "held a pillow over a baby's or child's face",
        all_of(t.SMOTHERED_A_CHILD, any_of(t.CHILD, t.INFANT_UNDER_3_MONTHS)),
    ),
    Rule(
        "harm_to_others",
        "mental_health",
        "taking their children with them, with the means or the intent to die",
        all_of(
            t.TAKING_OTHERS_TOO,
            any_of(t.SUICIDE_PREPARATIONS, t.SUICIDE_INTENT_STATEMENT, t.LETHAL_MEANS),
        ),
    ),
    Rule(
        "harm_to_others",
        "mental_health",
        "bringing a weapon to someone, and means it",
        all_of(t.WEAPON_BROUGHT, t.MEANS_IT),
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
)
