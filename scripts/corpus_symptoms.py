"""Symptom calls, by urgency (self-care, routine, urgent), and the emergencies by kind.

Part of the scripted-call corpus, in the order scripts/corpus_calls.py lists them.
"""

from __future__ import annotations

from corpus_steps import Call, answers_no, say

SYMPTOM_CALLS: list[Call] = [
    # ------------------------------------------------------------ symptoms: self-care, routine
    Call(
        id="sym-cold-01",
        description="Mild cold for two days, no fever: does she need to come in?",
        tags=("symptoms", "self_care", "cold"),
        voice="festival:slt_hts",
        steps=[
            say(
                "I've had a runny nose and a bit of a sore throat for two days. No "
                "fever. Do I need to come in?"
            ),
            *answers_no(5),
        ],
        expect={"intent": "symptoms", "triage": {"level": "self_care"}, "caller_says": ["throat"]},
    ),
    Call(
        id="sym-rash-01",
        description="Itchy rash on the arm for a week.",
        tags=("symptoms", "routine", "rash"),
        voice="flite:kal16",
        steps=[
            say(
                "I've had an itchy rash on my arm for about a week now, and it's not "
                "getting better."
            ),
            *answers_no(),
        ],
        expect={"intent": "symptoms", "triage": {"level": "routine"}, "caller_says": ["rash"]},
    ),
    Call(
        id="sym-back-01",
        description="Lower back sore on and off for two weeks.",
        tags=("symptoms", "routine"),
        voice="espeak:en-us",
        steps=[
            say(
                "My lower back has been sore on and off for a couple of weeks. I'd like"
                " someone to take a look at it."
            ),
            *answers_no(),
        ],
        expect={"intent": "symptoms", "triage": {"level": "routine"}, "caller_says": ["back"]},
    ),
    # ------------------------------------------------------------ symptoms: urgent
    Call(
        id="sym-fever-01",
        description="Fever of 39.5 for three days, with a cough.",
        tags=("symptoms", "urgent", "fever", "multi_turn"),
        voice="flite:rms",
        steps=[
            say("I've had a fever of thirty nine point five for three days and I feel awful."),
            say("No, just a cough."),
            *answers_no(3),
        ],
        expect={"intent": "symptoms", "triage": {"level": "urgent"}, "caller_says": ["fever"]},
    ),
    Call(
        id="sym-uti-01",
        description="Burning when urinating and frequency: bladder infection.",
        tags=("symptoms", "urgent", "uti"),
        voice="festival:slt_hts",
        steps=[
            say(
                "It burns when I pee and I have to go all the time. I think I have a "
                "bladder infection."
            ),
            *answers_no(),
        ],
        expect={"intent": "symptoms", "triage": {"level": "urgent"}, "caller_says": ["infection"]},
    ),
    Call(
        id="sym-child-fever-01",
        description="Mother calls about a four-year-old with a high fever.",
        tags=("symptoms", "urgent", "fever", "relative"),
        voice="festival:slt_hts",
        steps=[
            say(
                "I'm calling about my son, he's four. He's had a high fever since "
                "yesterday and he won't eat."
            ),
            *answers_no(),
        ],
        expect={
            "intent": "symptoms",
            "triage": {"level": "urgent"},
            "caller_says": ["fever", "son"],
        },
    ),
    # ------------------------------------------------------------ emergencies
    Call(
        id="emerg-chest-01",
        description="Crushing chest pain with sweating.",
        tags=("symptoms", "emergency", "chest_pain"),
        voice="flite:kal16",
        steps=[
            say("I have this crushing pain in my chest and I'm sweating a lot."),
        ],
        expect={
            "intent": "emergency",
            "triage": {"level": "emergency"},
            "handoff": True,
            "caller_says": ["chest"],
        },
    ),
    Call(
        id="emerg-chest-02",
        description="Elderly caller, apologetic, pressure in the chest down the left arm.",
        tags=("symptoms", "emergency", "chest_pain", "elderly", "hesitant"),
        voice="flite:awb",
        steps=[
            say(
                "Oh, hello. I, um, I don't want to be a bother, but I've got a heavy "
                "pressure in my chest, and, uh, it's going down my left arm."
            ),
        ],
        expect={
            "intent": "emergency",
            "triage": {"level": "emergency"},
            "handoff": True,
            "caller_says": ["chest", "arm"],
        },
        speed=0.85,
    ),
    Call(
        id="emerg-stroke-01",
        description="Son reports his father's drooping face and slurred speech.",
        tags=("symptoms", "emergency", "stroke", "relative"),
        voice="festival:slt_hts",
        steps=[
            say(
                "I'm calling about my dad. His face is drooping on one side and his "
                "speech is slurred. It started about twenty minutes ago."
            ),
        ],
        expect={
            "intent": "emergency",
            "triage": {"level": "emergency"},
            "handoff": True,
            "caller_says": ["face", "speech"],
        },
    ),
    Call(
        id="emerg-breath-01",
        description="Cannot breathe.",
        tags=("symptoms", "emergency", "breathing"),
        voice="flite:awb",
        steps=[
            say("I can't breathe. I can't catch my breath."),
        ],
        expect={
            "intent": "emergency",
            "triage": {"level": "emergency"},
            "handoff": True,
            "caller_says": ["breath"],
        },
    ),
    Call(
        id="emerg-anaphylaxis-01",
        description="Bee sting, throat and lips swelling.",
        tags=("symptoms", "emergency", "anaphylaxis"),
        voice="espeak:en-us+m3",
        steps=[
            say("I got stung by a bee and my throat is swelling up, and my lips are swollen."),
        ],
        expect={
            "intent": "emergency",
            "triage": {"level": "emergency"},
            "handoff": True,
            "caller_says": ["throat"],
        },
    ),
    Call(
        id="emerg-bleeding-01",
        description="Deep cut on the hand, bleeding won't stop.",
        tags=("symptoms", "emergency", "bleeding"),
        voice="flite:rms",
        steps=[
            say(
                "I cut my hand really badly and the bleeding won't stop. There's blood everywhere."
            ),
        ],
        expect={
            "intent": "emergency",
            "triage": {"level": "emergency"},
            "handoff": True,
            "caller_says": ["bleeding"],
        },
    ),
    Call(
        id="emerg-suicidal-01",
        description="Caller discloses thoughts of suicide.",
        tags=("symptoms", "emergency", "suicidal"),
        voice="festival:slt_hts",
        steps=[
            say("I don't really know why I'm calling. I've been thinking about killing myself."),
        ],
        expect={
            "intent": "emergency",
            "triage": {"level": "emergency"},
            "handoff": True,
            "caller_says": ["killing myself"],
        },
    ),
]
