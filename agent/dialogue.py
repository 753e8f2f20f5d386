"""The dialogue manager's seam, and the receptionist dialogue the call engine ships with.

A dialogue *plans* without side effects and *commits* separately. The session plans a reply
while the caller's end of turn is still being confirmed, and throws the plan away if the
caller keeps talking; only ``commit`` changes state. The self-service flows and the triage
protocols plug in behind the same protocol.

This module holds that seam (:class:`DialogueState`, :class:`Plan`, :class:`Dialogue`,
:class:`ClinicInfo`) and the receptionist's routing, fixed lines, flows and call events; the
triage half of its conversation lives in :mod:`agent.triage.conversation`, and its stray turns
(waits, wrong numbers, paperwork, words not understood) in :mod:`agent.stray_turns`, so each
reads on its own.

:class:`ReceptionDialogue` is deliberately small and honest: it discloses that it is an
automated assistant, asks the reason for the call, recognises emergencies and requests for a
person, and routes everything it cannot yet do itself to the right team.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from agent.actions import Action, EndCall, Say, Transfer, Write
from agent.actions import Assess as Assess  # imported from here by callers of the dialogue
from agent.flows import info, router
from agent.flows.router import goal_for
from agent.nlu import Triage, Understanding, higher_level
from agent.slots.commands import Command, classify_command
from agent.stray_turns import TAKE_YOUR_TIME, StrayTurns
from agent.triage import protocols
from agent.triage.advice import NOT_A_DIAGNOSIS, self_care_advice
from agent.triage.conversation import _GOODBYE, TriageConversation
from agent.triage.protocol_table import KEYPAD_HINT, REPROMPT_LEAD
from agent.triage.protocols import FollowUp
from agent.warm import HOLD_MESSAGE

if TYPE_CHECKING:
    from agent.flows.base import FlowContext, Step
    from agent.flows.services import ClinicServices

# A flow answer the flow could not use, with a confident other reason for calling, is a
# change of topic ("actually, it's about my bill").
TOPIC_CHANGE_AT = 0.8
GOING_BACK = "Okay, let's go back."
WELCOME = "You're welcome."
# Stages that end any self-service flow in progress (triage and hand-offs come first).
_NO_FLOW_STAGES = ("triage", "self_care_offer", "transfer", "with_agent", "goodbye")
_HEALTH_WORDS = re.compile(
    r"\b(?:pain|hurt|ache|fever|temperature|cough|breath|bleed|blood|sick|vomit|throw(?:ing)? up|"
    r"dizz|faint|rash|swell|chest|numb|weak|collapse|unconscious|seizure|suicid|kill|overdose|"
    r"emergency|ambulance|911|help me)",
    re.IGNORECASE,
)


_COURTESY = re.compile(r"^(?:(?:thank you|sorry|okay)\b[^.?!]*[.!]\s*)+", re.IGNORECASE)


def _says_goodbye(text: str) -> bool:
    """At "anything else?": a no, a no-thanks or a goodbye, with no new request after it."""
    done = _GOODBYE.search(text) or _NO.match(text) or _NO_THANKS.match(text)
    return bool(done) and not _MORE.search(text)


def _without_courtesy(said: str) -> str:
    """The question again without "Thank you." or "Sorry, I didn't catch that." before it."""
    return _COURTESY.sub("", said).strip() or said


def _short_answer(text: str) -> bool:
    """A turn that reads as an answer to a form's question: a few words, no symptom."""
    return len(text.split()) <= 8 and _HEALTH_WORDS.search(text) is None


STILL_THERE = "Are you still there?"
OFFER_PERSON = "If you'd like to talk to a person, say 'a person' or press 0 at any time."


