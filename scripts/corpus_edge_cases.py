"""The harder calls: silence, hang-ups, barge-in, relatives and elderly callers, and the rest.

Part of the scripted-call corpus, in the order scripts/corpus_calls.py lists them.
"""

from __future__ import annotations

from corpus_steps import Call, hangup, say, silence

EDGE_CASE_CALLS: list[Call] = [
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
