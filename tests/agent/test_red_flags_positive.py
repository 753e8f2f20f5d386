"""The red-flag rules: what must fire (lay, relative, clinical and recogniser-noise cases, and
the phrasings added batch by batch)."""

from __future__ import annotations

import pytest

from agent.triage.red_flags import RULES, normalise
from tests.agent.red_flag_cases import flags

# ---------------------------------------------------------------------------------------------
# Positive cases: lay, relative, clinical third-person and speech-recogniser noise
# ---------------------------------------------------------------------------------------------

POSITIVE: dict[str, list[str]] = {
    "chest_pain_cardiac": [
        "I have chest pain",
        "I've got chest pain going down my left arm",
        "a 58-year-old man with crushing substernal chest pain radiating to the left arm, "
        "diaphoretic",
        "my chess pain is really bad and I'm sweating",
        "I have chest paint and I feel sick",
        "chest tightness and short of breast",
        "Patient, 64, retrosternal pressure for 30 minutes, nauseated, clammy",
        "my dad is grey and sweaty and says his chest is tight",
        "I think I'm having a heart attack",
        "pain in the middle of my chest spreading to my jaw",
        "he's got chest pains and he's 67",
        "Female 72 with epigastric discomfort and dyspnea, diabetic",
        "my chest feels like an elephant is sitting on it",
        "uh yeah my chest, it's crushing",
        "A 47-year-old male smoker has had central chest tightness since he woke up",
        "tight chest and I'm sweating buckets",
        "squeezing in my chest",
    ],
    "aortic_signs": [
        "Man, 70, sudden tearing pain between the shoulder blades",
        "ripping pain in my back going through to my chest",
        "he has a known triple A and now he's got bad back pain and collapsed",
        "68-year-old with chest pain radiating to the back, described as tearing, unequal blood "
        "pressures in both arms",
        "sudden severe abdominal pain radiating to the back and a pulsatile abdominal mass",
    ],
    "pe_signs": [
        "I had a c-section last week and now I'm suddenly short of breath",
        "after my long flight my calf is swollen and now I'm breathless",
        "Woman, 30, on the pill, sudden pleuritic chest pain",
        "3 days after hip replacement, acute dyspnea and tachycardia",
        "woman taking oral contraceptives with sudden onset shortness of breath",
    ],
    "cardiac_syncope": [
        "I passed out while running",
        "Syncope on exertion in a 19-year-old athlete",
        "my heart was racing and then I fainted",
        "her pulse is 30 and she keeps nearly fainting",
        "he collapsed playing football and then came round",
        "A 70-year-old woman had a syncopal episode preceded by palpitations",
    ],
    "stroke_signs": [
        "my mum's face has dropped on one side",
        "unilateral facial droop and slurred speech",
        "his speech is slurred and his left arm is weak",
        "I think my husband is having a stroke",
        "my dad might be having strokes",
        "she suddenly can't lift her right arm",
        "Woman, 66, acute onset right hemiparesis and aphasia",
        # Resolved symptoms (possible TIA) are still an emergency.
        "his face went droopy for ten minutes and now it's back to normal",
        "TIA symptoms this morning, now resolved",
        "she's got left sided weakness since this morning",
        "he can't get his words out and his face looks lopsided",
        "sudden double vision and I can't walk straight",
        "A 70-year-old woman with sudden vertigo, vomiting, inability to walk and nystagmus",
        "numb down one side",
        "he's slurring his words",
        "his words are all jumbled",
    ],
    "thunderclap_headache": [
        "worst headache of my life, came on suddenly",
        "sudden severe headache like being hit on the back of the head",
        "thunderclap headache with vomiting",
        "at the jim I got a sudden thunder clap pain in the back of my head",
        "A 38-year-old man with a sudden, severe occipital headache that peaked within seconds",
    ],
    "hypertensive_crisis": [
        "my blood pressure is 220 over 130 and I have a headache",
        "BP 200/125 with blurred vision",
        "my blood pressure is two hundred and ten over one hundred and twenty five and I'm "
        "confused",
    ],
    "severe_breathing": [
        "I can't breathe",
        "I cant breathe",
        "I can't brief",
        "I can't breed",
        "he's not breathing",
        "no, he's not breathing",
        "no he's not breathing",
        "I don't know if he's breathing",
        "her lips are blue",
        "SpO2 88% on room air",
        "sats 85",
        "my baby is grunting and her ribs are sucking in",
        "can only speak in single words",
        "I can barely talk I'm so breathless",
        "he's gasping for air",
        "my inhaler isn't working and I'm really short of breath",
        "Patient in respiratory distress, tripoding, using accessory muscles",
        "he can hardly breathe",
        "she's blue around the lips",
    ],
    "airway_compromise": [
        "my son is choking",
        "he's choking on a piece of meat",
        "stridor at rest",
        "angioedema with stridor",
        "she's drooling and her throat is so swollen",
        "he can't swallow his own saliva",
        "A 4-year-old with high fever, drooling, muffled voice and inspiratory stridor",
        "swelling of the floor of the mouth and difficulty swallowing",
    ],
    "anaphylaxis": [
        "anaphylaxis",
        "I think she's going into anaphylactic shock",
        "I used my epi pen",
        # An adrenaline pen that worked is still an emergency (biphasic reactions).
        "I had to use my eppy pen and it worked",
        "I gave him the epipen and he seems better now",
        "my throat is closing up",
        "his tongue is swelling",
        "stung by a bee and now he's wheezing and his face is swelling",
        "I ate peanuts and I can't breathe properly",
        "anna flax is after eating shrimp",
        "after the new antibiotic her lips swelled and she's hoarse",
        "my husband is having a severe allergic reaction",
        "hives and hypotension after IV antibiotics",
    ],
    "heavy_bleeding": [
        "it won't stop bleeding",
        "he's bleeding heavily from his leg",
        "blood is spurting from the cut",
        "I cut my arm and there's blood everywhere",
        "my nose has been bleeding for 30 minutes and won't stop",
        "I'm on warfarin and this cut won't stop bleeding",
        "Arterial bleeding from the forearm",
        "the bleeding isn't stopping even with pressure",
        "I had my tonsils out a week ago and I'm spitting blood",
    ],
    "gi_bleed": [
        "I'm vomiting blood",
        "I threw up blood",
        "hematemesis",
        "melena for 2 days, lightheaded",
        "my poop is black like tar",
        "coffee ground vomit",
        "Man, 55, haematemesis and melaena, HR 115",
    ],
    "suicidal_intent": [
        "I want to kill myself",
        "I'm going to kill my self tonight",
        "im going to filling my self",
        "I'm going to end my life",
        "I keep thinking about suicide and I have a gun",
        "my brother says he's going to end it all",
        "Patient expresses suicidal ideation with a plan to jump from a bridge",
        "I don't want to be alive anymore",
        "I've written goodbye letters to my kids",
        "I cut my wrists and it's bleeding a lot",
    ],
    "harm_to_others": [
        "he says he's going to kill his wife",
        "my son is armed with a knife and he's hearing voices",
        "he has homicidal thoughts",
        "he's hearing voices telling him to kill his neighbour",
    ],
    "unresponsive": [
        "he's unconscious",
        "she won't wake up",
        "he wont wake up",
        "my dad is on responsive",
        "she's unresponsive",
        "GCS 8",
        "he collapsed and isn't responding",
        "I found him on the floor and he's not responding",
        "she's breathing but I can't wake her",
        "no she won't wake up",
        "my baby is really floppy and won't feed and she's hard to wake",
        "he won't come round",
        "she's just lying there not moving",
    ],
    "acute_confusion": [
        "my grandma is suddenly confused",
        "acute confusion in an 80-year-old",
        "he's delirious and doesn't know where he is",
        "altered mental status",
        "my mom is really muddled today and doesn't recognise me",
    ],
    "seizure": [
        "he's having a seizure",
        "she's seizing",
        "he's having a sees her",
        "my son is fitting and it won't stop",
        "she's having a fit right now",
        "Status epilepticus",
        "first seizure ever in a 40 year old",
        "he had a convulsion and he's never had one before",
        "she's been convulsing for 10 minutes",
        "my wife is 35 weeks pregnant and she just had a fit",
        "he's shaking and foaming at the mouth and it won't stop",
    ],
    "infant_fever": [
        "my 6 week old has a fever",
        "my six week old has a fever",
        "my newborn feels hot",
        "my baby is 5 weeks old and has a temperature of 100.8",
        "Infant, 21 days, febrile to 38.4",
        "my 2 month old has a fever of a hundred and one",
        "my baby's two months old and has a fever of thirty eight point five",
        "my baby is seven weeks and her temp is thirty eight point two",
        "A 3-week-old baby who feels warm, rectal temperature 100.8 F",
    ],
    "meningitis_signs": [
        "fever, stiff neck and photophobia",
        "non-blanching rash and fever",
        "purple spots that don't fade when I press a glass on them",
        "petechial rash in a febrile child",
        "I think my son has meningitis",
        "high temperature and he can't put his chin on his chest",
    ],
    "sepsis_signs": [
        "hypotensive and tachycardic with a fever",
        "he's got a temperature and his skin is mottled",
        "I'm on chemo and I've got a fever",
        "febrile neutropenia",
        "I think she has sepsis",
        "Patient with pneumonia, BP 80/40, temp 39.5",
        "my mom has a UTI and now she's really confused and hasn't peed all day",
    ],
    "severe_dehydration": [
        "my baby hasn't had a wet nappy in 14 hours and keeps vomiting",
        "his eyes are sunken and he's floppy after days of diarrhoea",
        "sunken fontanelle",
    ],
    "dka": [
        "I'm type 1, vomiting and my ketones are 5",
        "DKA",
        "her breath smells fruity and she's vomiting",
        "type 1 diabetic with vomiting and deep sighing breathing",
    ],
    "severe_hypoglycemia": [
        "his sugar is 2.2 and he's confused",
        "my dads suger is two point five, he's slurring, can't hold the glass",
        "my diabetic husband is sweaty and confused and won't drink",
        "she's hypo and unconscious",
        "blood sugar 40 and he's not making sense",
    ],
    "pregnancy_bleeding": [
        "I'm pregnant and bleeding heavily",
        "I'm 8 weeks pregnant and soaking a pad every hour",
        "postpartum hemorrhage",
        "I gave birth 3 days ago and I'm passing huge clots",
        "I'm having a miscarriage and bleeding through pads every 30 minutes",
    ],
    "pregnancy_severe_pain": [
        "I'm 7 weeks pregnant with severe pain on my left side",
        "I think I have an ectopic pregnancy",
        "positive pregnancy test, severe right iliac fossa pain and shoulder tip pain",
        "7 weeks of amenorrhea, sudden lower abdominal pain and dizziness",
    ],
    "preeclampsia_signs": [
        "I'm 32 weeks pregnant with a bad headache and blurred vision",
        "36 weeks, seeing flashing lights and my face is swollen",
        "pre-eclampsia",
    ],
    "reduced_fetal_movement": [
        "I'm 30 weeks and the baby hasn't moved today",
        "I'm 34 weeks pregnant and I haven't felt the baby kick since yesterday",
        "reduced fetal movements at 38 weeks",
        "I can't feel the baby moving since yesterday",
    ],
    "preterm_labor": [
        "I'm 32 weeks and my waters broke",
        "I'm 29 weeks and having contractions every 5 minutes",
    ],
    "overdose": [
        "I took an overdose",
        "I took a over dose of my pills",
        "she swallowed a whole bottle of paracetamol",
        "he took 40 tablets",
        "Intentional ingestion of 20 sertraline tablets",
        "my husband's been drinking and took all his pain pills",
        "found with an empty bottle of amitriptyline, drowsy with a fast heart rate",
    ],
    "toxic_ingestion": [
        "my toddler swallowed a button battery",
        "my son drank bleach",
        "she swallowed some drain cleaner",
        "my 2 year old got into my blood pressure tablets",
        "he drank some lamp oil and he's coughing",
    ],
    "carbon_monoxide": [
        "the carbon monoxide alarm is going off and we all feel sick",
        "our CO alarm went off",
        "we all have headaches and the boiler is making weird noises",
    ],
    "major_trauma": [
        "he was hit by a car",
        "my son fell from the second floor balcony",
        "I've been stabbed",
        "motorcycle accident, he's got a broken leg",
        "he fell off a ladder 10 feet onto concrete",
        "the bone is sticking out of her leg",
        "Gunshot wound to the abdomen",
        "high speed car crash",
        "he was knocked off his bike by a car",
        "An 82-year-old woman who fell and now has a shortened, externally rotated right leg",
    ],
    "head_injury_red_flags": [
        "he hit his head and was knocked out",
        "she banged her head and keeps vomiting",
        "my dad fell and hit his head, he's on warfarin",
        "Head injury with LOC and amnesia",
        "my 1 year old fell down the stairs and hit her head and now she's limp",
    ],
    "severe_burn": [
        "he got electrocuted",
        "I spilled acid on my arm",
        "my son pulled a kettle of boiling water over himself, his chest and arms are burned",
        "third degree burns on his legs",
        "her burn is white and painless",
        "her clothes caught fire",
    ],
    "acute_abdomen": [
        "my stomach is rigid and really painful",
        "my baby is vomiting green",
        "Acute abdomen with guarding and rebound",
        "he's got severe abdominal pain and his belly is hard as a rock",
        "intermittent inconsolable crying, drawing up his legs, and red currant jelly stools",
    ],
    "testicular_torsion": [
        "sudden severe pain in my testicle",
        "my son has really bad pain in his balls and he's throwing up",
        "testicular torsion",
    ],
    "priapism": ["I've had an erection for 6 hours", "priapism"],
    "cauda_equina": [
        "back pain and I can't feel my bum and I've wet myself",
        "saddle anaesthesia",
        "back pain with loss of bladder control",
        "sudden bad back pain and I can't pee and my bottom is numb",
    ],
    "urinary_retention": [
        "I can't pee at all and it's been 12 hours and my bladder is killing me",
        "acute urinary retention",
    ],
    "limb_ischemia": [
        "my leg is suddenly cold and pale and I can't feel my foot",
        "Acute limb ischaemia",
        "his foot is white and cold and there's no pulse",
    ],
    "sudden_vision_loss": [
        "I suddenly lost the sight in my right eye",
        "a curtain came down over my vision",
        "I suddenly went blind in one eye",
    ],
    "eye_injury_severe": [
        "I got bleach in my eye",
        "a piece of glass went in my eye",
        "chemical splash to the eye",
        "splashed in the eyes with an alkaline cleaning solution",
    ],
    "acute_glaucoma": [
        "my eye is red and painful and I'm seeing halos around lights",
        "acute angle closure glaucoma",
    ],
    "severe_skin_reaction": [
        "her skin is peeling off and she has mouth ulcers after starting a new tablet",
        "Stevens-Johnson syndrome",
    ],
}

