"""Calls for a person: asking for someone by voice, or pressing 0 on the keypad.

Part of the scripted-call corpus, in the order scripts/corpus_calls.py lists them.
"""

from __future__ import annotations

from corpus_steps import Call, dtmf, say

HANDOFF_CALLS: list[Call] = [
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
]
