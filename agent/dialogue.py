"""The dialogue manager's seam, and the receptionist dialogue the call engine ships with.

A dialogue *plans* without side effects and *commits* separately. The session plans a reply
while the caller's end of turn is still being confirmed, and throws the plan away if the
caller keeps talking; only ``commit`` changes state. The self-service flows and the triage
protocols plug in behind the same protocol.

:class:`ReceptionDialogue` is deliberately small and honest: it discloses that it is an
automated assistant, asks the reason for the call, recognises emergencies and requests for a
person, and routes everything it cannot yet do itself to the right team.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Protocol

from agent.nlu import Understanding


@dataclass(frozen=True, slots=True)
class Say:
    text: str


@dataclass(frozen=True, slots=True)
class Transfer:
    """Hand the call to a person with ``skill``; runs after the preceding speech is heard."""

    reason: str
    skill: str


@dataclass(frozen=True, slots=True)
class EndCall:
    reason: str


Action = Say | Transfer | EndCall


@dataclass(frozen=True, slots=True)
class DialogueState:
    stage: str = "start"  # start -> reason -> anything_else -> (transfer | goodbye)
    misunderstood: int = 0
    silences: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    actions: tuple[Action, ...]
    state: DialogueState

    @property
    def text(self) -> str:
        return " ".join(a.text for a in self.actions if isinstance(a, Say))


class Dialogue(Protocol):
    state: DialogueState  # the session may plan from an earlier state (a continued turn)

    def greeting(self) -> Plan: ...

    def respond(self, text: str, understanding: Understanding) -> Plan: ...

    def on_silence(self) -> Plan: ...

    def on_handoff(self, outcome: str) -> Plan: ...

    def commit(self, plan: Plan) -> None: ...

    def prompts(self) -> list[str]:
        """Fixed sentences worth synthesising once, before any call needs them."""


@dataclass(frozen=True, slots=True)
class ClinicInfo:
    name: str = "Careline Clinic"
    emergency_number: str = "911"
    hours: str = "We're open Monday to Friday, from 8 in the morning to 6 in the evening."
    location: str = (
        "We're at 100 Main Street, on the second floor. Free parking is behind the building."
    )


_GOODBYE = re.compile(
    r"\b(?:bye|goodbye|that's all|that is all|nothing else|no,? thank|"
    r"no that's it|that's it|i'm done|all set)\b",
    re.IGNORECASE,
)
_NO = re.compile(r"^\W*(?:no|nope|no thanks|not really)\W*$", re.IGNORECASE)

# Where each reason for calling goes while careline cannot yet handle it by itself.
_ROUTES = {
    "schedule": ("scheduling", "I can help you with an appointment."),
    "reschedule": ("scheduling", "I can help you change your appointment."),
    "cancel": ("scheduling", "I can help you cancel your appointment."),
    "refill": ("nurse", "I understand you need a prescription refill."),
    "billing": ("billing", "I understand you have a question about a bill."),
    "test_results": ("nurse", "I understand you're asking about test results."),
}


class ReceptionDialogue:
    def __init__(self, clinic: ClinicInfo | None = None) -> None:
        self.clinic = clinic or ClinicInfo()
        self.state = DialogueState()

    # -- the fixed sentences ---------------------------------------------------------------
    @property
    def _connect(self) -> str:
        return "Please stay on the line while I connect you with a member of our team."

    @property
    def _emergency(self) -> str:
        n = self.clinic.emergency_number
        return (
            f"What you describe could be a medical emergency. Please hang up now and call "
            f"{n}. If you can't, stay on the line and I'll get a nurse for you."
        )

    def prompts(self) -> list[str]:
        c = self.clinic
        return [
            f"Hello, you've reached {c.name}. I'm an automated assistant.",
            f"If this is an emergency, please hang up and call {c.emergency_number}.",
            "How can I help you today?",
            self._connect,
            self._emergency,
            "Sorry, I didn't catch that.",
            "Could you tell me briefly why you're calling? For example, an appointment, "
            "a prescription, a bill, or a health concern.",
            "Are you still there?",
            "Is there anything else I can help you with?",
            "Thank you for calling. Goodbye.",
            "Of course.",
        ]

    # -- planning (pure) -----------------------------------------------------------------
    def _plan(self, *actions: Action, **state: object) -> Plan:
        return Plan(tuple(actions), replace(self.state, **state))  # type: ignore[arg-type]

    def greeting(self) -> Plan:
        p = self.prompts()
        return self._plan(Say(f"{p[0]} {p[1]} {p[2]}"), stage="reason")

    def respond(self, text: str, understanding: Understanding) -> Plan:
        intent = understanding.intent
        if intent == "emergency":
            return self._plan(
                Say(self._emergency), Transfer("emergency", "nurse"), stage="transfer", silences=0
            )
        if intent == "speak_to_person":
            return self._plan(
                Say(f"Of course. {self._connect}"),
                Transfer("caller_request", "general"),
                stage="transfer",
                silences=0,
            )
        if self.state.stage == "anything_else" and (_GOODBYE.search(text) or _NO.match(text)):
            return self._goodbye("bot_hangup")
        if _GOODBYE.search(text) and intent == "other":
            return self._goodbye("bot_hangup")
        if intent == "symptoms" and understanding.triage is not None:
            return self._symptoms(understanding)
        if intent in _ROUTES:
            skill, ack = _ROUTES[intent]
            return self._plan(
                Say(f"{ack} {self._connect}"), Transfer(intent, skill), stage="transfer", silences=0
            )
        if intent == "hours_location":
            return self._plan(
                Say(f"{self.clinic.hours} {self.clinic.location}"),
                Say("Is there anything else I can help you with?"),
                stage="anything_else",
                silences=0,
                misunderstood=0,
            )
        return self._misunderstood()

    def _symptoms(self, u: Understanding) -> Plan:
        assert u.triage is not None
        level = u.triage.level
        if level == "emergency":
            return self._plan(
                Say(self._emergency), Transfer("emergency", "nurse"), stage="transfer"
            )
        lead = "I'm not able to give a diagnosis."
        if level == "urgent":
            say = f"{lead} From what you describe, a nurse should speak with you today."
            return self._plan(
                Say(say), Say(self._connect), Transfer("triage_urgent", "nurse"), stage="transfer"
            )
        if level == "routine":
            say = f"{lead} From what you describe, you should be seen by a doctor."
            return self._plan(
                Say(say),
                Say(self._connect),
                Transfer("triage_routine", "scheduling"),
                stage="transfer",
            )
        say = (
            f"{lead} Mild symptoms like these often get better with rest and fluids. "
            "If they get worse, or you're worried, please call us back."
        )
        return self._plan(
            Say(say), Say("Is there anything else I can help you with?"), stage="anything_else"
        )

    def _misunderstood(self) -> Plan:
        n = self.state.misunderstood + 1
        if n >= 3:
            return self._plan(
                Say(f"I'm sorry I'm having trouble understanding. {self._connect}"),
                Transfer("not_understood", "general"),
                stage="transfer",
                misunderstood=n,
            )
        p = self.prompts()
        return self._plan(Say(f"{p[5]} {p[6]}"), misunderstood=n, silences=0)

    def _goodbye(self, reason: str) -> Plan:
        return self._plan(Say("Thank you for calling. Goodbye."), EndCall(reason), stage="goodbye")

    def on_silence(self) -> Plan:
        n = self.state.silences + 1
        if n >= 3:
            return self._plan(
                Say(
                    "I haven't heard anything, so I'll end the call now. "
                    "Please call back any time. Goodbye."
                ),
                EndCall("caller_silent"),
                stage="goodbye",
                silences=n,
            )
        return self._plan(Say("Are you still there? How can I help you today?"), silences=n)

    def on_handoff(self, outcome: str) -> Plan:
        if outcome == "accepted":
            return self._plan(EndCall("transferred"), stage="transferred")
        n = self.clinic.emergency_number
        return self._plan(
            Say(
                "I'm sorry, no one is available to take your call right now. I've noted that "
                "you'd like a call back, and our team will call you as soon as they can. "
                f"If this is an emergency, please hang up and call {n}. Goodbye."
            ),
            EndCall("no_agents"),
            stage="goodbye",
        )

    def commit(self, plan: Plan) -> None:
        self.state = plan.state