# ---------------------------------------------------------------------------------------------
# Generalisations added with the third training batch: each is a way of saying a finding that
# the concepts had missed (new phrasings, clinical shorthand, a recogniser's split words), and
# each quiet turn is a reading that had fired without being a red flag.
# ---------------------------------------------------------------------------------------------

MORE_POSITIVE: list[tuple[str, str]] = [
    ("cardiac_syncope", "he said his heart was racing and then he just dropped"),
    ("cardiac_syncope", "my heart was fluttering and everything went grey, I nearly went over"),
    ("cardiac_syncope", "Pt 80 yo F, pulse 36, near collapse in the kitchen"),
    ("airway_compromise", "she's making a high pitched noise breathing even when sitting still"),
    ("airway_compromise", "I can't even swallow my own spit"),
    ("airway_compromise", "his neck is swelling up and he can't swallow"),
    (
        "sepsis_signs",
        "he's got a kidney infection and now he's shaking uncontrollably and says he feels "
        "like he's going to die",
    ),
    ("thunderclap_headache", "it felt like someone had hit me on the back of the head with a bat"),
    ("seizure", "she's had three seizures and hasn't woken up properly in between"),
    ("gi_bleed", "his poos are black and sticky and he's dizzy"),
    ("gi_bleed", "I've been throwing up all morning and the last time it was bright red blood"),
    ("suicidal_intent", "my brother sent goodbye messages to his friends an hour ago"),
    ("toxic_ingestion", "my toddler swallowed two magnet balls"),
    ("acute_abdomen", "my baby keeps pulling his knees up to his tummy screaming and being sick"),
    ("pregnancy_severe_pain", "LMP 6 weeks ago, sudden one-sided lower abdominal pain, felt faint"),
    ("severe_dehydration", "her soft spot looks sunk in and she's been vomiting all day"),
    ("heavy_bleeding", "he's coughing up blood, like a cupful"),
    ("preterm_labor", "I'm 33+4 weeks and having tightenings every five minutes"),
    ("urinary_retention", "he hasn't been able to pee since this morning and his belly is swollen"),
    ("meningitis_signs", "I did the glass test and the spots don't fade"),
    ("severe_skin_reaction", "blistering, peeling skin on her chest after a new tablet"),
    ("anaphylaxis", "after the prawns my tongue feels thick and my voice is funny"),
    ("severe_burn", "a kettle scald encircling her forearm"),
    ("major_trauma", "there's a piece of metal still stuck in his leg"),
    ("heavy_bleeding", "she's on warfarin and it's still bleeding after 20 minutes of pressure"),
    ("heavy_bleeding", "his nose has been bleeding for half an hour despite pinching it"),
    ("heavy_bleeding", "my period is soaking a pad every half hour and I nearly fainted"),
    ("cauda_equina", "I can't feel anything when I wipe"),
    ("limb_ischemia", "her toes have gone bluey and numb in the plaster cast"),
    ("stroke_signs", "Bell's palsy was diagnosed last week and now his right arm is weak"),
    ("overdose", "I overdid it with my sleeping tablets"),
    ("toxic_ingestion", "my two year old had one of my blood pressure tablets"),
    ("chest_pain_cardiac", "my nan's 81, her chest feels heavy and her left arm's gone achy"),
    ("aortic_signs", "pain between the shoulder blades described as ripping, BP 88/52"),
]

