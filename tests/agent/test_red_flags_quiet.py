"""The red-flag rules: everyday turns and look-alikes that must raise nothing."""

from __future__ import annotations

import pytest

from agent.triage.red_flags import find_red_flags, normalise
from tests.agent.red_flag_cases import flags

# Turns that must raise nothing at all. Chest pain that has gone and was last year is honestly
# safe for these rules (the model still triages it); so is a disease named for a vaccine or a
# follow-up.
QUIET: list[str] = [
    "I need to book a physical",
    "refill my blood pressure pills",
    "what are your hours",
    "my chest cold is better",
    "I had chest pain last year, it's fine now, I want a checkup",
    "I need a refill on my epipen",
    "he had a stroke three years ago and needs a follow up",
    "my dad had a heart attack in 2015, I'm calling about his cholesterol results",
    "my son is turning 16 and needs his meningitis shot",
    "I'd like to book my baby's 6 week check",
    "my baby is 2 months old and due her jabs",
    "can I change my appointment to Tuesday",
    "is the clinic open on Saturday",
    "my back is killing me after the gym",
    "my 3 year old has a temperature of 38, she's playing",
    "I'm 36 weeks and the baby is moving loads",
    "I get heartburn after spicy food",
    "burning in my chest, heartburn after a curry, antacid helped, I'm 24",
    "my son bumped his head, no vomiting, he's playing normally",
    "I cut my finger, it bled a little but stopped",
    "I need a new inhaler, I'm breathing fine",
    "I'm a bit confused about a charge on my bill",
    "mi madre needs her medicine refill, la pastilla for the pressure",
    "I take a lot of medication for my heart",
    "my hair has gone grey and I want to talk about it",
    "there's been a colour change in my mole",
    "please be fast, I need to book a smear test",
    "my lung collapsed last year and I need a follow up",
    "Visual acuity 6/6 OD and OS, routine review",
    "I have allergic asthma and need my inhaler reviewed",
    "my hay fever makes my eyes itchy",
    "I get short of breath walking uphill and I'm tired all the time",
    "A 60-year-old man with chest pain on exertion relieved by rest over the past 2 months",
    "A 30-year-old with anxiety and chest tightness during panic attacks",
    "Man, 35, with a cough and chest pain when coughing",
    "my grandma gets confused in the evenings, she has dementia, we'd like a review",
    "A 70-year-old who fainted after standing up quickly, now fine",
    "Woman, 26, vomiting and diarrhoea for a day, lightheaded when standing, passing urine",
    "Woman, 67, fell onto her outstretched hand, deformed wrist, fingers warm, normal feeling",
    "I get a spinning feeling when I roll over in bed",
    "A 40-year-old with sunburn and blisters on the shoulders",
    "A 35-year-old with new floaters, no flashes, no curtain",
    "I was sexually assaulted last night and I don't know what to do",
    "I'm feeling suicidal sometimes but I have no plan and I'm safe",
    "I have a sore chest with this cold",
    "my toddler ate some blueberries and now he's got a rash",
]


MORE_QUIET: list[str] = [
    "I can talk fine, lips aren't blue, I'm just using my inhaler a lot",
    "my migraine isn't responding to my triptan",
    "brief faint at the blood test, came round straight away, fully alert after",
    "stop, I'm not talking to a robot",
    "the directory is confusing",
    "he's been vomiting since yesterday, no blood",
    "30 weeks pregnant, BP 146/94 at the pharmacy, no headache, vision normal, no swelling",
    "fell asleep on the beach and got burnt, a few blisters on my shoulders",
    "I overdid it at dinner and my stomach hurts",
    "he snores and has pauses in his breathing at night",
    "diagnosed with Bell's palsy, one side of my face is weak, arms and legs are fine",
    "I dropped my phone and cracked the screen",
]


