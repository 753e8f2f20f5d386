"""A call in typed turns: the dialogue, its flows, the NLU and the clinic, without audio.

For tests and benchmarks of what the agent *decides*: each ``say`` goes through the same
understanding and planning as a spoken turn, and the plan's writes are carried out as the
call owner carries them out (:meth:`agent.session.Call._write`), so a write that loses a race
comes back to the dialogue exactly as it would on a call.
"""

from __future__ import annotations

from agent.actions import Say, Transfer, Write
from agent.dialogue import Plan, ReceptionDialogue
from agent.flows.services import ClinicServices, WriteFailed, clinic_info
from agent.nlu import Nlu


class TypedCall:
    def __init__(self, services: ClinicServices, nlu: Nlu, call_id: str = "typed-1") -> None:
        self.services, self.nlu, self.call_id = services, nlu, call_id
        self.dialogue = ReceptionDialogue(clinic_info(services.config), services)
        self.plans: list[Plan] = []
        self.failed_writes: list[str] = []
        self._perform(self.dialogue.greeting())

    def plan(self, text: str, dtmf: str | None = None) -> Plan:
        """Understand a turn and choose the reply, changing nothing (what a step costs)."""
        return self.dialogue.respond(text, self.nlu.understand(text, dtmf=dtmf))

    def say(self, text: str, dtmf: str | None = None) -> str:
        return self._perform(self.plan(text, dtmf))

    def keypad(self, digits: str) -> str:
        return self.say("", dtmf=digits)

    def silence(self) -> str:
        return self._perform(self.dialogue.on_silence())

    def _perform(self, plan: Plan) -> str:
        self.dialogue.commit(plan)
        for write in (a for a in plan.actions if isinstance(a, Write)):
            try:
                self.services.apply(write, self.call_id)
            except WriteFailed as e:
                self.failed_writes.append(e.why)
                return self._perform(self.dialogue.on_write_failed(write, e.why))
        self.plans.append(plan)
        return plan.text

    @property
    def transfer(self) -> Transfer | None:
        return next((a for a in self.plans[-1].actions if isinstance(a, Transfer)), None)

    @property
    def said(self) -> list[str]:
        return [a.text for p in self.plans for a in p.actions if isinstance(a, Say)]
