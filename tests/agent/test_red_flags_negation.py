"""The red-flag rules: negated and resolved findings, and how pauses bound a negation."""

from __future__ import annotations

import pytest

from agent.triage.red_flags import normalise
from tests.agent.red_flag_cases import flags
from tests.agent.test_red_flags_positive import POSITIVE_CASES

# ---------------------------------------------------------------------------------------------
# Negated, resolved and everyday turns
# ---------------------------------------------------------------------------------------------

# (text, the flag that must not fire): other flags may fire for other words.
NEGATED: list[tuple[str, str]] = [
    ("no chest pain", "chest_pain_cardiac"),
    ("he's not unconscious", "unresponsive"),
    ("I'm not suicidal", "suicidal_intent"),
    ("without any trouble breathing", "severe_breathing"),
    ("denies chest pain", "chest_pain_cardiac"),
    ("never lost consciousness", "unresponsive"),
    ("I wouldn't hurt myself", "suicidal_intent"),
    ("no, he's breathing fine", "severe_breathing"),
    ("Denies chest pain, shortness of breath or syncope.", "chest_pain_cardiac"),
    ("No LOC. No vomiting. GCS 15.", "unresponsive"),
    ("Neck supple, no photophobia, afebrile", "meningitis_signs"),
    ("no face droop, no slurred speech, no weakness", "stroke_signs"),
    ("she hasn't had a seizure", "seizure"),
    ("there's no blood in his vomit", "gi_bleed"),
    ("he doesn't have a stiff neck and no rash", "meningitis_signs"),
    ("no rash, no neck stiffness, no fever", "meningitis_signs"),
    ("I don't think it's a heart attack, it's just heartburn", "chest_pain_cardiac"),
    ("I'm not going to take an overdose", "overdose"),
    ("I'm not going to kill myself, I just feel down", "suicidal_intent"),
    ("she isn't unconscious, she's asleep", "unresponsive"),
    ("no loss of consciousness, no vomiting, just a bump on the head", "head_injury_red_flags"),
    ("she's not confused at all", "acute_confusion"),
    ("I'm not bleeding heavily, just spotting, I'm 9 weeks pregnant", "pregnancy_bleeding"),
    ("I haven't got any chest pain, just a cough", "chest_pain_cardiac"),
    ("no swelling in my face or throat, just a few hives", "anaphylaxis"),
    ("I took amoxicillin, itchy rash, no swelling of my face or trouble breathing", "anaphylaxis"),
    ("A 3-year-old with croup, barking cough, no stridor at rest", "airway_compromise"),
    ("my baby is 8 weeks old and has a temperature of 37.2", "infant_fever"),
    ("my 6 week old's temperature is normal", "infant_fever"),
    ("I'm 10 weeks pregnant and have a fever", "infant_fever"),
    ("Bell's palsy diagnosed last week, face drooping on the right", "stroke_signs"),
    ("left arm numbness after sleeping on it, now resolved", "stroke_signs"),
    ("I sometimes wish I wouldn't wake up, but I don't have a plan", "suicidal_intent"),
    ("the bleeding stopped after I pressed on it, it's a small cut", "heavy_bleeding"),
    ("I keep filling myself up with junk food", "suicidal_intent"),
    # Batch 4: a negation inside the phrase, and look-alikes of the newer phrasings.
    ("I see haloes round headlights, no pain, my eyes aren't red", "acute_glaucoma"),
    ("abdomen soft and not distended, constipated for 4 days", "acute_abdomen"),
    ("poked in the eye by my toddler's finger, watery, vision fine", "eye_injury_severe"),
    (
        "the baby was quiet this morning but she's kicking like normal now, 30 weeks",
        "reduced_fetal_movement",
    ),
    ("I'm 20 weeks and haven't really felt the baby move yet", "reduced_fetal_movement"),
    ("her migraine isn't responding to her usual triptan", "unresponsive"),
    ("she's not talking about harming herself", "unresponsive"),
    ("stopped sertraline, dizzy with electric shock feelings", "severe_burn"),
    ("my whole body gets itchy red patches that come and go", "severe_skin_reaction"),
    ("we all had colds with headaches and runny noses", "carbon_monoxide"),
    ("intrusive thoughts of the baby being hurt, no wish to act on them", "harm_to_others"),
    ("I'm on the bridge at the station waiting for my train", "suicidal_intent"),
    ("erection lasted two hours after the tablet and went down on its own", "priapism"),
    ("I'm 35 weeks, tightenings when I walk, they stop when I sit", "preterm_labor"),
    # "F 32, 3 weeks post op" is an age, not 32+3 weeks pregnant.
    ("F 32 3 weeks post op heavy bleeding", "pregnancy_bleeding"),
    # Batch 6: a negation inside the newer phrasings.
    ("his neck isn't stiff but he has a fever of 39", "meningitis_signs"),
    ("my heart isn't racing, I just fainted after giving blood", "cardiac_syncope"),
    ("after the peanuts, no swelling, her voice isn't husky", "anaphylaxis"),
    ("the skin isn't pulling in at his neck, he's just snotty", "severe_breathing"),
    ("my mood isn't low, I know how I'll do it, I'll pay online", "suicidal_intent"),
    ("she's 8 weeks along and feverish", "infant_fever"),
]


# A negation stops at a pause, so closing pauses up cannot cancel a finding after one; and a
# negation after the pause still counts.
# Raised blood pressure alone is urgent below 160/110, and a headache with a normal one is not
# pre-eclampsia.
PREGNANCY_BP_QUIET: list[tuple[str, str]] = [
    ("32 weeks, no headache, BP 146/92", "preeclampsia_signs"),
    ("30 weeks pregnant with a headache, BP 128/82", "preeclampsia_signs"),
]

PAUSED_NEGATED: list[tuple[str, str]] = [
    ("no... no chest pain, just a cough", "chest_pain_cardiac"),
    ("I'm not... not suicidal, I'm just low", "suicidal_intent"),
    ("he's... he's not unconscious, he's asleep", "unresponsive"),
]


@pytest.mark.parametrize(
    "text",
    [
        # only the pauses-closed reading matches these; "not" must stop at the first pause
        "not dizzy... I can't... get my breath",
        "no chest pain... I can't... get my breath",
        "no... he's... not... responding",
    ],
)
def test_a_negation_does_not_reach_across_a_pause(text: str) -> None:
    assert flags(text), normalise(text)


@pytest.mark.parametrize(
    "text",
    [text for _, text in POSITIVE_CASES[::7]] + [text for text, _ in NEGATED[::3]],
)
def test_pauses_only_ever_add_flags(text: str) -> None:
    # The pauses-closed reading is a second reading: whatever the turn raises with its pauses
    # read as clause breaks (commas), it still raises with them.
    words = text.split()
    paused = " ".join(w + ("..." if i % 2 else "") for i, w in enumerate(words))
    with_commas = paused.replace("...", ",")
    assert set(flags(with_commas)) <= set(flags(paused))


@pytest.mark.parametrize(("text", "flag"), NEGATED + PAUSED_NEGATED + PREGNANCY_BP_QUIET)
def test_negated_finding_does_not_fire(text: str, flag: str) -> None:
    assert flag not in flags(text), normalise(text)