@dataclass(frozen=True, slots=True)
class DialogueState:
    # start -> reason -> [triage -> self_care_offer | flow] -> anything_else
    #   -> (transfer | goodbye)
    stage: str = "start"
    misunderstood: int = 0
    silences: int = 0
    level: str | None = None  # the call's triage level so far: it only rises
    follow_up: FollowUp | None = None  # the triage questions being asked
    flow: Any = None  # the self-service flow's state (agent.flows), while one runs
    patient_id: int | None = None  # the patient identity was verified for, on this call
    identity_failed: bool = False  # identity attempts used up: patient flows go to a person
    said: str = ""  # the last thing the agent said, for "repeat that"
    back: DialogueState | None = None  # the state before the last flow answer ("go back")
    # A turn only about a medicine that the model read as a symptom, held while the caller
    # says whether the call is for a refill (stage "medicine_check"): its text and triage.
    held: tuple[str, Triage] | None = None
    # The caller said such a turn was for a refill: the model's reading is not acted on,
    # but a person asked for later on this call is a nurse.
    medicine_concern: bool = False
    waits: int = 0  # "hang on"s in a row (see agent.stray_turns, StrayTurns._wait)

    @property
    def concern_heard(self) -> bool:
        """A health concern was heard on this call: a person asked for is a nurse, and the
        call is not let go as a wrong number."""
        return self.level is not None or self.medicine_concern


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

    def on_handoff(self, outcome: str, skill: str = "general", agent: str | None = None) -> Plan:
        """What became of a hand-off: connected, accepted, returned (to the assistant),
        agent_disconnected or transfer (both go back to the queue for ``skill``), no_agents."""

    def on_write_failed(self, write: Write, why: str) -> Plan:
        """A change the last plan made to the clinic's data did not happen."""

    def on_time_limit(self) -> Plan:
        """The call reached its configured maximum length: end it politely."""

    def commit(self, plan: Plan) -> None: ...

    def prompts(self) -> list[str]:
        """Fixed sentences worth synthesising once, before any call needs them."""


@dataclass(frozen=True, slots=True)
class ClinicInfo:
    name: str = "Careline Clinic"
    emergency_number: str = "911"
    # "call_emergency_number": tell the caller to hang up and call it (a nurse if they can't).
    # "nurse": keep them on the line while a nurse is connected, as some organisations prefer.
    emergency_mode: str = "call_emergency_number"
    pain_reliever: str = "paracetamol"  # "acetaminophen" for US deployments
    hours: str = "We're open Monday to Friday, from 8 in the morning to 6 in the evening."
    location: str = (
        "We're at 100 Main Street, on the second floor. Free parking is behind the building."
    )


_NO = re.compile(r"^\W*(?:no|nope|no thanks|not really)\W*$", re.IGNORECASE)
# "No. So, thank you." -- a no and thanks, as a caller often says it in two breaths (and the
# recogniser hears the second as "So, thank you"); nothing may follow the thanks.
# "..., but I need my refill": a goodbye word with a new request after it is the request.
_MORE = re.compile(r"\b(?:but|also|though)\b\W+\w+", re.IGNORECASE)
_NO_THANKS = re.compile(
    r"^\W*(?:no|nope|not really)\b.{0,20}?\bthanks?(?: you)?(?: so much| very much)?\W*$",
    re.IGNORECASE,
)

# A caller looking for a poison centre, by any of its names ("poison control", "the poisoning
# hotline", "poison-control", "the poison number"). Not "poison ivy", and not "food poisoning,
# help": a symptom is triaged as usual.
_POISON_HELP = re.compile(
    r"\bpoison(?:s|ing)?[\s-]+(?:control|cent(?:er|re)s?|info(?:rmation)?|help[\s-]*line|"
    r"hot[\s-]*line|line|(?:emergency[\s-]+)?number)\b",
    re.IGNORECASE,
)
# Recorded with a poison-help hand-off so the nurse queue ranks it as same-day, not last:
# nothing was assessed, and someone may have taken something harmful.
_POISON_TRIAGE = Triage(
    "urgent", "poisoning", (), ("asked for poison control: a possible poisoning",), 0.5
)

# Where each reason for calling goes while careline cannot yet handle it by itself.
_ROUTES = {
    "schedule": ("scheduling", "I can help you with an appointment."),
    "reschedule": ("scheduling", "I can help you change your appointment."),
    "cancel": ("scheduling", "I can help you cancel your appointment."),
    "refill": ("nurse", "I understand you need a prescription refill."),
    "billing": ("billing", "I understand you have a question about a bill."),
    "test_results": ("nurse", "I understand you're asking about test results."),
}