# Added with the fourth training batch: indirect suicidal phrasing, threats and armed psychosis,
# obstetric shorthand ("33+4 weeks"), eye, skin and urinary findings said the way callers and
# vignettes say them, and carbon monoxide from a fuel-burning appliance.
BATCH4_POSITIVE: list[tuple[str, str]] = [
    ("suicidal_intent", "I'm up on the bridge and I can't do this anymore"),
    ("suicidal_intent", "he's by the train tracks and says he's had enough of everything"),
    ("suicidal_intent", "there's no point any more, I've got a rope"),
    ("suicidal_intent", "she has been researching methods and sorting out her affairs"),
    ("suicidal_intent", "Patient says she plans to jump from the top of a car park"),
    ("harm_to_others", "he says he will stab his brother, he's holding a kitchen knife"),
    ("harm_to_others", "she's paranoid and waving a hammer at the neighbours"),
    ("harm_to_others", "the voices want him to hurt people"),
    ("harm_to_others", "I have urges to smother my baby and I nearly did it"),
    ("reduced_fetal_movement", "I'm 31+2 weeks and the baby's been really quiet all day"),
    ("reduced_fetal_movement", "Woman at 36 weeks, baby moving much less than usual"),
    ("reduced_fetal_movement", "pregnant, 29 weeks, felt no kicks since last night"),
    ("preterm_labor", "I'm 32 weeks and the pains are coming every few minutes"),
    ("preterm_labor", "she's 30 weeks and her water break an hour ago"),
    ("preeclampsia_signs", "I'm 35 weeks, my vision's gone blurry and my face is puffy"),
    ("pregnancy_bleeding", "I gave birth on Sunday and I've filled three pads in an hour"),
    ("pregnancy_bleeding", "Woman, 30, 26 weeks, bleeding heavily with clots"),
    (
        "pregnancy_severe_pain",
        "my period is late and I've got a stabbing pain low down, I feel faint",
    ),
    ("pregnancy_severe_pain", "home test positive, severe lower abdominal pain"),
    ("acute_glaucoma", "her eye is bloodshot and she can see coloured rings round the lights"),
    ("acute_glaucoma", "pain behind my eye, the eye's red and I keep vomiting"),
    ("sudden_vision_loss", "there's a shadow creeping across the vision in my right eye"),
    ("sudden_vision_loss", "suddenly it was like a blind came down over my left eye"),
    ("eye_injury_severe", "I got pool chlorine in my eye"),
    (
        "eye_injury_severe",
        "hit in the eye with an airsoft pellet and there's blood in the front of the eye",
    ),
    ("thunderclap_headache", "my head just exploded with pain, like nothing I've ever had"),
    ("thunderclap_headache", "a headache that reached full severity within seconds"),
    ("hypertensive_crisis", "my BP is 192/124 and my vision's gone blurry"),
    ("dka", "type 1, glucose 29, vomiting, deep sighing respirations"),
    ("priapism", "Pt 20 yo M, sickle cell, erection for 4 h"),
    ("priapism", "I took viagra and it still hasn't gone down after five hours"),
    ("testicular_torsion", "my testicle is killing me, it came on suddenly and I've been sick"),
    ("testicular_torsion", "he's got a sudden terrible pain in his privates and he's throwing up"),
    ("urinary_retention", "he hasn't passed any water since this morning and his tummy hurts"),
    ("urinary_retention", "I've not been able to pee for about fourteen hours"),
    ("limb_ischemia", "my dad's leg has gone cold and white all of a sudden"),
    ("head_injury_red_flags", "he was headbutted and knocked out"),
    ("head_injury_red_flags", "she hit the back of her head and keeps asking the same questions"),
    ("severe_burn", "he got a shock off the mains and has a burn on his finger"),
    ("severe_burn", "caustic soda spilled onto her hand"),
    ("carbon_monoxide", "headache and feeling sick since we put the gas heater on in the caravan"),
    (
        "carbon_monoxide",
        "my colleague is also dizzy and we both have headaches, the generator's on",
    ),
    ("severe_skin_reaction", "started a new antibiotic, blisters on her lips and sore red eyes"),
    ("severe_skin_reaction", "red scaly skin from head to toe and shivering"),
    ("infant_fever", "my son's 6 weeks and his temperature is 38.2"),
    ("infant_fever", "Pt 1 mo M, febrile 38.3"),
    ("pe_signs", "I had my hip replaced last week and now I'm suddenly breathless"),
    ("pe_signs", "she had a baby a fortnight ago and now it hurts to breathe in, sharp pain"),
    # Naming heartburn does not talk chest pain down; only an antacid that took it away does.
    ("chest_pain_cardiac", "I've got chest pain, I think it's heartburn"),
    ("chest_pain_cardiac", "chest pain, probably just reflux"),
]

