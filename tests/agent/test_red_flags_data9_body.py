"""Red flags for the body's emergencies said the ways batch 9's writer said them.

Batch 9 (`models/data/pending/batch9/triage/h_more.txt`) was written from the data README
without sight of the rules. Outside mental health the rules as they stood missed 24 of its
emergencies, under-stated, calm or shorthand ones: fever on a named chemotherapy drug, a
febrile child shaking for minutes, a blood pressure read out digit by digit, reduced fetal
movements in a midwife's shorthand, urinary retention in plain words, strimmer and drill
injuries to the eye, and a dry nappy for hours. The rules were widened by general phrasings;
the cases below are our own variants of each phrasing (not the batch's lines), with the
everyday turns and near misses each new phrasing must leave alone.
"""

from __future__ import annotations

import pytest

from agent.model_nlu import clean_text
from agent.triage.red_flags import find_red_flags, normalise
from tests.agent.red_flag_cases import batch9_lines, flags

DATA9_BODY_POSITIVE = [
    # From the review's misses: a fit said other ways, fewer kicks counted.
    ("seizure", "she's been shaking nonstop for 10 minutes, her eyes are rolled back"),
    ("seizure", "it's been five minutes and he's still shaking, he's got a fever"),
    ("seizure", "he's been having a fit for about 8 minutes now"),
    ("seizure", "she's been jerking for half an hour"),
    ("reduced_fetal_movement", "I'm 32 weeks and I've only felt her move twice today"),
    ("reduced_fetal_movement", "34 weeks pregnant, I've not felt any kicks since last night"),
    # From the second review: a whole systolic with a diastolic in pieces, a mower's stone, an
    # oral chemotherapy for leukaemia.
    ("hypertensive_crisis", "my blood pressure is two hundred over one ten and I have a headache"),
    ("eye_injury_severe", "a stone from the lawnmower shot up and hit me in the eye"),
    ("sepsis_signs", "my son has leukaemia, he's on mercaptopurine, temperature 38.3"),
    # From a dev line the rules missed, said with little English.
    ("severe_dehydration", "baby 11 month, vomit all day, no pee in nappy for 14 hours"),
    ("severe_dehydration", "my son is 1, diarrhoea since yesterday and his eyes go in"),
    # From the review: a gestation beside other week counts, movements "again" but weaker, a
    # fit in a frightened child with cold hands.
    (
        "reduced_fetal_movement",
        "I'm 5 weeks from my due date and I haven't felt the baby move all day",
    ),
    (
        "reduced_fetal_movement",
        "I'm 36 weeks, I'm 6 weeks off work, and no fetal movements today",
    ),
    (
        "reduced_fetal_movement",
        "33 weeks, her kicks have got weaker, she's kicking again now but only faintly",
    ),
    ("seizure", "she's been shaking for 8 minutes and she's very upset, she's only 2"),
    ("seizure", "he's been shaking for ten minutes, his hands are cold, he's got a fever"),
    # Fever on chemotherapy named by its drug, or as the recogniser hears "chemo".
    ("sepsis_signs", "my wife's on paclitaxel for her breast cancer and her temperature is 38.3"),
    ("sepsis_signs", "Pt 58M, cycle 2 oxaliplatin, T 38.4, feels fine"),
    ("sepsis_signs", "he's having kee mo for leukaemia and he's burning up"),
    ("sepsis_signs", "I'm on capecitabine and I feel hot and shivery, thermometer says 38.6"),
    ("sepsis_signs", "Dad's on R-CHOP, temp 38.0"),
    ("sepsis_signs", "she had her doxorubicin last week, now a fever of a hundred and one"),
    # A fit said as shaking for five minutes or more, a fever fit that repeats, stiff and jerky.
    ("seizure", "my son's been shaking all over for about 8 minutes, he's got a temperature"),
    ("seizure", "she's been shaking for ten mins, she's burning up, she's two"),
    ("seizure", "he had a fever fit and now another one, he hasn't woken up properly"),
    ("seizure", "my little girl went stiff and jerky, first time ever"),
    ("seizure", "my boy had a febrile seizure that lasted 6 minutes"),
    ("seizure", "she's had a shaking turn and I can't wake her"),
    # 180/120 or more read out the way a cuff reading is said, with a headache or blurred sight.
    (
        "hypertensive_crisis",
        "my bp is one eighty five over one ten and I've got a pounding headache",
    ),
    ("hypertensive_crisis", "BP two hundred and ten over one twenty, my vision's gone blurry"),
    (
        "hypertensive_crisis",
        "the machine said one nine five over one one five, my head is throbbing",
    ),
    ("hypertensive_crisis", "her pressure's 192 over 124, she says everything's gone blurry"),
    ("hypertensive_crisis", "one ninety over ninety five and a thumping head"),
    ("hypertensive_crisis", "it's one fifty over one twenty two, my head's banging"),
    # Fewer or no movements after 24 weeks, said plainly or as the note's shorthand.
    ("reduced_fetal_movement", "I'm 33 weeks and I haven't felt him move since last night"),
    ("reduced_fetal_movement", "29+3, absent fetal movements today"),
    ("reduced_fetal_movement", "35 weeks, she's hardly moved today"),
    ("reduced_fetal_movement", "I'm 31 weeks, I don't think the baby's moved since yesterday"),
    ("reduced_fetal_movement", "G1 at 37 weeks, RFM since this morning"),
    (
        "reduced_fetal_movement",
        "im 30 weeks, she kicks loads after dinner but tonight there's been hardly anything",
    ),
    ("reduced_fetal_movement", "I'm 26 weeks and I can't feel her at all today"),
    # Unable to pass urine for hours with a full, painful bladder.
    ("urinary_retention", "my husband's not passed water since last night and he's bursting"),
    ("urinary_retention", "I can't go, my bladder feels like it'll burst"),
    ("urinary_retention", "cant past water since this morning and I'm bursting"),
    ("urinary_retention", "he keeps trying to pee and nothing comes, his tummy's hard as a rock"),
    ("urinary_retention", "she hasn't done a wee all day and it hurts right down low"),
    # High-velocity debris: strimmers and power tools, stones thrown up, blood over the iris.
    ("eye_injury_severe", "I was using the angle grinder and a bit of metal shot into my eye"),
    ("eye_injury_severe", "strimming the hedge and something hit my eye, it's really sore"),
    ("eye_injury_severe", "a stone flew up off the mower into his eye"),
    ("eye_injury_severe", "I got a bit of wood in my eye while drilling the shelf"),
    ("eye_injury_severe", "there's blood in front of his pupil after the squash ball"),
    ("eye_injury_severe", "Pt 52M, weed whacker debris to L eye"),
    # A baby's dry nappy for hours, or a dipped soft spot, with a tummy bug.
    ("severe_dehydration", "my 9 month old has d and v and her nappy's been dry for 14 hours"),
    ("severe_dehydration", "toddler with a sickness bug, no wet nappy since last night"),
    ("severe_dehydration", "baby vomiting since yesterday, his fontanelle has dipped"),
    ("severe_dehydration", "she has diarrhoea and not wee all day"),
    ("severe_dehydration", "tummy bug, dry nappies all day and he's floppy"),
]

