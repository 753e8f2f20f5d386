"""Red flags for suicide and violence said the ways batch 9's writer said them.

Batch 9 (`models/data/pending/batch9/triage/h_more.txt`) was written from the data README
without sight of the rules, and the rules as they stood caught 60 of its 140 emergencies, most
misses suicide talk in words they did not know. The rules were widened from its training lines
by general phrasings; the cases below are our own variants of each phrasing (not the batch's
lines), with the everyday turns each new phrasing must leave alone.
"""

from __future__ import annotations

import pytest

from agent.model_nlu import clean_text
from agent.triage.red_flags import find_red_flags, normalise
from tests.agent.red_flag_cases import batch9_lines, flags

DATA9_MIND_POSITIVE = [
    # From the review's misses (its own phrasings, not data lines).
    ("suicidal_intent", "I've tied a rope to the banister and I'm standing on a chair"),
    ("suicidal_intent", "there's a belt round the curtain pole and I'm going to use it tonight"),
    ("suicidal_intent", "I've got all my pills lined up and I'm going to take them"),
    ("suicidal_intent", "I've kept back a month of my quetiapine and I'm taking it tonight"),
    ("suicidal_intent", "she sent a message saying goodbye and now she's not picking up"),
    ("suicidal_intent", "he left a note saying sorry for everything and he's gone off in the car"),
    ("suicidal_intent", "I'm on the Clifton suspension bridge and I'm going to jump"),
    ("suicidal_intent", "I'm on top of the car park and I'm going to jump"),
    ("suicidal_intent", "I'm standing on the motorway bridge and I'm going to throw myself off"),
    ("suicidal_intent", "I'm at the reservoir and I'm going to walk in"),
    ("suicidal_intent", "I want to stop living, I've had enough"),
    ("harm_to_others", "my dad said he's going to burn the house down with my mum in it"),
    ("harm_to_others", "my ex says he's going to come round and do me in"),
    ("harm_to_others", "she says she's going to smother the baby"),
    ("overdose", "I've taken everything in the cupboard, all my pills"),
    ("overdose", "he swallowed all his mum's blood pressure tablets"),
    ("overdose", "I think my dad has OD'd on his morphine"),
    # Means set up: a noose or ligature, stones in the pockets, a hose to the exhaust.
    ("suicidal_intent", "he's put a noose up in the loft"),
    ("suicidal_intent", "Pt 44M, ligature found in his room this morning"),
    ("suicidal_intent", "she walked into the sea with stones in her coat pockets"),
    ("suicidal_intent", "there's a hose pipe going from the exhaust into his car"),
    ("suicidal_intent", "he's sitting in the car in the garage with the engine running"),
    ("suicidal_intent", "my tablets are all counted out on the bed"),
    ("suicidal_intent", "I've got my pills put by, there's no point going on"),
    ("suicidal_intent", "he's been keeping back his tablets for weeks, he says he can't go on"),
    ("suicidal_intent", "I looked at which pills would do it, and I've got them"),
    ("suicidal_intent", "mum's been giving all her things away, she's been so low"),
    ("suicidal_intent", "I've said my goodbyes"),
    ("suicidal_intent", "she sent a farewell email to her friends and switched off"),
    ("suicidal_intent", "I cancelled my hair appointment, I won't be needing it after tonight"),
    ("suicidal_intent", "I can't do this, the noose is ready"),
    ("suicidal_intent", "my gun's ready. this is it."),
    # Said bluntly, non-native, or in clinical shorthand.
    ("suicidal_intent", "I want finish my life"),
    ("suicidal_intent", "he is not wanting to live any more"),
    ("suicidal_intent", "ending it all tonight"),
    ("suicidal_intent", "I'm going to walk in front of a lorry"),
    ("suicidal_intent", "he says he'll drive into a wall on the motorway"),
    ("suicidal_intent", "I came up here to die"),
    ("suicidal_intent", "she's going to open her wrists"),
    ("suicidal_intent", "he's locked in the shed, says he's not coming out alive"),
    ("suicidal_intent", "F 19, active SI, overdose planned"),
    ("suicidal_intent", "Pt reports SI with a plan to hang himself"),
    ("suicidal_intent", "he went to the river and said he's never coming back"),
    ("suicidal_intent", "I'm having sewer side thoughts and I've got the rope"),
    # At a height or a water's edge and about to go.
    ("suicidal_intent", "I'm on the footbridge, I'm going to jump"),
    ("suicidal_intent", "he's standing on the edge of the quarry, says this is it"),
    ("suicidal_intent", "he's climbed over the railing on the bridge"),
    ("suicidal_intent", "at the reservoir, I'm going to let go"),
    # Goodbyes, then nobody can reach them.
    ("suicidal_intent", "she messaged love you all, I'm sorry and now she's not answering"),
    ("suicidal_intent", "got a text from him saying goodbye and his phone's switched off"),
    # Means with a decision made, a plan, or a place to hang from.
    ("suicidal_intent", "my mind's made up, I've made my decision, the shotgun is loaded"),
    ("suicidal_intent", "I have a plan and mum's tablets are in my pocket"),
    ("suicidal_intent", "I've got a length of rope and I keep looking at the banister"),
    ("suicidal_intent", "it's my dad's gun, it's for me, not anyone else"),
    # Cut deep and still bleeding.
    ("heavy_bleeding", "I've cut really deep and it won't stop"),
    # Took the pack, not named; the recogniser's "overdose" and "paracetamol".
    ("overdose", "she's taken the whole packet"),
    ("overdose", "I've swallowed the lot about an hour ago"),
    ("overdose", "she's had a over does of her nan's tablets"),
    ("overdose", "I took the para set a mol on purpose"),
    # Violence to others.
    ("harm_to_others", "the voice is telling him to stab the neighbours"),
    ("harm_to_others", "command hallucinations to attack his father"),
    ("harm_to_others", "he's threatened to set fire to their car"),
    ("harm_to_others", "she's screaming she'll kill him when he walks in"),
    ("harm_to_others", "my son says he's going to do my dad"),
    ("harm_to_others", "he's paranoid and holding a screwdriver"),
    ("harm_to_others", "she thinks we're poisoning her and she won't put the knife down"),
    ("harm_to_others", "nan is lashing out with her walking stick and nothing settles her"),
    ("harm_to_others", "I nearly put a pillow over my son's face, I can't trust myself with him"),
    ("harm_to_others", "I'm taking the kids with me, I've got the hosepipe"),
    ("harm_to_others", "I'm bringing the knife in to work tomorrow, I mean it"),
    # From a dev line the rules missed: a pillow held over a baby's face, stopped in time.
    ("harm_to_others", "I held the pillow over his face, he's 6 weeks old, then I stopped"),
]