# The review of batch 4's rule changes: emergencies its exemptions and narrowed phrasings
# missed. Bare chest burning is escalated by design, even when the caller calls it heartburn
# (only an antacid that took it away stands the bare rule down).
REVIEW_POSITIVE: list[tuple[str, str]] = [
    ("chest_pain_cardiac", "I've got chest pain, it started after dinner, I think it's heartburn"),
    (
        "chest_pain_cardiac",
        "Crushing chest pain since dinner, I took a Gaviscon but it's no better, think it's reflux",
    ),
    (
        "chest_pain_cardiac",
        (
            "my chest really hurts, I thought it was heartburn after my tea but the Rennie "
            "hasn't touched it"
        ),
    ),
    ("chest_pain_cardiac", "chest pain for an hour, I have reflux, I took omeprazole this morning"),
    ("chest_pain_cardiac", "Pt c/o central chest pain, hx reflux on omeprazole"),
    ("chest_pain_cardiac", "chest pain, tried antacids, not helping"),
    (
        "chest_pain_cardiac",
        "Chest tightness 40 min, pt thinks reflux after meal, antacid no relief",
    ),
    (
        "chest_pain_cardiac",
        "my chest is so tight, I've had heartburn after meals before but this is different",
    ),
    ("chest_pain_cardiac", "chest pain started after eating, I'm worried it's not heartburn"),
    ("chest_pain_cardiac", "I get heartburn after spicy food, burning in my chest"),
    ("chest_pain_cardiac", "burning chest pain after a big meal, heartburn, I'm 22"),
    (
        "chest_pain_cardiac",
        "chest pain, it's probably my reflux, I had gaviscon earlier and it didn't help",
    ),
    ("chest_pain_cardiac", "heavy pain in my chest, feels like heartburn after dinner but worse"),
    ("chest_pain_cardiac", "Chest tightness 40 min"),
    ("chest_pain_cardiac", "chest pain after dinner, I think it's heartburn"),
    ("chest_pain_cardiac", "I'm 27 weeks with heartburn burning up my chest after dinner"),
    (
        "carbon_monoxide",
        (
            "we've all got headaches and feel sick, I thought we were coming down with colds "
            "but it only happens at home"
        ),
    ),
    (
        "carbon_monoxide",
        (
            "the whole family has headaches and we're all dizzy since the boiler was fixed, "
            "my son has a bit of a cough"
        ),
    ),
    (
        "carbon_monoxide",
        "headache and feeling sick since we put the gas heater on, I've got a sore throat too",
    ),
    (
        "carbon_monoxide",
        (
            "me and the kids have all got headaches and are being sick, I thought it was a "
            "cold going round but the dog's lethargic too"
        ),
    ),
    (
        "carbon_monoxide",
        (
            "Family of 4, all with headache, nausea and drowsiness, initially attributed to "
            "colds, gas fire in use"
        ),
    ),
    (
        "carbon_monoxide",
        "3 household members with headache and vomiting, one coughing, old gas boiler",
    ),
    (
        "carbon_monoxide",
        (
            "everyone in the house has flu-like symptoms, headaches and sickness, worse when "
            "the heating's on"
        ),
    ),
    (
        "carbon_monoxide",
        (
            "my husband and I both have headaches and feel dizzy, no cough or runny nose, "
            "the generator is running in the garage"
        ),
    ),
    (
        "carbon_monoxide",
        (
            "dizzy with a headache and sick since we lit the log burner, I've been sneezing "
            "from the smoke"
        ),
    ),
    ("unresponsive", "my mum stopped talking about ten minutes ago and she's just staring"),
    ("unresponsive", "he just stopped speaking about five minutes ago, he's slumped in the chair"),
    ("unresponsive", "Pt stopped talking approx 10 min ago, slumped"),
    (
        "unresponsive",
        (
            "she's not talking about anything, she's just lying there staring, I can't get "
            "any sense out of her"
        ),
    ),
    ("unresponsive", "she's not responding to her name or to me shaking her"),
    ("unresponsive", "he's not responding to the sternal rub"),
    ("unresponsive", "not responding to voice, only to pain"),
    ("unresponsive", "she isn't responding to my voice medication"),
    ("severe_burn", "my son got an electric shock like a proper big one off the plug socket"),
    (
        "severe_burn",
        "I got an electric shock like I've never had, from the cooker, my hand's tingling",
    ),
    (
        "severe_burn",
        "he had an electric shock zapped him off the fence and he's got a burn on his hand",
    ),
    (
        "severe_burn",
        "electric shock sensation up his arm after touching the exposed wire on the lamp",
    ),
    (
        "severe_burn",
        "Pt reports electric shock like sensation after touching faulty kettle, small burn on palm",
    ),
    ("severe_burn", "she got an electric shock, like, she got thrown back from the socket"),
    ("eye_injury_severe", "he was poked in the eye by the handlebars when he came off his bike"),
    ("eye_injury_severe", "poked in the eye with the handle of a spoon, there's blood in the eye"),
    ("eye_injury_severe", "poked in the eye with a handsaw"),
    ("eye_injury_severe", "she got poked in the eye with a hand drill bit"),
    (
        "acute_glaucoma",
        "my eye is not only red but really painful and I can see rainbow rings round the lights",
    ),
    (
        "reduced_fetal_movement",
        "the baby was really quiet all day yesterday and today, I'm 33 weeks",
    ),
    ("heavy_bleeding", "F 32 3 weeks post op heavy bleeding"),
    (
        "carbon_monoxide",
        (
            "we've all got headaches and we're being sick, the gas fire's been on all day, "
            "the baby has a snotty nose too"
        ),
    ),
    (
        "carbon_monoxide",
        (
            "Headache, nausea and dizziness x 2 household members, gas boiler faulty, both "
            "have coryzal symptoms, sneezing"
        ),
    ),
    (
        "carbon_monoxide",
        (
            "my head is pounding and I'm being sick, the boiler's making a funny noise, I "
            "had a cough last week"
        ),
    ),
    (
        "carbon_monoxide",
        "my head is pounding and I'm being sick, the boiler's making a funny noise",
    ),
    ("unresponsive", "Dad stopped talking about an hour ago, he's just staring at the wall"),
    (
        "chest_pain_cardiac",
        "tight chest, feels like heartburn after dinner but the gaviscon hasn't touched it",
    ),
    (
        "chest_pain_cardiac",
        "my wife has reflux after meals but I've got this pain in my chest right now",
    ),
    (
        "carbon_monoxide",
        "my head is pounding and I'm being sick, the boiler is making a funny noise",
    ),
    ("carbon_monoxide", "headache and dizzy since the gas fire's been on"),
    (
        "carbon_monoxide",
        "I've got a headache and feel sick and dizzy, the generator's running in the garage",
    ),
    ("preeclampsia_signs", "I'm 35+2 weeks and my vision has gone blurry"),
    ("chest_pain_cardiac", "crushing chest pain after dinner, the gaviscon helped"),
    # The batch-5 stand-downs must not swallow these.
    ("suicidal_intent", "I've been so low for months and I'm going to do it tonight"),
    ("suicidal_intent", "he says he's suicidal and he's going to do it, he has the pills"),
    ("carbon_monoxide", "the CO alarm went off and we all have headaches"),
    ("carbon_monoxide", "our carbon monoxide alarm is beeping and I feel dizzy"),
    ("stroke_signs", "my arm went numb on one side and my face dropped, shaking it didn't help"),
    ("chest_pain_cardiac", "chest pain since this morning, I'm 62 and sweaty"),
]