# Everyday turns and near misses: nothing may fire.
DATA9_BODY_QUIET = [
    "she's been having a fit of giggles for 10 minutes",
    "she's been shaking for an hour, she's got a fever and chills",
    "I haven't felt any movements yet, I'm 16 weeks",
    "I've only felt her move twice today but she's moving lots now, I'm 30 weeks",
    # From the second review: samples and potties, a bladder scan, a stye, chip fat, dust, the
    # rotavirus vaccine, a bug that is over, a soft spot when upright, 5-FU cream, an inhaler
    # tremor, an eye test.
    "I tried to wee in the sample pot but nothing came, I've been drinking water since 8",
    "my toddler's potty training, he hasn't done a wee in the potty since lunchtime",
    "I can't go now, I've got my bladder scan on Tuesday, I'm at work since 6",
    "I haven't passed water for my sample yet, I'm bursting, can I come in later?",
    "I've been drilling at work all week and now I've got a stye in my eye",
    "the chip fat flicked into my eye",
    "I was chiselling the wallpaper off and some dust got in my eye",
    "he had his rotavirus vaccine this morning and he's a bit floppy",
    "I've had the d and v bug, all better now, but I fainted at my blood test",
    "the soft spot goes a bit hollow when she's upright, the health visitor said that's normal",
    "I'm using fluorouracil cream on my face and I've got a temperature of 38.2",
    "he's been shaking for ten minutes after his salbutamol inhaler, is that normal?",
    "185 over 95 and my eyes were double checked at the optician",
    "her eyes go in when she smiles, she's 2",
    "no pee in her nappy for 3 hours, she's drinking fine",
    # From the review of the first widening: gestation said of other things, sleep and vans,
    # a leaflet, restless legs.
    "I'm 34 weeks, the baby's moving lots, but I've had hardly any sleep",
    "I'm 32 weeks pregnant, we're moving house next week and there's hardly any room in the van",
    "Is the RFM leaflet available? I'm 28 weeks pregnant and the baby is moving fine",
    "I'm 30 weeks pregnant and my legs go stiff and twitchy at night, is that restless legs?",
    "I'm pregnant and I get jerking spells just as I drop off to sleep",
    # chemotherapy words without a fever
    "my dad's on capecitabine, can he have the flu jab",
    "I finished my chemo and I'm fine, no temperature",
    "that was a key moment in the match",
    # shaking that is shivering, fright or the caller's own; a febrile fit that is over
    "she's been shaking for ten minutes, she's freezing cold and shivering, temperature 38.5",
    "I've been shaking for ten minutes since the panic attack",
    "she's terrified of the dog, she's been shaking for five minutes",
    "my eyelid has been twitching for ten minutes",
    "my 3 year old had a fever fit for a minute, she's back to normal now, chatting away",
    "he had a febrile convulsion last year, now he's got a temperature of 38, he's playing",
    "I'm 30 weeks pregnant and my son had a fever fit last year, can he have calpol",
    # blood pressure under 180/120, or high without symptoms
    "my BP is one forty over ninety and I have a headache",
    "BP 178/118 with a headache",
    "my blood pressure was one seventy eight over one eighteen, bit of a headache",
    "my pressure is one twenty over eighty and my heads pounding after a night out",
    "one ninety over a hundred on the home machine, no headache, no blurry vision, I feel fine",
    "at two fifteen over twenty minutes I got a headache",
    # fetal movements before 24 weeks, normal again, or "it" being a pain
    "I'm 20 weeks and the baby's moving less than yesterday",
    "first pregnancy, 21 weeks, haven't felt her move at all yet",
    "I'm 36 weeks and she's kicking away like normal now after a quiet morning",
    "I'm 30 weeks, had a twinge in my side this morning but haven't felt it since",
    "I'm 32 weeks and had some tightenings but haven't felt them since lunch",
    "I'm 32 weeks, can I still drive, I've been feeling the baby kick loads",
    # constipation, drinking, a water infection
    "I sat on the loo for ages and nothing comes, constipated again",
    "I haven't had any water since this morning, I've got a headache",
    "burning when I wee and I keep going, nothing much comes out each time",
    # a strimmer or a drill without an eye injury
    "strimming the lawn all morning, my back is killing me",
    "I was strimming the hedge, had goggles on, nothing went in my eye",
    "my drill bit snapped, can I get a refund",
    "a stone flicked up and hit the windscreen",
    "a bit of shampoo flicked into my eye",
    "grinding my teeth and a pain in my eye",
    "fire drill at work and smoke got in my eye",
    # dry nappies for a short time, or a well child
    "my baby's nappy was dry this morning but she's had two wet ones since, she's drinking well",
    "my toddler has a tummy bug but is drinking and weeing fine",
    "is it normal for the soft spot to pulse",
    "her soft spot isn't sunken and she's weeing fine",
    "the vitamin d and vitamin c drops, how much for a baby",
]