# The review of batch 4: everyday turns its new phrasings sent to 911.
REVIEW_QUIET: list[str] = [
    "I'm 34 weeks, the baby is still kicking loads, I've just got heartburn",
    "I'm 32 weeks and I've got heartburn at the top of my tummy after meals",
    "the baby's movements haven't changed, I'm 30 weeks, just checking about my heartburn",
    "we all had colds with headaches and runny noses",
    "everyone's got a headache and sore throat, it's going round school",
    "I've had a headache for a couple of days and feel a bit sick",
    "a couple of migraines this week with nausea",
    "my wife and I both have a stomach bug, headaches and vomiting since the takeaway",
    (
        "my colleague is also off sick with a headache, I feel nauseous too, think it's "
        "the norovirus going round work"
    ),
    "I get migraines with nausea, I work as a mechanic in a garage",
    "I have a migraine and feel sick, our boiler broke so the house is freezing",
    "headache and dizzy after a long shift, I'm a heater engineer",
    "hungover, headache and feel sick, we were at a barbecue last night",
    (
        "I've got a headache and feel dizzy, I left my electric heater on all night and "
        "the room is really dry"
    ),
    "migraine with vomiting, I'm lying down in the spare room next to the boiler cupboard",
    "we've both had a headache and felt sick since eating the chicken",
    "a couple of hours ago I got a headache and felt dizzy after standing up fast",
    "the chimney sweep is coming, I've had a headache and felt sick all week with my period",
    "her migraine isn't responding to her usual triptan",
    "he's not responding to the new antibiotics, still coughing",
    "his asthma isn't responding to the blue inhaler",
    "she's not talking about harming herself",
    "stopped sertraline, dizzy with electric shock feelings",
    "brain zaps, like electric shocks in my head since I came off venlafaxine",
    "I get an electric shock sensation down my spine when I bend my neck",
    "sciatica, it's like electric shocks down my leg",
    "poked in the eye by my toddler's finger, watery, vision fine",
    "I've been vomiting all night after too much to drink and now my eyes are bloodshot",
    "my eye went bloodshot after I was sick, it doesn't hurt and my vision's fine",
    "migraine with a stabbing pain behind my eye, I've been sick twice, same as my usual ones",
    "my son has a tummy bug, he's vomiting, and his eyes are bloodshot from crying",
    "got chlorine in my eyes at swimming, they're a bit red and stingy",
    "his eye's gone black and swollen since he walked into the door an hour ago, he can see fine",
    "I'm 30 weeks pregnant and the baby's still breech, is that ok",
    "32 weeks, baby is still head down and moving well, I've got a cold",
    "I'm 30 weeks pregnant and I've been moving less because of my pelvic girdle pain",
    "my period came a week late and it's really heavy with clots",
    (
        "my period's never late, but this month I've got really bad cramps in my lower "
        "tummy, I'm on it now"
    ),
    "my period isn't late, it's just really heavy with clots",
    "my covid home test is positive and I've got severe stomach pain and diarrhoea",
    "I've tried all the tablets for my migraines and nothing works, I just want it to stop",
    "I can't cope with this anymore, the razor bumps on my neck are so itchy",
    "I've had enough of this eczema, I've tried all the creams and all the tablets",
    "I've had enough of this cough, we live right by the railway line and the dust is awful",
    "I've got a spot on the bridge of my nose and I've had enough of it",
    "my husband works on the railway and he's had enough of his back pain",
    "I'm scared the antibiotics will harm my baby, I'm 10 weeks pregnant",
    "the nurse said the injection will hurt him a bit, is that normal",
    "will the x ray harm the baby",
    "the surgery threatened me with being taken off their list",
    "I cut my finger with a kitchen knife, I stopped my medication last week",
    "my toddler has a fever and I can't calm him, he was playing with a toy hammer",
    "I stopped my meds because of the side effects, and I've got a hammer toe that hurts",
    "I went out for a few drinks last night and banged my head on a cupboard, just a bit sore",
    "I was out for a minute and my toddler bumped his head on the table, he's playing now",
    "I spilled some bleach on my hand while cleaning, washed it off, it's fine",
    "a bit of bleach splashed on my jeans and it's faded them, my leg is itchy",
    (
        "my toddler has blisters in his mouth and a rash on his hands and feet, I've "
        "given him ibuprofen"
    ),
    "I've got a cold sore blister on my lip and a bit of a rash, I'm taking ibuprofen",
    "my son has a rash and conjunctivitis, he's on antibiotics for an ear infection",
    "chickenpox spots in her mouth and a rash everywhere, she's had calpol and ibuprofen",
    "I took a viagra about 5 hours ago and now I've got a headache and a blocked nose",
    "my son is on sildenafil for his lungs and his temperature hasn't come down",
    "I take tadalafil for my prostate, my fever won't go down",
    "burning when I pee, I keep needing to go but nothing comes out and it hurts",
    "nil by mouth, no water for 12 hours before my operation, I've got a headache",
    "we've had no water since this morning because the mains burst, my tummy hurts",
    "Male 35 2 weeks of blurred vision",
    "I'm 28 2 weeks ago I started getting throbbing headaches",
    "I'm 30 weeks and have a bit of spotting, the bleeding isn't heavy at all",
    "I'm 28 weeks, bleeding not heavy, just a streak when I wiped",
    (
        "I'm 32 weeks, Braxton Hicks, the tightenings aren't coming every few minutes, "
        "they're irregular"
    ),
    "I'm 34 weeks with a headache but my vision isn't blurry",
    "my pregnancy test wasn't positive and I have severe period pain in my lower tummy",
    "I'm 31 weeks, no reduction in movements, she kicks all the time",
    "burning in my chest after a curry, the Gaviscon worked",
]


