"""The triage half of the receptionist's conversation, as a mixin.

What a health concern sets going: a turn that only names a medicine (is it for a refill?),
an emergency at once, the protocol's follow-up questions and acting on the level they reach,
and the caller's choice after home-care advice. :class:`agent.dialogue.ReceptionDialogue`
inherits it and keeps the routing, the fixed lines, the self-service flows and the call
events, so each half reads on its own. The mixin plans only through its host: the host's
state, fixed lines, ``_plan``, ``advice`` and ``_serve``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from agent.actions import Action, Assess, Say, Transfer
from agent.nlu import Triage, Understanding, higher_level
from agent.slots.commands import Command
from agent.slots.medicine_turn import about_a_medicine, affirms_refill
from agent.triage.protocols import FollowUp, hedged, parse_yes_no, start_follow_up

if TYPE_CHECKING:
    from agent.dialogue import DialogueState, Plan

# A goodbye, wherever it is said; here rather than in agent.dialogue (which imports this
# module) so that both read it from one place.
_GOODBYE = re.compile(
    r"\b(?:bye|goodbye|that's all|that is all|nothing else|no,? thank|"
    r"no that's it|that's it|i'm done|all set)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[.,;!?]+\s*")
_DECLINE = re.compile(r"\b(?:no|not|don't|do not|dont|neither)\b")


class TriageConversation:
    """The triage turns of :class:`agent.dialogue.ReceptionDialogue`, which supplies what
    is declared here."""

    state: DialogueState
    lines: dict[str, str]

    # Declared for the type checker only, so the host's own methods are the ones that run.
    if TYPE_CHECKING:

        def _plan(self, *actions: Action, **state: object) -> Plan: ...

        def advice(self, complaint: str | None) -> str: ...

        def _serve(self, intent: str, text: str, u: Understanding) -> Plan: ...

    # -- a turn only about a medicine: is it for a refill? ---------------------------------
    def _only_a_medicine(self, text: str, u: Understanding, dtmf: str | None) -> bool:
        """The model read a reason for calling that names only a medicine as a symptom or an
        emergency, and no red-flag rule fired: worth one question before acting on it."""
        return (
            self.state.stage in ("reason", "anything_else")
            and self.state.level is None
            and u.intent in ("symptoms", "emergency")
            and u.triage is not None
            and not u.triage.red_flags
            and not dtmf
            and about_a_medicine(text)
        )

    def _medicine_read_as_results(self, text: str, u: Understanding, dtmf: str | None) -> bool:
        """The model read a reason for calling that names only a medicine ("I'm calling about
        my insulin") as a request for test results. Such a turn asks about the medicine:
        results talk has words of its own ("levels", "blood test") that it lacks."""
        return (
            self.state.stage in ("reason", "anything_else")
            and u.intent == "test_results"
            and u.triage is None
            and not dtmf
            and about_a_medicine(text)
        )

    def _medicine_answer(
        self, text: str, u: Understanding, dtmf: str | None, command: Command | None
    ) -> Plan:
        """The answer to "are you calling for a refill of that medicine?". Only a plain yes
        makes the held turn a refill. A symptom is triaged (never lower than the held
        reading); "repeat that" is answered once; anything else -- a no, a request for a
        person, silence, an unclear answer -- acts on the model's reading of the held turn,
        as if the question had not been asked."""
        assert self.state.held is not None
        held_text, held = self.state.held
        if u.triage is not None:  # "no, he's wheezing": triaged, never lower than before
            level = higher_level(held.level, u.triage.level) or u.triage.level
            return self._start_triage(replace(u.triage, level=level))
        if command is not None and command.kind == "repeat" and not self.state.misunderstood:
            return self._plan(Say(self.state.said), misunderstood=1, silences=0)
        if u.intent != "speak_to_person" and affirms_refill(text, dtmf):
            plan = self._serve("refill", held_text, Understanding("refill", 1.0))
            return replace(plan, state=replace(plan.state, medicine_concern=True))
        return self._start_triage(held)

    # -- triage: an emergency at once; otherwise questions, then act on the level ---------
    def _emergency(self, triage: Triage | None, follow_up: FollowUp | None = None) -> Plan:
        notes: tuple[Action, ...] = ()
        if follow_up is not None and triage is not None and triage.level == "emergency":
            fu = follow_up.raise_to("emergency", triage.red_flags, triage.reasons)
            notes = (Assess(fu.as_triage(triage.confidence), fu.as_dict()),)
        elif follow_up is not None:
            notes = (Assess(follow_up.as_triage(1.0), follow_up.as_dict()),)
        elif triage is not None:
            notes = (Assess(triage),)
        return self._plan(
            *notes,
            Say(self.lines["emergency"]),
            Transfer("emergency", "nurse"),
            stage="transfer",
            silences=0,
            level="emergency",
            follow_up=None,
        )

    def _start_triage(self, t: Triage) -> Plan:
        level = higher_level(self.state.level, t.level) or t.level
        if level == "emergency":
            return self._emergency(t)
        fu = start_follow_up(t.complaint, level, t.red_flags, t.reasons)
        prompt = fu.prompt()
        if prompt is None:
            return self._settle(fu, t.confidence)
        return self._plan(
            Assess(fu.as_triage(t.confidence), fu.as_dict()),
            Say(self.lines["triage_intro"]),
            Say(prompt),
            stage="triage",
            level=level,
            follow_up=fu,
            silences=0,
            misunderstood=0,
        )

    def _triage_answer(self, text: str, u: Understanding, dtmf: str | None) -> Plan:
        fu = self.state.follow_up
        assert fu is not None
        verdict = parse_yes_no(text, dtmf)
        if verdict == "unsure" and u.triage is None and not dtmf and not hedged(text):
            # "No. Nothing like that." reaches us as one turn when the caller paused at the
            # full stop; a clear first answer stands when the rest describes no symptom and
            # hedges nothing ("No... I'm not sure" stays unsure).
            first = _CLAUSE.split(text.strip(), maxsplit=1)[0]
            if first and first != text.strip():
                verdict = parse_yes_no(first)
        fu = fu.answer(text, dtmf, verdict=verdict)
        # "No, but now his lips are going blue": every answer also goes through the NLU, and
        # whatever it finds can only raise the level.
        if u.triage is not None:
            fu = fu.raise_to(u.triage.level, u.triage.red_flags, u.triage.reasons)
        return self._after_answer(fu)

    def _after_answer(self, fu: FollowUp) -> Plan:
        if fu.escalated:
            return self._emergency(None, fu)
        if fu.done:
            return self._settle(fu, 0.9)
        prompt = fu.prompt()
        assert prompt is not None
        return self._plan(
            Assess(fu.as_triage(0.9), fu.as_dict()),
            Say(prompt),
            follow_up=fu,
            level=fu.level,
            silences=0,
        )

    def _settle(self, fu: FollowUp, confidence: float) -> Plan:
        if fu.level == "emergency":
            return self._emergency(None, fu)
        note = Assess(fu.as_triage(confidence), fu.as_dict())
        after = {"level": fu.level, "follow_up": None, "silences": 0}
        if fu.level == "urgent":
            return self._plan(
                note,
                Say(self.lines["urgent"]),
                Say(self.lines["connect"]),
                Transfer("triage_urgent", "nurse"),
                stage="transfer",
                **after,
            )
        if fu.level == "routine":
            return self._plan(
                note,
                Say(self.lines["routine"]),
                Transfer("triage_routine", "scheduling"),
                stage="transfer",
                **after,
            )
        return self._plan(
            note,
            Say(self.advice(fu.complaint)),
            Say(self.lines["self_care_offer"]),
            stage="self_care_offer",
            **after,
        )

    def _self_care_choice(self, text: str, u: Understanding, dtmf: str | None) -> Plan | None:
        """After home-care advice: an appointment, a nurse, or neither. None: not an answer."""
        if u.triage is not None:
            return None  # a new or worse symptom: triage it afresh
        words = text.lower()
        declined = _DECLINE.search(words) is not None
        if "nurse" in words and not declined:
            return self._plan(
                Say(self.lines["to_nurse"]),
                Transfer("self_care_nurse", "nurse"),
                stage="transfer",
                silences=0,
            )
        if not declined and (u.intent in ("schedule", "reschedule") or "appointment" in words):
            verdict = "yes"
        else:
            verdict = parse_yes_no(text, dtmf)
        if verdict == "yes":
            return self._plan(
                Say(self.lines["to_scheduling"]),
                Transfer("self_care_appointment", "scheduling"),
                stage="transfer",
                silences=0,
            )
        if verdict == "no" or declined or _GOODBYE.search(text):
            return self._plan(
                Say(self.lines["anything_else"]), stage="anything_else", silences=0, misunderstood=0
            )
        return None