# Batch 6: the general phrasings behind the more-file lines the rules missed (own words).
BATCH6_POSITIVE: list[tuple[str, str]] = [
    ("severe_breathing", "my wife is wheezing so badly she can't get a whole sentence out"),
    ("severe_breathing", "he's 5 months old and the skin's sucking in above his collarbones"),
    ("severe_breathing", "between her ribs is pulling in every time she breathes"),
    (
        "suicidal_intent",
        "my brother's been really depressed and says he's worked out how he'll end it",
    ),
    ("suicidal_intent", "she told me she's saved up all her sleeping pills"),
    ("suicidal_intent", "my daughter's been giving away her clothes and her jewellery"),
    ("suicidal_intent", "he's been googling how many sleeping pills would kill him"),
    ("suicidal_intent", "I won't be around much longer, I've got the rope in the garage"),
    ("suicidal_intent", "I'm sat on the railway line and I'm not going home"),
    ("suicidal_intent", "he's up at the clifftop and said he won't be coming back"),
    (
        "harm_to_others",
        "since his voices are back he sleeps with a knife and thinks the postman is spying",
    ),
    ("chest_pain_cardiac", "I'm 58, I've got indigestion and an ache in my jaw and I'm clammy"),
    ("cardiac_syncope", "my mum's heart's been fluttering and she keeps nearly fainting"),
    ("cardiac_syncope", "he nearly blacked out walking up the hill to the shops"),
    ("acute_confusion", "my husband isn't making any sense and he was fine this morning"),
    ("stroke_signs", "since lunch her words have been a bit jumbled"),
    ("dka", "he's always thirsty, weeing constantly, now vomiting and breathing deep and fast"),
    ("meningitis_signs", "she's got a fever and can't stand the light, her neck's rigid"),
    ("meningitis_signs", "temperature of 39 and he doesn't like the bright light"),
    ("preeclampsia_signs", "I'm 36 weeks and my eyesight's gone all flickery"),
    (
        "testicular_torsion",
        "he said it was his belly but the pain is really in his testicles, it started suddenly",
    ),
    ("aortic_signs", "Male 75, abrupt onset backache, BP 85/50"),
    ("aortic_signs", "my husband's 68, sudden pain in his back and now he's collapsed"),
    ("anaphylaxis", "since eating the prawns her voice has gone croaky and she's dizzy"),
    ("infant_fever", "he's just 5 weeks and his temperature is 38.4"),
]