@pytest.mark.parametrize(("flag", "text"), DATA9_BODY_POSITIVE)
def test_batch9_body_phrasing_fires(flag: str, text: str) -> None:
    assert flag in flags(text), normalise(text)


@pytest.mark.parametrize("text", DATA9_BODY_QUIET)
def test_batch9_body_look_alike_raises_nothing(text: str) -> None:
    assert flags(text) == [], normalise(text)


# (text, the flag that must not fire): other flags may fire for other words.
DATA9_BODY_NOT_THIS_FLAG = [
    # a strimmer and a gritty eye with no debris thrown at it: the urgent foreign body
    (
        "Woman, 40, was strimming yesterday, eye a bit gritty today, vision fine",
        "eye_injury_severe",
    ),
    # shaking that is rigors (possible sepsis), not a fit
    ("he's been shaking for ten minutes with rigors, temperature 39.5, heart rate 130", "seizure"),
    # under 24 weeks
    ("I'm 22 weeks and I haven't felt her move since yesterday", "reduced_fetal_movement"),
    # a reading at the threshold said aloud, without symptoms
    (
        "my blood pressure was one eighty over one ten at the chemist, I feel fine, no headache",
        "hypertensive_crisis",
    ),
]


@pytest.mark.parametrize(("text", "flag"), DATA9_BODY_NOT_THIS_FLAG)
def test_batch9_body_near_miss_does_not_raise_the_flag(text: str, flag: str) -> None:
    assert flag not in flags(text), normalise(text)


def test_batch9_body_emergencies_are_caught_and_near_misses_are_not() -> None:
    rows = batch9_lines(mental_health=False)
    emergencies = [(labelled, text) for level, labelled, text in rows if level == "E"]
    assert len(emergencies) == 63
    missed = [text for _, text in emergencies if not find_red_flags(clean_text(text))]
    # Each emergency raises the flags it is labelled with, not only some flag.
    wrong = [
        (labelled, text)
        for labelled, text in emergencies
        if not set(labelled.split(",")) <= set(flags(clean_text(text)))
    ]
    fired = [text for level, _, text in rows if level != "E" and find_red_flags(clean_text(text))]
    assert missed == [] and wrong == [] and fired == []