# Batch-5 training lines the rules fired on (training data, so the rules may learn from it).
BATCH5_QUIET = [
    "I know how I'm going to do it, I'll get the bus",
    "I'm going to do it online tonight, can you send me the link for the portal",
    "my son is 8 weeks off school with glandular fever",
    (
        "Man, 22, sharp left-sided chest pain lasting seconds while at the gym yesterday "
        "evening, none since, no breathlessness"
    ),
    "I keep waking up with numb fingers in my right hand, shaking it helps, for months now",
    "headache with this cold, the CO alarm tests fine and nobody else is ill",
    "our carbon monoxide detector hasn't gone off, I just have a cold",
]


# Batch 6: near misses of the widened phrasings, and idioms (none may raise anything).
BATCH6_QUIET = [
    "I'm dying to know when my results are back",
    "we've given away a prize at the school raffle",
    "the kid is driving me mad, can I book him in for his jabs",
    "I gave away my appointment last week, can I have another",
    "I've given away my old pram to my sister",
    "I can't get a sentence out of him, he's a teenager",
    "I can't get a sentence in with my mum, she talks so much",
    "I know how I'll do it, I'll pay by card when I come in",
    "I looked up how many ibuprofen I can take with my paracetamol",
    "I googled how much calpol it would take to bring her temperature down",
    "I won't be a bother much longer, just one more question about my bill",
    "I won't be around much longer today, I've got a rope swing to fix for the kids",
    "we're at the cliffs, we won't be coming back till Sunday, my son has earache",
    "I'm at the bridge club and I don't think I'll be driving home tonight, I've had a drink",
    "my husband's sharpening the kitchen knives for Sunday lunch and I've got a sore throat",
    "he's a chef, he's carrying a knife roll to work and he's agitated about his exam",
    "I can hear the neighbours' voices through the wall and I can't sleep",
    "I'm 45 and I need a refill of my blood pressure pills",
    "I'm 55, I've had indigestion for months and I get night sweats",
    "the letter from the hospital isn't making any sense",
    "my dad wasn't making sense of the new app",
    "sorry, my words are a bit mixed up, I want to book an appointment",
    "the words are a bit jumbled on the letter you sent me",
    "he doesn't like the light off at night and he has a temperature of 38",
    "she's 10 weeks pregnant and has a temperature of 38.5",
    "he's 6 weeks post op and has a fever of 38.5",
    "I'm 30 weeks and my eyesight has changed, I need new glasses",
    "my heart's thumping after three coffees, I feel fine otherwise",
    "I get puffed climbing the stairs, I'm 70",
    "she's drinking loads of water and weeing a lot in this heat",
    "it's nuts, he's been sick all week with a tummy bug",
    "it's his ball, he kicked it over the fence and hurt his toe",
    "my voice has been husky since my cold last week",
    "ten minutes after a prawn sandwich my mouth is a bit itchy, no swelling, breathing fine",
    "I'm tearing up with this hay fever and I've got a tummy ache",
    "I'm 70 and I suddenly got a backache 20 minutes ago lifting the shopping, BP 130/80",
    "my baby's skin is pulling at the neck of her vest",
]


# Near misses of the data-batch-6 phrasings.
DATA6_QUIET = [
    "I've got a heavy cold on my chest and a cough, no temperature",
    "my arms feel heavy after the gym and my chest is fine",
    "my neck hurts when I look down at my phone all day",
    "he cries when the light is turned off at bedtime",
    "my words come out wrong when I'm nervous on the phone, I want to book a check up",
    "I've got a productive cough since my cold, I feel okay otherwise",
    "vision 20/40 in the left eye and a headache, BP 150/95",
    "my score was 30/40 on the quiz and I have a headache",
]