# Data batch 6 (triage/f_more.txt): vague talk beside a real red flag, said in general words.
DATA6_POSITIVE = [
    ("meningitis_signs", "she's got a fever, poorly, and her neck hurts when she bends forward"),
    ("meningitis_signs", "temperature 38.9 and he keeps crying whenever the lights are on"),
    ("stroke_signs", "dad's words keep coming out wrong since he woke up"),
    ("stroke_signs", "Grandad's not right, his words have come out all muddled all afternoon"),
    ("sepsis_signs", "she's had a productive cough for days, now her knees are mottled"),
    ("sepsis_signs", "coughing up green phlegm since Monday and his BP is 82/48"),
    ("chest_pain_cardiac", "I feel heavy in my chest and sweaty, I'm 58"),
    ("chest_pain_cardiac", "he says he's heavy across the chest and feels sick"),
    # gestation in the obstetric note's "N/40" (found on the first blind check set, now retired)
    ("preeclampsia_signs", "G1 at 37/40, BP 172/110 at the midwife check, feels well"),
    ("preeclampsia_signs", "34+3/40, bad headache and seeing flashing lights"),
    ("reduced_fetal_movement", "28/40, no fetal movements since last night"),
    ("pregnancy_bleeding", "primip 12/40 with heavy bleeding and clots"),
]

