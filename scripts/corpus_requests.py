"""Calls that ask the clinic for something: appointments, refills, billing, test results, hours.

Part of the scripted-call corpus, in the order scripts/corpus_calls.py lists them.
"""

from __future__ import annotations

from corpus_steps import Call, say

REQUEST_CALLS: list[Call] = [
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
]
