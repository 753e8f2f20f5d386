"""The scripted-call test corpus: one entry per call (read by scripts/make_corpus.py).

Each call is a caller who phones the clinic, in a test voice the bot does not use, and says
what the call is about in the first person. ``steps`` are the caller's turns in order:

    say("text")                 an utterance, pre-rendered to NN.wav over a phone line
    say("text", barge_in=1.0)   ...started 1.0 s after the bot's next reply begins (talks over it)
    dtmf("0")                   keypad digits
    silence(10.0)               says nothing for 10 s after the bot stops
    hangup()                    hangs up (after the bot stops; ``barge_in=`` hangs up over it)

``expect`` follows agent/replay/script.py and only states what the call itself establishes:
``intent`` (one label, or a list of acceptable labels), ``triage.level`` for symptom calls,
``handoff`` for explicit requests for a person and for emergencies, ``caller_says`` (1-3 words
a recogniser must get), ``barge_in``, and ``end_reason`` for the silent and hang-up calls.

The names, dates of birth and numbers below are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.nlu import INTENTS as _INTENTS
from agent.nlu import TRIAGE_LEVELS as _LEVELS

INTENTS = frozenset(_INTENTS)
TRIAGE_LEVELS = frozenset(_LEVELS)

#: Every one of these tags must appear on at least one call (tests/replay/test_corpus.py).
REQUIRED_TAGS = frozenset(
    {
        # what the call is about
        "appointment",
        "schedule",
        "reschedule",
        "cancel",
        "appointment_query",
        "refill",
        "billing",
        "test_results",
        "hours_location",
        "directions",
        "speak_to_person",
        "other",
        # symptoms, by urgency, and the emergencies by kind
        "symptoms",
        "self_care",
        "routine",
        "urgent",
        "emergency",
        "cold",
        "rash",
        "fever",
        "uti",
        "chest_pain",
        "stroke",
        "breathing",
        "anaphylaxis",
        "bleeding",
        "suicidal",
        # how the call goes
        "silent",
        "barge_in",
        "dtmf",
        "hangup",
        "elderly",
        "hesitant",
        "relative",
        "multi_turn",
    }
)


# --- step helpers -----------------------------------------------------------------------------


def _opts(barge_in: float | None, pause: float | None, timeout: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if pause is not None:
        out["pause"] = pause
    if timeout is not None:
        out["timeout"] = timeout
    if barge_in is not None:
        out["barge_in"] = barge_in
    return out


def say(
    text: str,
    *,
    barge_in: float | None = None,
    pause: float | None = None,
    timeout: float | None = None,
    speed: float | None = None,
    voice: str | None = None,
) -> dict[str, Any]:
    """An utterance. ``voice``/``speed`` override the call's for this turn only."""
    step: dict[str, Any] = {"say": text, **_opts(barge_in, pause, timeout)}
    if speed is not None:
        step["speed"] = speed
    if voice is not None:
        step["voice"] = voice
    return step