class ReceptionDialogue(TriageConversation, StrayTurns):
    """The receptionist: greets, routes, triages, and runs the self-service flows. The
    triage turns are inherited from :class:`~agent.triage.conversation.TriageConversation`,
    the stray turns (no reason for calling fits, or the caller asks to wait) from
    :class:`~agent.stray_turns.StrayTurns`.

    Without ``services`` (no clinic database) it routes every administrative request to
    the right team, as a switchboard would.
    """

    def __init__(
        self, clinic: ClinicInfo | None = None, services: ClinicServices | None = None
    ) -> None:
        self.clinic = clinic or ClinicInfo()
        self.services = services
        self.state = DialogueState()
        self.lines = self._lines(self.clinic)

    @staticmethod
    def _lines(c: ClinicInfo) -> dict[str, str]:
        """Every fixed sentence this dialogue says, by name: all of them are synthesised once
        at start-up, so no reply waits on the voice for words it has said before."""
        n = c.emergency_number
        no_dx = NOT_A_DIAGNOSIS
        lines = {
            "greeting": f"Hello, you've reached {c.name}. I'm an automated assistant. "
            f"If this is an emergency, please hang up and call {n}. How can I help you today?",
            "connect": "Please stay on the line while I connect you with a member of our team.",
            "emergency": "What you describe could be a medical emergency. Please hang up now and "
            f"call {n}. If you can't, stay on the line and I'll get a nurse for you. "
            f"{no_dx}"
            if c.emergency_mode != "nurse"
            else "What you describe could be a medical emergency. Please stay on the line: "
            f"I'm connecting you to a nurse now. If you can, also call {n}. {no_dx}",
            # "I'm looking for poison control": someone may have swallowed, breathed in or
            # touched something harmful. careline has no poison centre's number to give (it
            # differs by country), so the caller hears when to call the emergency number and
            # goes to a nurse, never round the menu.
            "poison_help": "If someone may have swallowed, breathed in or touched something "
            f"harmful and has collapsed, is having trouble breathing or has had a seizure, hang "
            f"up and call {n} now. Otherwise, please stay on the line and I'll connect you "
            "with a nurse."
            if c.emergency_mode != "nurse"
            else "Please stay on the line: I'm connecting you to a nurse now. If someone has "
            "swallowed, breathed in or touched something harmful and has collapsed, is having "
            f"trouble breathing or has had a seizure, also call {n}.",
            "of_course": "Of course.",
            # Asked when a turn only names a medicine ("I'm calling about my inhaler") but the
            # model read it as a symptom: a refill caller should not be told to call 911, and
            # a caller whose child needs that inhaler now must not be kept in self-service.
            # Only a plain yes makes it a refill: "is anyone unwell?" could not tell a child
            # who just swallowed the pills (often well at first) from a refill.
            "refill_check": "Just to be sure: are you calling for a refill of that medicine?",
            "not_caught": "Sorry, I didn't catch that. Could you tell me briefly why you're "
            "calling? For example, an appointment, a prescription, a bill, or a health concern.",
            "trouble": "I'm sorry I'm having trouble understanding.",
            "what_we_do": f"This is {c.name}'s automated assistant. I can help with "
            "appointments, prescriptions, bills, test results, our hours and directions, or a "
            "health concern. What are you calling about?",
            "wrong_number": f"No problem. You've reached {c.name}. Goodbye.",
            "paperwork": "Our front desk handles forms, letters and records.",
            "anything_else": "Is there anything else I can help you with?",
            "how_can_i_help": "How can I help you today?",
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
            "routine": f"{no_dx} From what you describe, you should see a doctor, and it can "
            "wait for an appointment. I'll put you through to our scheduling team to book one.",
            "triage_intro": protocols.INTRO,
            "self_care_offer": "Would you like an appointment, or would you rather speak "
            "with a nurse?",
            "to_scheduling": "I'll put you through to our scheduling team.",
            "to_nurse": "I'll put you through to a nurse.",
            "back_with_assistant": "You're back with the automated assistant.",
            "lost_agent": "I'm sorry, we lost the connection to our team member. Please stay "
            "on the line while I connect you with someone else.",
            "transferring": "Please stay on the line while I transfer you.",
            "on_hold": HOLD_MESSAGE,
        }
        lines.update({f"route_{intent}": ack for intent, (_skill, ack) in _ROUTES.items()})
        return lines

    def prompts(self) -> list[str]:
        # Not the ~90 protocol questions: synthesising them all at start-up took 20 s, and
        # each is spoken after the pinned introduction or the previous question, which covers
        # its own synthesis (Piper's first audio comes in about 0.1 s). They stay cached
        # once asked, like the home-care advice.
        fixed = [*self.lines.values(), KEYPAD_HINT, REPROMPT_LEAD, TAKE_YOUR_TIME]
        if self.services is not None:
            fixed += [WELCOME, GOING_BACK, STILL_THERE, OFFER_PERSON, *router.FIXED_LINES]
        return fixed

    def advice(self, complaint: str | None) -> str:
        return self_care_advice(
            complaint, self.clinic.emergency_number, pain_reliever=self.clinic.pain_reliever
        )

    # -- planning (pure) -----------------------------------------------------------------
    def _plan(self, *actions: Action, **state: object) -> Plan:
        if "level" in state:  # the one place the rule is kept: a call's level never falls
            state["level"] = higher_level(self.state.level, state["level"])  # type: ignore[arg-type]
        said = " ".join(a.text for a in actions if isinstance(a, Say))
        if said:
            state.setdefault("said", said)
        state.setdefault("waits", 0)
        if state.get("stage", self.state.stage) != "medicine_check":
            state.setdefault("held", None)
        if state.get("stage", self.state.stage) in _NO_FLOW_STAGES:
            state.setdefault("flow", None)
            state.setdefault("back", None)
        return Plan(tuple(actions), replace(self.state, **state))  # type: ignore[arg-type]

    def greeting(self) -> Plan:
        return self._plan(Say(self.lines["greeting"]), stage="reason")

    def respond(self, text: str, understanding: Understanding) -> Plan:
        text = text or ""
        u = understanding
        intent = u.intent
        dtmf = u.entities.get("dtmf")
        command = classify_command(text, dtmf)
        if self._waits(command, u):
            return self._wait()
        if (
            _POISON_HELP.search(text)
            and not self._is_emergency(u)
            # On hold it changes nothing; mid-triage or at the refill question the answer is
            # read first ("yes, a cleaning chemical, what's the poison control number" is a
            # red flag), and a held emergency reading is not set aside.
            and self.state.stage not in ("transfer", "triage", "medicine_check")
        ):
            return self._poison_help()
        if self.state.flow is not None and self.services is not None:
            if self.state.level != "emergency":
                return self._flow_turn(text, u, command)
        if self._only_a_medicine(text, u, dtmf):
            return self._plan(
                Say(self.lines["refill_check"]),
                stage="medicine_check",
                held=(text, u.triage),
                silences=0,
                misunderstood=0,
            )
        if self._medicine_read_as_results(text, u, dtmf):
            intent, u = "refill", replace(u, intent="refill")
        # Once an emergency, always: a caller who talks over the instruction (cutting the
        # hand-off short) hears it again and is handed off again, whatever they say next.
        if intent == "emergency" or self.state.level == "emergency":
            return self._emergency(u.triage, self.state.follow_up)
        if self.state.stage == "medicine_check" and self.state.held is not None:
            return self._medicine_answer(text, u, dtmf, command)
        if intent == "speak_to_person" or dtmf == "0":
            return self._to_person()
        if self.state.stage == "triage" and self.state.follow_up is not None:
            return self._triage_answer(text, u, dtmf)
        if command is not None and command.kind == "repeat" and self.state.said:
            return self._plan(Say(self.state.said), silences=0)
        if self.state.stage == "self_care_offer":
            plan = self._self_care_choice(text, u, dtmf)
            if plan is not None:
                return plan
        if self.state.stage == "anything_else" and _says_goodbye(text):
            return self._goodbye("bot_hangup")
        if (
            command is not None
            and command.kind == "acknowledge"
            and command.only
            and self.state.stage in ("anything_else", "reason")
            and intent in ("other", "hours_location")
        ):
            # "Okay, thanks." after an answer is not a new request; it was heard as one. Before
            # anything was asked ("okay", or Whisper's "you" on a quiet line) it thanks for
            # nothing: the question is asked again instead.
            # Counted as not understood, so a caller who can only gasp "oh" reaches a person.
            if self.state.stage == "reason":
                return self._misunderstood(self.lines["how_can_i_help"])
            return self._plan(Say(WELCOME), Say(self.lines["anything_else"]), stage="anything_else")
        if _GOODBYE.search(text) and intent == "other" and not _MORE.search(text):
            return self._goodbye("bot_hangup")
        if intent == "symptoms" and u.triage is not None:
            return self._start_triage(u.triage)
        return self._serve(intent, text, u)

    def _serve(self, intent: str, text: str, u: Understanding) -> Plan:
        """An administrative reason for calling: its flow, a team, or the clinic's hours."""
        goal = goal_for(intent, text)
        if goal is not None and self.services is not None:
            return self._start_flow(goal, text, u)
        if intent in _ROUTES:
            skill, _ack = _ROUTES[intent]
            return self._plan(
                Say(self.lines[f"route_{intent}"]),
                Say(self.lines["connect"]),
                Transfer(intent, skill),
                stage="transfer",
                silences=0,
            )
        if intent == "hours_location" and self.services is not None:
            return self._apply_step(info.answer(self.services.config, text, self.services.now()))
        if intent == "hours_location":
            return self._plan(
                Say(self.lines["hours"]),
                Say(self.lines["anything_else"]),
                stage="anything_else",
                silences=0,
                misunderstood=0,
            )
        return self._unserved(text, u)

    # -- self-service flows ----------------------------------------------------------------
    def _ctx(self) -> FlowContext:
        assert self.services is not None
        return self.services.context(self.state.patient_id)

    def _start_flow(self, goal: str, text: str, u: Understanding) -> Plan:
        ctx = self._ctx()
        return self._apply_step(router.start(goal, ctx, text, u, self.state.identity_failed))

    def _is_emergency(self, u: Understanding) -> bool:
        t = u.triage
        return (
            u.intent == "emergency"
            or self.state.level == "emergency"
            or (t is not None and t.level == "emergency")
        )

    def _poison_help(self) -> Plan:
        """A caller who asks for poison control, whatever the model read into the turn
        ("what's the number for poison control" is not this clinic's hours), even in a
        self-service flow: when to call the emergency number, then a nurse. An emergency
        reading is left to the emergency instruction instead."""
        return self._plan(
            Assess(_POISON_TRIAGE),
            Say(self.lines["poison_help"]),
            Transfer("poison_help", "nurse"),
            stage="transfer",
            level=higher_level(self.state.level, "urgent") or "urgent",
            silences=0,
        )

    def _to_person(self) -> Plan:
        skill = "nurse" if self.state.concern_heard else "general"
        return self._plan(
            Say(self.lines["of_course"]),
            Say(self.lines["connect"]),
            Transfer("caller_request", skill),
            stage="transfer",
            silences=0,
        )

    def _flow_turn(self, text: str, u: Understanding, command: Command | None) -> Plan:
        """A turn while a flow waits for an answer: the flow's, unless something comes first."""
        dtmf = u.entities.get("dtmf")
        kind = command.kind if command is not None else None
        if dtmf == "0" or kind == "person":
            return self._to_person()
        if kind == "repeat" and self.state.said:
            return self._plan(Say(self.state.said), silences=0)
        if kind == "go_back" and self.state.back is not None:
            prior = self.state.back
            return self._plan(
                Say(GOING_BACK),
                Say(prior.said),
                flow=prior.flow,
                back=prior.back,
                said=prior.said,
                stage=prior.stage,
                silences=0,
            )
        step = router.respond(self._ctx(), self.state.flow, text, u)
        t = u.triage
        if t is not None and u.intent in ("emergency", "symptoms"):
            # A health concern comes first -- but the model reads "03/14/1985" or a name as
            # anything at all, so an answer the flow understood stands unless a red-flag
            # rule fired or the turn says more than a short answer would.
            if t.red_flags or not (step.understood and _short_answer(text)):
                if u.intent == "emergency" or t.level == "emergency":
                    return self._emergency(t)
                return self._start_triage(t)
        if u.intent == "speak_to_person" and not step.understood:
            return self._to_person()
        goal = goal_for(u.intent, text)
        if (
            not step.understood
            and goal is not None
            and u.confidence >= TOPIC_CHANGE_AT
            and goal != router.goal_of(self.state.flow)
        ):
            return self._start_flow(goal, text, u)  # "actually, I wanted to ask about a bill"
        return self._apply_step(step)

    def _apply_step(self, step: Step) -> Plan:
        actions: list[Action] = list(step.actions)
        state: dict[str, Any] = {"flow": step.flow, "silences": 0, "misunderstood": 0}
        state["back"] = self.state if step.flow is not None and self.state.flow else None
        if step.verified is not None:
            state["patient_id"] = step.verified
        if step.identity_failed:
            state["identity_failed"] = True
        if any(isinstance(a, Transfer) for a in actions):
            state["stage"], state["flow"], state["back"] = "transfer", None, None
        elif any(isinstance(a, EndCall) for a in actions):
            state["stage"] = "goodbye"
        elif step.flow is None:
            actions.append(Say(self.lines["anything_else"]))
            state["stage"] = "anything_else"
        else:
            state["stage"] = "flow"
        return self._plan(*actions, **state)

    def on_write_failed(self, write: Write, why: str) -> Plan:
        """A planned write did not happen (another call took the slot): say so, carry on."""
        return self._apply_step(router.write_failed(self._ctx(), write.retry, why))

    # -- call events ----------------------------------------------------------------------
    def _goodbye(self, reason: str) -> Plan:
        return self._plan(Say(self.lines["goodbye"]), EndCall(reason), stage="goodbye")

    def on_silence(self) -> Plan:
        if self.state.stage == "medicine_check" and self.state.held is not None:
            return self._start_triage(self.state.held[1])  # no answer: the safe reading
        if self.state.stage == "triage" and self.state.follow_up is not None:
            # Silence to a triage question is an unclear answer: asked again, then escalated.
            return self._after_answer(self.state.follow_up.no_answer())
        n = self.state.silences + 1
        if self.state.flow is not None and n < 3:
            # Re-ask the question; the second time, say how to reach a person.
            lead = STILL_THERE if n == 1 else OFFER_PERSON
            again = _without_courtesy(self.state.said)
            return self._plan(Say(lead), Say(again), silences=n, said=self.state.said)
        if n >= 3:
            return self._plan(
                Say(self.lines["silent_goodbye"]),
                EndCall("caller_silent"),
                stage="goodbye",
                silences=n,
            )
        return self._plan(Say(self.lines["still_there"]), silences=n)

    def on_handoff(self, outcome: str, skill: str = "general", agent: str | None = None) -> Plan:
        if outcome == "accepted":  # taken outside careline (a PBX queue): our part is over
            return self._plan(EndCall("transferred"), stage="transferred")
        if outcome == "connected":  # a person is on the line: the assistant keeps quiet
            return self._plan(stage="with_agent", silences=0, misunderstood=0)
        if outcome == "returned":
            return self._plan(
                Say(self.lines["back_with_assistant"]),
                Say(self.lines["anything_else"]),
                stage="anything_else",
                silences=0,
                misunderstood=0,
            )
        if outcome in ("agent_disconnected", "transfer"):
            # The caller is never dropped: the call goes back to the queue, said plainly.
            line = "lost_agent" if outcome == "agent_disconnected" else "transferring"
            return self._plan(
                Say(self.lines[line]), Transfer(outcome, skill, agent), stage="transfer"
            )
        return self._plan(
            Say(self.lines["no_agents"]),
            EndCall("no_agents"),
            stage="goodbye",
        )

    def on_time_limit(self) -> Plan:
        return self._plan(Say(self.lines["time_limit"]), EndCall("max_duration"), stage="goodbye")

    def commit(self, plan: Plan) -> None:
        self.state = plan.state