# A breathless or distressed caller's words broken by pauses, as a transcript writes them.
PAUSED_POSITIVE = [
    ("severe_breathing", "I can't... get my... breath"),
    ("severe_breathing", "she can't … breathe … properly"),
    ("severe_breathing", "I cant - get my - breath - at all"),
    ("chest_pain_cardiac", "crushing... pain... in my chest... and I'm sweating"),
    ("unresponsive", "he's... not... responding"),
    ("suicidal_intent", "I want to... kill... myself"),
    # unspaced dashes and spaced dots are pauses too
    ("severe_breathing", "I can't—get my—breath"),
    ("severe_breathing", "I can't--get my--breath"),
    ("severe_breathing", "I can't . . . get my . . . breath"),
    # a hesitant "hasn't" still negates what would stand the rule down
    ("chest_pain_cardiac", "My chest hurts... it hasn't... eased off at all"),
    # "it hasn't stopped" is not bleeding that stopped
    ("heavy_bleeding", "Heavy bleeding from the cut on his leg, it hasn't stopped"),
    ("heavy_bleeding", "There's blood everywhere from his leg and it hasn't stopped"),
]

# The README's pregnancy rule: after 20 weeks, any headache with 140/90 or more.
PREGNANCY_BP_POSITIVE = [
    ("preeclampsia_signs", "34 weeks pregnant, headache since this morning, BP 150/100"),
    ("preeclampsia_signs", "G2 at 31/40 with a headache, BP 148/94"),
    ("preeclampsia_signs", "30 weeks, a headache since lunch, BP 142 over 91"),
]