def dtmf(
    digits: str,
    *,
    barge_in: float | None = None,
    pause: float | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    return {"dtmf": digits, **_opts(barge_in, pause, timeout)}


NO_ANSWERS = ("No, I don't think so.", "No, not at all.", "No, nothing like that.", "No, I'm not.")


def answers_no(n: int = 4) -> list[dict[str, Any]]:
    """A caller who answers "no" to each of the triage follow-up questions (a protocol asks
    two to four), and to "anything else?" if the call gets that far. Whole phrases, as people
    answer: a bare "No." on a phone line is often too short for the recogniser."""
    return [say(NO_ANSWERS[i % len(NO_ANSWERS)]) for i in range(n)]


def silence(seconds: float, *, timeout: float | None = None) -> dict[str, Any]:
    return {"silence": seconds, **_opts(None, None, timeout)}


def hangup(*, barge_in: float | None = None, pause: float | None = None) -> dict[str, Any]:
    return {"hangup": True, **_opts(barge_in, pause, None)}


@dataclass(frozen=True)
class Call:
    id: str
    description: str
    tags: tuple[str, ...]
    voice: str | None  # the caller's voice (None: the caller never speaks)
    steps: list[dict[str, Any]]
    expect: dict[str, Any]
    speed: float = 1.0  # speaking rate for every utterance (< 1: slower)


# --- the calls --------------------------------------------------------------------------------

CALLS: list[Call] = [
    # ------------------------------------------------------------ appointments
    Call(
        id="appt-book-01",
        description="Books a visit with a named doctor, then gives name and a preference.",
        tags=("appointment", "schedule", "multi_turn"),
        voice="flite:rms",
        steps=[
            say(
                "Hi, I'd like to book an appointment with Doctor Patel, sometime next "
                "week if possible."
            ),
            say("My name is James Carter, date of birth June fourth, nineteen seventy eight."),
            say("Tuesday morning works best for me."),
        ],
        expect={"intent": "schedule", "caller_says": ["appointment"]},
    ),
    Call(
        id="appt-book-02",
        description="New patient wants to schedule a physical.",
        tags=("appointment", "schedule", "multi_turn"),
        voice="festival:slt_hts",
        steps=[
            say("Hello, I'm a new patient and I need to schedule a physical."),
            say("It's Anna Kim. Any afternoon is fine."),
        ],
        expect={"intent": "schedule", "caller_says": ["physical"]},
    ),
    Call(
        id="appt-resched-01",
        description="Needs to move Thursday's appointment because of work.",
        tags=("appointment", "reschedule"),
        voice="espeak:en-us",
        steps=[
            say("Hi, I need to reschedule my appointment on Thursday. Something came up at work."),
        ],
        expect={"intent": "reschedule", "caller_says": ["appointment", "Thursday"]},
    ),
    Call(
        id="appt-resched-02",
        description="Asks to move an appointment from Monday to later in the week.",
        tags=("appointment", "reschedule", "multi_turn"),
        voice="flite:awb",
        steps=[
            say("Yeah, hi. Can I move my appointment from Monday to later in the week?"),
            say("Thursday or Friday afternoon would be great."),
        ],
        expect={"intent": "reschedule", "caller_says": ["appointment", "Monday"]},
    ),
    Call(
        id="appt-cancel-01",
        description="Cancels tomorrow's ten o'clock appointment.",
        tags=("appointment", "cancel"),
        voice="flite:kal16",
        steps=[
            say("Hi, I need to cancel my appointment for tomorrow at ten."),
        ],
        expect={"intent": "cancel", "caller_says": ["cancel", "appointment"]},
    ),
    Call(
        id="appt-cancel-02",
        description="Can't make Friday's visit and wants it cancelled.",
        tags=("appointment", "cancel", "multi_turn"),
        voice="espeak:en+f3",
        steps=[
            say("I'm not going to be able to make it on Friday, so please cancel my appointment."),
            say("My name is Grace Thompson."),
        ],
        expect={"intent": "cancel", "caller_says": ["cancel"]},
    ),
    Call(
        id="appt-when-01",
        description="Forgot when the next appointment is and asks the clinic to check.",
        tags=("appointment", "appointment_query", "multi_turn"),
        voice="festival:slt_hts",
        steps=[
            say("Hi, I can't remember when my next appointment is. Can you check for me?"),
            say("It's Robert Nguyen, born January second, nineteen fifty nine."),
        ],
        expect={"intent": ["schedule", "other"], "caller_says": ["appointment"]},
    ),
    Call(
        id="appt-when-02",
        description="Asks what time the appointment with Doctor Lee is.",
        tags=("appointment", "appointment_query"),
        voice="espeak:en-us+m3",
        steps=[
            say("What time is my appointment with Doctor Lee on Wednesday?"),
        ],
        expect={"intent": ["schedule", "other"], "caller_says": ["appointment"]},
    ),
    # ------------------------------------------------------------ refills
    Call(
        id="refill-01",
        description="Blood pressure medication refill, then names the pharmacy.",
        tags=("refill", "multi_turn"),
        voice="flite:rms",
        steps=[
            say("Hi, I need a refill on my blood pressure medication, lisinopril."),
            say("My pharmacy is the Walgreens on Main Street."),
        ],
        expect={"intent": "refill", "caller_says": ["refill"]},
    ),
    Call(
        id="refill-02",
        description="Almost out of an inhaler; wants a new prescription sent.",
        tags=("refill",),
        voice="festival:slt_hts",
        steps=[
            say("I'm almost out of my inhaler and I need a new prescription sent to my pharmacy."),
        ],
        expect={"intent": "refill", "caller_says": ["prescription"]},
    ),
    Call(
        id="refill-03",
        description="Elderly, hesitant caller about running low on water pills.",
        tags=("refill", "elderly", "hesitant", "multi_turn"),
        voice="flite:awb",
        steps=[
            say("Um, well, it's about my, uh, my pills. The water pills. I'm running low."),
            say("The, uh, the pharmacy on Elm Street, I think. Yes, Elm."),
        ],
        expect={"intent": "refill", "caller_says": ["pills"]},
        speed=0.8,
    ),
    # ------------------------------------------------------------ billing
    Call(
        id="billing-01",
        description="Thinks a visit was charged twice.",
        tags=("billing",),
        voice="festival:slt_hts",
        steps=[
            say("Hi, I got a bill in the mail and I think I was charged twice for the same visit."),
        ],
        expect={"intent": "billing", "caller_says": ["bill", "charged"]},
    ),
    Call(
        id="billing-02",
        description="Asks about insurance and how to pay a balance.",
        tags=("billing",),
        voice="espeak:en-us",
        steps=[
            say("Do you take Blue Cross insurance? And how do I pay my balance?"),
        ],
        expect={"intent": "billing", "caller_says": ["insurance"]},
    ),
    # ------------------------------------------------------------ test results
    Call(
        id="results-01",
        description="Calls about blood work results from last week.",
        tags=("test_results",),
        voice="flite:kal16",
        steps=[
            say("Hi, I had blood work done last week and I'm calling about my results."),
        ],
        expect={"intent": "test_results", "caller_says": ["results"]},
    ),
    Call(
        id="results-02",
        description="Daughter calls about her mother's x-ray results.",
        tags=("test_results", "relative", "multi_turn"),
        voice="flite:awb",
        steps=[
            say(
                "I'm calling for my mother. She had an x-ray on Monday and we haven't "
                "heard back about the results."
            ),
            say("Her name is Margaret Wilson."),
        ],
        expect={"intent": "test_results", "caller_says": ["results", "mother"]},
    ),
    # ------------------------------------------------------------ hours, location
    Call(
        id="hours-01",
        description="Asks Saturday opening hours.",
        tags=("hours_location",),
        voice="flite:rms",
        steps=[
            say("What time do you open on Saturday?"),
        ],
        expect={"intent": "hours_location", "caller_says": ["Saturday"]},
    ),
    Call(
        id="location-01",
        description="Asks where the clinic is and about parking.",
        tags=("hours_location", "multi_turn"),
        voice="festival:slt_hts",
        steps=[
            say("Hi, where exactly is the clinic? And is there parking?"),
            say("Okay. I'll be coming from the highway."),
        ],
        expect={"intent": "hours_location", "caller_says": ["parking"]},
    ),
    Call(
        id="directions-01",
        description="Wants directions from the train station.",
        tags=("hours_location", "directions"),
        voice="espeak:en-us",
        steps=[
            say("Can you give me directions to your office from the train station?"),
        ],
        expect={"intent": "hours_location", "caller_says": ["direction"]},
    ),
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
    # ------------------------------------------------------------ asking for a person
    Call(
        id="person-01",
        description="Asks to speak to someone.",
        tags=("speak_to_person",),
        voice="espeak:en-us",
        steps=[
            say("Can I speak to someone, please?"),
        ],
        expect={"intent": "speak_to_person", "handoff": True, "caller_says": ["speak", "someone"]},
    ),
    Call(
        id="person-02",
        description="Says 'representative', twice.",
        tags=("speak_to_person", "multi_turn"),
        voice="flite:rms",
        steps=[
            say("Representative."),
            say("I said representative. I want a representative, please."),
        ],
        expect={"intent": "speak_to_person", "handoff": True, "caller_says": ["representative"]},
    ),
    Call(
        id="person-03",
        description="Says 'operator'.",
        tags=("speak_to_person",),
        voice="flite:kal16",
        steps=[
            say("Operator."),
        ],
        expect={"intent": "speak_to_person", "handoff": True, "caller_says": ["operator"]},
    ),
    Call(
        id="person-04",
        description="Does not want a machine; asks for a real person.",
        tags=("speak_to_person",),
        voice="flite:rms",
        steps=[
            say("I don't want to talk to a machine. Let me talk to a real person."),
        ],
        expect={"intent": "speak_to_person", "handoff": True, "caller_says": ["person"]},
    ),
    # ------------------------------------------------------------ keypad
    Call(
        id="dtmf-zero-01",
        description="Presses 0 for a person without saying anything.",
        tags=("dtmf", "speak_to_person"),
        voice=None,
        steps=[
            dtmf("0"),
        ],
        expect={"intent": "speak_to_person", "handoff": True},
    ),
    Call(
        id="dtmf-zero-02",
        description="Starts a billing question, then presses 0.",
        tags=("dtmf", "speak_to_person", "billing", "multi_turn"),
        voice="flite:awb",
        steps=[
            say("Uh, I have a question about my bill."),
            dtmf("0"),
        ],
        expect={"intent": ["billing", "speak_to_person"], "handoff": True, "caller_says": ["bill"]},
    ),
    # ------------------------------------------------------------ silence, hang-ups
    Call(
        id="silent-01",
        description="Caller never says anything.",
        tags=("silent",),
        voice=None,
        steps=[
            silence(10.0),
            silence(10.0),
            silence(10.0),
        ],
        expect={"end_reason": "caller_silent"},
    ),
    Call(
        id="hangup-01",
        description="Starts booking for her daughter, then hangs up as the bot answers.",
        tags=("hangup", "appointment", "schedule", "relative"),
        voice="espeak:en+f3",
        steps=[
            say("Hi, I'm calling to make an appointment for my daughter."),
            hangup(barge_in=3.0),
        ],
        expect={
            "intent": "schedule",
            "end_reason": "caller_hangup",
            "caller_says": ["appointment"],
        },
    ),
    Call(
        id="hangup-02",
        description="Asks about results, then hangs up while the bot is still talking.",
        tags=("hangup", "test_results"),
        voice="flite:kal16",
        steps=[
            say("Are my test results back yet?"),
            hangup(barge_in=1.5),
        ],
        expect={
            "intent": "test_results",
            "end_reason": "caller_hangup",
            "caller_says": ["results"],
        },
    ),
    # ------------------------------------------------------------ barge-in
    Call(
        id="bargein-greeting-01",
        description="Talks over the greeting to ask for a refill.",
        tags=("barge_in", "refill"),
        voice="flite:rms",
        steps=[
            say("Yeah, hi, sorry, I just need a refill on my metformin.", barge_in=1.0),
        ],
        expect={"intent": "refill", "barge_in": True, "caller_says": ["refill"]},
    ),
    Call(
        id="bargein-reply-01",
        description="Asks to change an appointment, then talks over the bot's reply.",
        tags=("barge_in", "appointment", "reschedule", "multi_turn"),
        voice="festival:slt_hts",
        steps=[
            say("I need to change my appointment."),
            say("Sorry, actually, next Tuesday at the same time works for me.", barge_in=1.0),
        ],
        expect={"intent": "reschedule", "barge_in": True, "caller_says": ["appointment"]},
    ),
    Call(
        id="bargein-greeting-02",
        description="Cuts into the greeting almost at once with a billing question.",
        tags=("barge_in", "billing"),
        voice="flite:rms",
        steps=[say("Hi, I have a question about a bill I got in the mail.", barge_in=0.6)],
        expect={"intent": "billing", "barge_in": True, "caller_says": ["bill"]},
    ),
    Call(
        id="bargein-greeting-03",
        description="Waits through most of the greeting, then asks for a person over its end.",
        tags=("barge_in", "speak_to_person"),
        voice="espeak:en-us",
        steps=[say("Can I please talk to a real person?", barge_in=4.5)],
        expect={"intent": "speak_to_person", "handoff": True, "barge_in": True},
    ),
    Call(
        id="bargein-reply-02",
        description="Asks the hours, then interrupts the long answer to ask about parking.",
        tags=("barge_in", "hours_location", "multi_turn"),
        voice="flite:kal16",
        steps=[
            say("What time do you open tomorrow?"),
            say("Sorry, is there parking at the clinic?", barge_in=2.0),
        ],
        expect={"intent": "hours_location", "barge_in": True, "bot_says": ["parking"]},
    ),
    Call(
        id="bargein-reply-03",
        description="Describes a rash, then talks over the triage answer to add a detail.",
        tags=("barge_in", "symptoms", "routine", "rash"),
        voice="festival:slt_hts",
        steps=[
            say("I've had an itchy rash on my leg for about two weeks."),
            say("It's also a bit swollen around the edges.", barge_in=1.5),
        ],
        expect={
            "intent": "symptoms",
            "triage": {"level": "routine"},
            "barge_in": True,
            "caller_says": ["rash"],
        },
    ),
    # ------------------------------------------------------------ relatives, elderly
    Call(
        id="relative-refill-01",
        description="Son calls for his mother's thyroid medicine refill.",
        tags=("relative", "refill"),
        voice="flite:awb",
        steps=[
            say(
                "Hi, I'm calling on behalf of my mother, Helen Brooks. She needs a "
                "refill of her thyroid medicine."
            ),
        ],
        expect={"intent": "refill", "caller_says": ["refill", "mother"]},
    ),
    Call(
        id="elderly-appt-01",
        description="Elderly caller, hesitant, wants a regular check-up.",
        tags=("elderly", "hesitant", "appointment", "schedule", "multi_turn"),
        voice="festival:slt_hts",
        steps=[
            say(
                "Hello? Yes, hello. I, uh, I need to see the doctor. The, um, the "
                "regular check-up, you know."
            ),
            say("Oh, it's, um, Dorothy. Dorothy Miller."),
        ],
        expect={"intent": "schedule", "caller_says": ["doctor"]},
        speed=0.8,
    ),
    Call(
        id="relative-child-rash-01",
        description="Father calls about a baby's rash for a few days.",
        tags=("relative", "symptoms", "routine", "rash"),
        voice="flite:kal16",
        steps=[
            say(
                "My baby daughter has had a little rash on her cheeks for a few days. "
                "She's eating and sleeping fine."
            ),
        ],
        expect={"intent": "symptoms", "triage": {"level": "routine"}, "caller_says": ["rash"]},
    ),
    # ------------------------------------------------------------ other
    Call(
        id="other-records-01",
        description="Asks for a fax number to send medical records.",
        tags=("other",),
        voice="flite:kal16",
        steps=[
            say("Hi, do you have a fax number I can use to send over my medical records?"),
        ],
        expect={"intent": "other", "caller_says": ["record"]},
    ),
    Call(
        id="other-wrong-number-01",
        description="Dialled the wrong number.",
        tags=("other",),
        voice="espeak:en-us+m3",
        steps=[
            say("Oh, sorry, I think I have the wrong number. I was trying to order a pizza."),
        ],
        expect={"intent": "other", "caller_says": ["pizza"]},
    ),
]