# Near misses of the data-batch-8 phrasings.
DATA8_QUIET = [
    "I'm keeping back my blood pressure tablets for the holiday, can I get extra",
    "I parked on the top floor of the multi storey, which lift goes to outpatients",
    "he gave his old bike and his scooter away to friends when he outgrew them",
    "she brought up her blood test results at the appointment",
    "can the doctor write a letter to my landlord",
    "F 67, here for her flu jab, feels well",
    "the kicks are much stronger now at 30 weeks",
    "I brought the barbecue inside after the party, it's raining",
    "her rash fades when I press a glass on it, she's eating fine",
    "my back's really bad after gardening, I'd like a physio appointment",
    "tonight I finish my antibiotics, do I need more",
    "I take 2 paracetamol every 4 hours for my cold",
    "I had a positive test 2 weeks ago, it was covid, and now a sharp pain low on the left",
    "my tummy's a bit bloated after dinner but I've been to the loo fine",
    # from a review of the batch-8 widening
    "I'm not... responding to emails at the moment, can you text me the results",
    "Is he not... breathing through his mouth? He's got a blocked nose",
    "She won't... wake up her brother, can I ask about his rash",
    "She's been sick... blood test was normal though",
    "My 2 year old isn't really responding to his name, should I get his hearing checked?",
    "He's on the oxygen machine 16 hours a day, can we get a new mask?",
    "I've got a burst blood vessel on the front of my eye, it's bright red but doesn't hurt",
    "My baby's eyes go in sometimes, could it be a squint?",
    "Can you cancel all my appointments please, I won't be needing them as I'm moving to Spain",
    "We're sorting out the will since Dad died and Mum's a bit low",
    "Tonight I'm going to end things with my boyfriend",
    "The nurse brought up my blood thinners at the review",
    "I took the blue one for my hay fever and it's doing nothing",
    "I can't use the right hand entrance, it's closed for building work",
    "The pharmacy delivered my amlodipine, my BP is 150/95 and I've got a bit of a headache",
    "I'm 9 weeks pregnant, my BP was 140/85 at the booking appointment and I have a headache",
    "Dad has prostate cancer, Gleason 4+3, his BP is 150/95 today and he's got a headache",
    "My son bumped his head on the table on Monday, I don't remember what time, he's fine now",
    "We had a barbecue then came inside and now I've got a headache from the sun",
    "I'm 20 weeks pregnant and my gums bleed quite a lot when I brush my teeth",
    "I'm 32 weeks pregnant and the kicks have got less painful since she turned",
    "I'm 67 and my back's not bad, I suddenly fainted in the shower though",
    "I had toast with egg this morning and my voice is squeaky, it's breaking, he's 13",
    "He makes a snoring noise breathing in when he's asleep",
    "Small burn on my arm and my leg from the bonfire, just red",
    "My left arm's a bit cool and pale after the blood pressure cuff",
    "He was swinging a bat at cricket and got hit, he's really agitated",
    "Temp, 101F, sore throat, eating and drinking",
    # older phrasings narrowed at the same time
    "I have written a letter to the council about my housing",
    "I sorted out my will last week, can I book a flu jab",
    "I was grinding coffee and got a headache",
]

# "Not answering me" said of someone away or on the phone is no finding.
AWAY_QUIET = [
    "my son is not answering me, he's at a party",
    "he's not answering me on the phone, can you check if he came to his appointment",
    "my daughter's not answering me, she's out with her friends",
]
AWAY_POSITIVE = [
    "she's not answering me, she's on the floor",
    "my dad's not answering me, he's just staring",
    "he's not answering us, he's out of it",
]

HEARD_QUIET = [
    "I'm on a picks a ban and I need a repeat prescription",
    "can I get my INR checked, I'm on war farin",
    "I bled for two minutes after shaving then it stopped",
    "my period's been two hours late starting, no bleeding yet",
]


@pytest.mark.parametrize(
    "text",
    QUIET
    + MORE_QUIET
    + REVIEW_QUIET
    + BATCH5_QUIET
    + BATCH6_QUIET
    + DATA6_QUIET
    + DATA8_QUIET
    + HEARD_QUIET
    + AWAY_QUIET,
)
def test_everyday_turn_raises_nothing(text: str) -> None:
    assert find_red_flags(text) == [], normalise(text)


@pytest.mark.parametrize("text", AWAY_POSITIVE)
def test_not_answering_in_the_room_is_unresponsive(text: str) -> None:
    assert "unresponsive" in flags(text), normalise(text)