# Data batch 8 (triage/g_more.txt): emergencies said in ways that do not sound like them.
DATA8_POSITIVE = [
    ("seizure", "she's had four seizures this morning and hasn't fully come round in between"),
    ("seizure", "he's still jerking, it's been about six minutes"),
    ("unresponsive", "she's not really answering me, just groaning"),
    ("preterm_labor", "G2, 32+1, contractions every 4 min since midnight"),
    ("preterm_labor", "my wife is 33 week pregnant and the pains come every few minute"),
    ("infant_fever", "Baby 7/52, temp 38.3, feeding less"),
    ("infant_fever", "she's one month and two weeks old and her temperature is 38.2"),
    ("limb_ischemia", "Pt 81, L leg cold from the knee down and mottled, no foot pulses"),
    ("limb_ischemia", "his right foot's gone white and cold this last hour"),
    ("head_injury_red_flags", "took a football to the head, out for a minute, no memory of it"),
    ("head_injury_red_flags", "banged heads in netball, I don't remember the rest of the game"),
    ("major_trauma", "came off the scooter and the shin bone is poking out"),
    ("chest_pain_cardiac", "M 71, epigastric discomfort for an hour, sweaty and grey"),
    ("cardiac_syncope", "my heart was racing at 200 and I came round on the bathroom floor"),
    ("cardiac_syncope", "since the new beta blocker she keeps nearly going down, pulse 38"),
    ("severe_breathing", "asthma, the blue one is doing nothing, I can hardly talk"),
    ("severe_breathing", "the oxygen clip says 87 and I've got a chest infection"),
    ("pe_signs", "2 weeks after my knee operation and now sudden breathlessness"),
    ("airway_compromise", "he's making a high pitched noise breathing in and drooling everywhere"),
    ("anaphylaxis", "she ate a biscuit with peanuts and her lips are huge, her voice is strange"),
    ("stroke_signs", "her left hand's gone numb and useless since lunch, she's 70"),
    ("stroke_signs", "he cannot move the left arm and his speech is like he's drunk"),
    ("suicidal_intent", "tonight I will end it, I've had enough"),
    ("suicidal_intent", "on the top level of the multi storey, I can't keep going with this"),
    ("suicidal_intent", "she's given her guitar and her laptop away to friends, she's been so low"),
    ("harm_to_others", "my brother's hearing voices and swinging a hammer at the neighbours"),
    ("acute_glaucoma", "my eye's red and agony and I see rings of colour round the street light"),
    ("gi_bleed", "he brought up some dark blood after dinner"),
    ("reduced_fetal_movement", "35 weeks and the kicks have got much weaker today"),
    ("pregnancy_bleeding", "28 weeks pregnant and the bleeding has come through my leggings"),
    ("testicular_torsion", "my son's 14, sudden pain in his down there, he's been sick"),
    ("priapism", "I took one of those pills last night and it still won't go down, six hours"),
    ("urinary_retention", "Dad hasn't passed water all day, his belly is swollen and it's agony"),
    ("dka", "type 1, my key tones are 4.2 and I'm being sick"),
    ("severe_dehydration", "the baby's been vomiting all day and her eyes have gone in"),
    ("severe_burn", "boiling water over his chest and both arms, blistered"),
    ("aortic_signs", "he has a known aneurysm and his back's suddenly really bad"),
    ("sudden_vision_loss", "I've lost the bottom half of my vision in the right eye this morning"),
    ("eye_injury_severe", "hit in the eye by a squash ball, blood at the front of the eye"),
    ("thunderclap_headache", "sudden headache, maximal within 10 s, vomiting"),
    ("thunderclap_headache", "headache like being kicked in the back of the head, worst I've had"),
    ("carbon_monoxide", "we brought the charcoal barbecue inside the tent and now we feel sick"),
    (
        "suicidal_intent",
        "she's sorted out her will and given her cat away, she says she can't go on",
    ),
    ("suicidal_intent", "he has written goodbye letters to his kids"),
    ("eye_injury_severe", "using an angle grinder without goggles and a bit flew into my eye"),
    ("pregnancy_severe_pain", "period a week late, sharp pain low on the right, shoulder tip pain"),
    ("pregnancy_severe_pain", "F 31, positive test 7/52, L iliac fossa pain, shoulder tip pain"),
    ("acute_abdomen", "his tummy's blown up and he hasn't been or passed wind since Sunday"),
    ("overdose", "I've been taking 2 paracetamol every 2 hours since yesterday"),
    ("heavy_bleeding", "my period, I'm soaking through a pad every 15 minutes with clots"),
]

# Anticoagulants as a recogniser hears them, and a bleed counted in hours said as a number.
HEARD_POSITIVE = [
    ("head_injury_red_flags", "I hit my head this morning and I'm on a picks a ban"),
    ("head_injury_red_flags", "he fell and banged his head, he takes war farin"),
    ("head_injury_red_flags", "mum slipped and hit her head on the sink, she's on zarelto"),
    ("heavy_bleeding", "I'm on a picks a ban and my gum has been bleeding for two hours"),
    ("heavy_bleeding", "the cut on his leg has been bleeding for 3 hours"),
]

POSITIVE_CASES = (
    [(flag, text) for flag, texts in POSITIVE.items() for text in texts]
    + HEARD_POSITIVE
    + MORE_POSITIVE
    + BATCH4_POSITIVE
    + REVIEW_POSITIVE
    + BATCH6_POSITIVE
    + DATA6_POSITIVE
    + PAUSED_POSITIVE
    + PREGNANCY_BP_POSITIVE
    + DATA8_POSITIVE
)


@pytest.mark.parametrize(("flag", "text"), POSITIVE_CASES)
def test_red_flag_fires(flag: str, text: str) -> None:
    assert flag in flags(text), normalise(text)


def test_every_flag_has_positive_cases() -> None:
    assert set(POSITIVE) == {rule.flag for rule in RULES}
