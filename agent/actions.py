"""What a dialogue's plan can ask the call owner to do: speak, write, transfer, end.

Plans are pure; these actions are carried out only when a plan is committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from agent.nlu import Triage


@dataclass(frozen=True, slots=True)
class Say:
    text: str


@dataclass(frozen=True, slots=True)
class Transfer:
    """Hand the call to a person with ``skill``; runs after the preceding speech is heard."""

    reason: str
    skill: str
    agent: str | None = None  # a named person to offer it to first (an agent's transfer)


@dataclass(frozen=True, slots=True)
class EndCall:
    reason: str


@dataclass(frozen=True, slots=True)
class Assess:
    """A triage finding to write into the call record when the plan is committed.

    ``protocol`` is the follow-up run so far (questions, answers, how each came), so a nurse
    and an auditor can see why the level is what it is.
    """

    triage: Triage
    protocol: dict[str, object] | None = None


@dataclass(frozen=True, slots=True)
class Write:
    """A change to the clinic's data (book, cancel, request a refill, audit an access).

    The call owner makes it when the plan is committed, before the plan's words are heard;
    a write that fails (a slot just taken by another call) goes back to the dialogue, which
    plans what to say instead. ``op`` names a :class:`agent.flows.services.ClinicServices`
    operation; ``args`` are its keyword arguments.
    """

    op: str
    args: tuple[tuple[str, Any], ...] = ()
    retry: Any = field(default=None, compare=False)  # the flow state to resume if it fails

    def kwargs(self) -> dict[str, Any]:
        return dict(self.args)


Action = Say | Transfer | EndCall | Assess | Write


class ClinicWriter(Protocol):
    """Carries out :class:`Write` actions (``agent.flows.services.ClinicServices``)."""

    def apply(self, write: Write, call_id: str) -> Any: ...