DATA9_MIND_QUIET = [
    # Look-alikes of the phrasings added from the review's misses.
    "we tied a rope to the tree for a swing and he fell off and hurt his arm",
    "the carer has my pills lined up and I'm going to take them after breakfast",
    "I've got my tablets lined up in the dosette and I'm going to take them",
    "I said goodbye to mum this morning and now she's not picking up",
    "we're at the reservoir and we're going to walk in the woods",
    "I work on top of the building and my back hurts",
    "I don't want to stop living, I just want the pain to stop",
    "this cold is going to do me in",
    "I'm going to smother him in sun cream, he burns so easily",
    "I took everything in the cupboard to the pharmacy to get rid of it",
    "he's acting odd on his morphine, is that a side effect",
    "I've taken all my blood pressure tablets this morning like normal",
    "I'm standing on a chair putting the rope lights up, I've made my decision about the colour",
    # From the review of the first widening: pharmacy, call endings, booking, travel, DIY.
    "The pharmacy texted to say my tablets are ready on Monday, is that right?",
    "Lovely, I've got the tablets in my bag now, thanks so much, goodbye.",
    "We've got a plan with the diabetes nurse, my tablets are with me.",
    "I just wanted you to know the rope burn on my hand is healing well.",
    "Which nurse will do it, the one who does the smears?",
    "Will these antibiotics work? They'll kill the infection won't they?",
    "She's wanting to live closer to us now, can we transfer her registration?",
    "The carer has her tablets lined up on the table each morning.",
    "The pharmacy kept back my tablets for two weeks because the prescription was wrong.",
    "We're off to the sea on Saturday and not coming back until the 14th, can I get my repeat?",
    "Can I book for three? I'm going to do my husband, my son and me for the flu jab.",
    "I'll be taking them with me, the tablets are in my bag, do I need a letter?",
    "I've taken the full pack of antibiotics and the infection is still there.",
    "I crushed the tablet in yoghurt and he swallowed the lot, is that okay?",
    "I'm scared I'll crash into a tree if I have another hypo while driving.",
    "After my knee operation I want to step onto the train without help.",
    "I burnt my leg on the motorbike exhaust pipe.",
    "We went to the hospice, he's said his goodbyes",
    "I won't be needing them after this week, the physio signed me off.",
    "People think I came here to jump the queue.",
    "I'm on the footbridge now, I'll be there in five minutes, goodbye.",
    "I can't go on walking up to the footbridge every day with my knees.",
    "My toddler climbed onto the wall by the canal.",
    "the charcoal's ready for the barbecue",
    "he came back from the beach with stones in his pockets",
    "we did a ligature risk assessment on the ward",
    "I sent my farewell email to the team today",
    "Dad's bringing the hammer round to fix the shelf, I mean it this time",
    "she sleeps with a pillow over her face, my daughter, is that safe",
    # Pharmacy and booking talk with the new words in it.
    "are my tablets ready for collection yet",
    "is my medication ready, I need to pick it up",
    "I'm ready to book now, any time next week",
    "I've made my decision, I want the knee operation",
    "I've got a plan for my holiday, my pills are in my bag, can I take them on the plane",
    "we have a plan to stop smoking and my tablets are in my bag",
    "my grandad kept back his tablets because he wasn't sure, should he take them now",
    "can you tell me which tablets would do it better for my back pain",
    "my pills are put by in a dosette box each week by the pharmacist",
    "I've been counting out my tablets into a dosette box",
    "this is it, my last tablet, I need a refill of my sertraline",
    "I take the lot of my tablets in the morning, is that ok",
    "I took the whole course of antibiotics and still have the infection",
    "I've taken all of them like the doctor said, can I get more",
    "she over does it at the gym and her knee hurts",
    "ready to go home from the hospital, just need my discharge letter",
    # Hyperbole and errands.
    "my husband'll kill me if I forget to book his flu jab",
    "he'll kill me if I miss this appointment again",
    "I'm going to do my mum's shopping then come in",
    "I'm going to do my husband a big dinner so can we move it",
    "I was worried I'd burn the house down with that candle",
    "he's worried she'll burn the house down, she keeps leaving the hob on",
    "I'm bringing the bat to school for the match, I mean it's the final",
    # Goodbyes and messages that are not farewells.
    "he left without saying goodbye and now he's not answering his phone",
    "she texted to say sorry she's running late and now she's not answering",
    "I've said my goodbyes to mum, she's in the hospice, can I get something to help me sleep",
    "goodbye, thanks for your help",
    "my son texted love you all from his holiday in Spain",
    "I'm 80 and nothing left for me to do but garden, I need a repeat prescription",
    # Places, ropes and blades in everyday life.
    "we're at the reservoir and the kids are going to jump in for a swim",
    "I'm on the bridge road near the station, what time do you close",
    "I work on the railway line and hurt my back lifting",
    "my dad has a gun licence and needs a medical",
    "it's the rope burn on my hand from the tug of war",
    "he's got scissors and is cutting up his old t shirts",
    "the kids are with me, we're going to sleep at my mum's",
    "I'm going to step off the scale and weigh again",
    "he drives into the city every day, the bridge traffic is awful",
    "she's going to walk onto the ward with her walking frame tomorrow",
    "we waited in the car with the engine running outside the surgery",
    "nothing settles him, he's been crying for an hour, he's got a temperature",
    "my son's had a few drinks and fell and grazed his knee",
]


@pytest.mark.parametrize(("flag", "text"), DATA9_MIND_POSITIVE)
def test_batch9_phrasing_fires(flag: str, text: str) -> None:
    assert flag in flags(text), normalise(text)


@pytest.mark.parametrize("text", DATA9_MIND_QUIET)
def test_batch9_look_alike_raises_nothing(text: str) -> None:
    assert flags(text) == [], normalise(text)


def test_batch9_mental_health_emergencies_are_caught_and_near_misses_are_not() -> None:
    rows = [(level, text) for level, _, text in batch9_lines(mental_health=True)]
    emergencies = [text for level, text in rows if level == "E"]
    assert len(emergencies) == 77 and len(rows) == 113
    missed = [text for text in emergencies if not find_red_flags(clean_text(text))]
    fired = [text for level, text in rows if level != "E" and find_red_flags(clean_text(text))]
    assert missed == [] and fired == []
