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

    def on_time_limit(self) -> Plan:
        """The call reached its configured maximum length: end it politely."""

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
        self.lines = self._lines(self.clinic)

    @staticmethod
    def _lines(c: ClinicInfo) -> dict[str, str]:
        """Every fixed sentence this dialogue says, by name: all of them are synthesised once
        at start-up, so no reply waits on the voice for words it has said before."""
        n = c.emergency_number
        no_dx = "I'm not able to give a diagnosis."
        lines = {
            "greeting": f"Hello, you've reached {c.name}. I'm an automated assistant. "
            f"If this is an emergency, please hang up and call {n}. How can I help you today?",
            "connect": "Please stay on the line while I connect you with a member of our team.",
            "emergency": "What you describe could be a medical emergency. Please hang up now and "
            f"call {n}. If you can't, stay on the line and I'll get a nurse for you.",
            "of_course": "Of course.",
            "not_caught": "Sorry, I didn't catch that. Could you tell me briefly why you're "
            "calling? For example, an appointment, a prescription, a bill, or a health concern.",
            "trouble": "I'm sorry I'm having trouble understanding.",
            "anything_else": "Is there anything else I can help you with?",
            "goodbye": "Thank you for calling. Goodbye.",
            "still_there": "Are you still there? How can I help you today?",
            "silent_goodbye": "I haven't heard anything, so I'll end the call now. "
            "Please call back any time. Goodbye.",
            "no_agents": "I'm sorry, no one is available to take your call right now. I've noted "
            "that you'd like a call back, and our team will call you as soon as they can. "
            f"If this is an emergency, please hang up and call {n}. Goodbye.",
            "hours": f"{c.hours} {c.location}",
            "time_limit": "I'm sorry, we've reached the time limit for this call. "
            "Please call back if you need anything else. Goodbye.",
            "urgent": f"{no_dx} From what you describe, a nurse should speak with you today.",
            "routine": f"{no_dx} From what you describe, you should be seen by a doctor.",
            "self_care": f"{no_dx} Mild symptoms like these often get better with rest and "
            "fluids. If they get worse, or you're worried, please call us back.",
        }
        lines.update({f"route_{intent}": ack for intent, (_skill, ack) in _ROUTES.items()})
        return lines

    def prompts(self) -> list[str]:
        return list(self.lines.values())

    # -- planning (pure) -----------------------------------------------------------------
    def _plan(self, *actions: Action, **state: object) -> Plan:
        return Plan(tuple(actions), replace(self.state, **state))  # type: ignore[arg-type]

    def greeting(self) -> Plan:
        return self._plan(Say(self.lines["greeting"]), stage="reason")

    def respond(self, text: str, understanding: Understanding) -> Plan:
        intent = understanding.intent
        if intent == "emergency":
            return self._plan(
                Say(self.lines["emergency"]),
                Transfer("emergency", "nurse"),
                stage="transfer",
                silences=0,
            )
        if intent == "speak_to_person":
            return self._plan(
                Say(self.lines["of_course"]),
                Say(self.lines["connect"]),
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
            skill, _ack = _ROUTES[intent]
            return self._plan(
                Say(self.lines[f"route_{intent}"]),
                Say(self.lines["connect"]),
                Transfer(intent, skill),
                stage="transfer",
                silences=0,
            )
        if intent == "hours_location":
            return self._plan(
                Say(self.lines["hours"]),
                Say(self.lines["anything_else"]),
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
                Say(self.lines["emergency"]), Transfer("emergency", "nurse"), stage="transfer"
            )
        if level == "urgent":
            return self._plan(
                Say(self.lines["urgent"]),
                Say(self.lines["connect"]),
                Transfer("triage_urgent", "nurse"),
                stage="transfer",
            )
        if level == "routine":
            return self._plan(
                Say(self.lines["routine"]),
                Say(self.lines["connect"]),
                Transfer("triage_routine", "scheduling"),
                stage="transfer",
            )
        return self._plan(
            Say(self.lines["self_care"]), Say(self.lines["anything_else"]), stage="anything_else"
        )

    def _misunderstood(self) -> Plan:
        n = self.state.misunderstood + 1
        if n >= 3:
            return self._plan(
                Say(self.lines["trouble"]),
                Say(self.lines["connect"]),
                Transfer("not_understood", "general"),
                stage="transfer",
                misunderstood=n,
            )
        return self._plan(Say(self.lines["not_caught"]), misunderstood=n, silences=0)

    def _goodbye(self, reason: str) -> Plan:
        return self._plan(Say(self.lines["goodbye"]), EndCall(reason), stage="goodbye")

    def on_silence(self) -> Plan:
        n = self.state.silences + 1
        if n >= 3:
            return self._plan(
                Say(self.lines["silent_goodbye"]),
                EndCall("caller_silent"),
                stage="goodbye",
                silences=n,
            )
        return self._plan(Say(self.lines["still_there"]), silences=n)

    def on_handoff(self, outcome: str) -> Plan:
        if outcome == "accepted":
            return self._plan(EndCall("transferred"), stage="transferred")
        return self._plan(
            Say(self.lines["no_agents"]),
            EndCall("no_agents"),
            stage="goodbye",
        )

    def on_time_limit(self) -> Plan:
        return self._plan(Say(self.lines["time_limit"]), EndCall("max_duration"), stage="goodbye")

    def commit(self, plan: Plan) -> None:
        self.state = plan.state
