"""Scripted self-service calls over the demo clinic (built by scripts/make_corpus.py).

Each call is a synthetic caller who is one of the demo clinic's patients (agent/store/demo.py)
and goes through a whole flow by voice and keypad: identity, then booking, rescheduling,
cancelling, a refill, a balance, results, clinic hours -- and the failures: a wrong date of
birth three times, an unknown medicine, a controlled medicine, a caller who goes silent, an
emergency in the middle of a booking, a slot another call takes between the offer and the
yes, and a fully booked schedule. tests/replay/test_selfservice_replay.py replays each
on a fresh copy of the demo clinic as of Monday 2026-11-23, 10 a.m. (America/New_York), and
checks what the agent said and did.

Dates of birth are mostly typed on the keypad (MMDDYYYY), as the agent invites, because the
test voices are hard for a small recogniser; two calls say them aloud.
"""

from __future__ import annotations

from corpus_calls import Call, dtmf, say, silence

MARIA = ("Maria Garcia.", "03141985")  # lisinopril, metformin; follow-up in 5 days
ROBERT = ("Robert Johnson.", "08081950")  # hydrocodone (controlled), gabapentin; a balance
JAMES = ("My name is James Smith.", "01301958")  # an A1c resulted, a blood count pending; a twin

SELF_SERVICE_CALLS: list[Call] = [
    Call(
        id="ss-book-01",
        description="Books a physical for next Tuesday afternoon, date of birth said aloud.",
        tags=("self_service", "schedule"),
        voice="flite:rms",
        steps=[
            say("Hi, I would like to book an annual physical."),
            say(MARIA[0]),
            say("March fourteenth, nineteen eighty five."),
            say("Next Tuesday afternoon."),
            say("The first one, please."),
            say("Yes please."),
            say("No, that's all. Thank you."),
        ],
        expect={
            "bot_says": ["found the record", "Shall I book it", "You're booked"],
            "end_reason": "bot_hangup",
        },
    ),
    Call(
        id="ss-book-02",
        description="Books the earliest follow-up, date of birth on the keypad.",
        tags=("self_service", "schedule", "dtmf"),
        voice="flite:rms",
        steps=[
            say("I would like to make an appointment."),
            say(ROBERT[0]),
            dtmf(ROBERT[1]),
            say("A follow up visit."),
            say("As soon as possible."),
            say("The first one."),
            say("Yes please."),
            say("No, that's all. Thank you."),
        ],
        expect={"bot_says": ["follow-up visit", "You're booked"]},
    ),
    Call(
        id="ss-reschedule-01",
        description="Moves the one upcoming appointment to next Friday morning.",
        tags=("self_service", "reschedule", "dtmf"),
        voice="flite:awb",
        steps=[
            say("Hello, I need to reschedule my appointment."),
            say(MARIA[0]),
            dtmf(MARIA[1]),
            say("Yes please."),
            say("Friday morning please."),
            say("The first one."),
            say("Yes please."),
        ],
        expect={"bot_says": ["Is that the one", "I'll move your", "is moved to"]},
    ),
    Call(
        id="ss-cancel-01",
        description="Cancels the upcoming follow-up.",
        tags=("self_service", "cancel", "dtmf"),
        voice="flite:rms",
        steps=[
            say("I have to cancel my appointment."),
            say(MARIA[0]),
            dtmf(MARIA[1]),
            say("Yes please."),
        ],
        expect={"bot_says": ["like to cancel", "is cancelled"]},
    ),
    Call(
        id="ss-when-01",
        description="Asks when the next appointment is.",
        tags=("self_service", "appointment_query", "dtmf"),
        voice="flite:rms",
        steps=[say("When is my next appointment?"), say(MARIA[0]), dtmf(MARIA[1])],
        expect={"bot_says": ["follow-up visit on Monday, November 30th"]},
    ),
    Call(
        id="ss-refill-01",
        description="Refill of metformin to the usual pharmacy; never promised.",
        tags=("self_service", "refill", "dtmf"),
        voice="festival:slt_hts",
        steps=[
            say("I need a refill of my metformin."),
            say(MARIA[0]),
            dtmf(MARIA[1]),
            say("Yes."),
            say("Yes please."),
        ],
        expect={"bot_says": ["Walgreens on Main Street", "can't promise"]},
    ),
    Call(
        id="ss-refill-controlled-01",
        description="A controlled medicine goes to a nurse, with the request recorded.",
        tags=("self_service", "refill", "dtmf"),
        voice="flite:rms",
        steps=[say("I need my hydrocodone refilled."), say(ROBERT[0]), dtmf(ROBERT[1])],
        expect={"bot_says": ["handled by a nurse"], "handoff": True},
    ),
    Call(
        id="ss-refill-unknown-01",
        description="A medicine that is not on the patient's list, twice: a nurse.",
        tags=("self_service", "refill", "dtmf"),
        voice="flite:rms",
        steps=[
            say("I need a prescription refilled."),
            say(MARIA[0]),
            dtmf(MARIA[1]),
            say("Penicillin."),
            say("Amoxicillin."),
        ],
        expect={"bot_says": ["couldn't find that medicine"], "handoff": True},
    ),
    Call(
        id="ss-billing-01",
        description="Balance and last payment, read after identity.",
        tags=("self_service", "billing", "dtmf"),
        voice="flite:awb",
        steps=[say("What do I owe on my bill?"), say(ROBERT[0]), dtmf(ROBERT[1])],
        expect={"bot_says": ["78 dollars and 25 cents"]},
    ),
    Call(
        id="ss-results-01",
        description="Results are in: said so, never read.",
        tags=("self_service", "test_results", "dtmf"),
        voice="flite:rms",
        steps=[say("I'm calling about my test results."), say(JAMES[0]), dtmf(JAMES[1])],
        expect={"bot_says": ["results are in", "can't read results", "aren't in yet"]},
    ),
    Call(
        id="ss-identity-fail-01",
        description="The wrong date of birth three times: a person, no details disclosed.",
        tags=("self_service", "billing", "dtmf"),
        voice="flite:rms",
        steps=[
            say("I have a question about my bill."),
            say(MARIA[0]),
            dtmf("01011990"),
            say(MARIA[0]),
            dtmf("01011991"),
            say(MARIA[0]),
            dtmf("01011992"),
        ],
        expect={
            "bot_says": ["couldn't find a record", "wasn't able to confirm"],
            "bot_never_says": ["balance on the account"],
            "handoff": True,
        },
    ),
    Call(
        id="ss-silent-01",
        description="Goes quiet at the date-of-birth question: re-asked, offered a person.",
        tags=("self_service", "silent"),
        voice="flite:awb",
        steps=[say("I need a refill please."), say(MARIA[0]), silence(60.0)],
        expect={"bot_says": ["still there", "press 0"], "end_reason": "caller_silent"},
    ),
    Call(
        id="ss-emergency-01",
        description="Chest pain in the middle of booking: the flow is left for 911.",
        tags=("self_service", "emergency", "dtmf"),
        voice="flite:rms",
        steps=[
            say("I'd like to book an appointment."),
            say(MARIA[0]),
            dtmf(MARIA[1]),
            say("Actually, I have crushing chest pain going down my left arm right now."),
        ],
        expect={"bot_says": ["call 911"], "handoff": True},
    ),
    Call(
        id="ss-hours-01",
        description="Saturday hours, and parking, from the configuration.",
        tags=("self_service", "hours_location"),
        voice="flite:rms",
        steps=[say("Are you open on Saturday?"), say("Where do I park?")],
        expect={"bot_says": ["on Saturday from", "Oak Street"]},
    ),
    Call(
        id="ss-slot-taken-01",
        description="Another call books the chosen slot between the offer and the yes.",
        tags=("self_service", "schedule", "dtmf"),
        voice="flite:rms",
        steps=[
            say("I would like to book an annual physical."),
            say(ROBERT[0]),
            dtmf(ROBERT[1]),
            say("Next Tuesday afternoon."),
            say("The first one."),
            say("Yes please."),
            say("The first one."),
            say("Yes please."),
        ],
        expect={"bot_says": ["just taken by another caller", "You're booked"]},
    ),
    Call(
        id="ss-no-slots-01",
        description="Not one free slot in the next two months: scheduling takes over.",
        tags=("self_service", "schedule", "dtmf"),
        voice="flite:rms",
        steps=[
            say("I would like to book an annual physical."),
            say(ROBERT[0]),
            dtmf(ROBERT[1]),
            say("As soon as possible."),
        ],
        expect={"bot_says": ["can't find a free appointment"], "handoff": True},
    ),
]
