"""What the call engine and the human side ask of each other.

The session asks the human side to take a call (:class:`Handoff.request`), handing over the
call's context and a :class:`CallLine`: the few things the human side may do with a call the
session still owns. The session stays the call's one owner throughout a warm transfer; the
agent's audio becomes what the leg plays, and the caller's audio is copied to the agent.

Outcomes of ``request``:

- ``connected``: an agent took the call live; the line's ``connect`` was called.
- ``accepted``: someone took it outside careline (a PBX queue after REFER, or a test's
  :class:`AlwaysAccept`); the session ends the call as transferred.
- ``no_agents``: nobody could take it (none signed in, all declined, or the wait grew too
  long); the caller is told and offered a call back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

    from agent.record import RecordSink
    from telephony.leg import AudioSource

__all__ = ["AlwaysAccept", "CallLine", "Handoff", "NoAgents"]


class CallLine(Protocol):
    """The live call, as the human side may touch it. Every method only queues a message
    for the call's owner, so it is safe to call from any task on the call's loop."""

    def connect(
        self, agent_id: str, agent_audio: AudioSource, caller_audio: Callable[[np.ndarray], None]
    ) -> None:
        """From now on the caller hears ``agent_audio`` and every caller frame (16 kHz int16,
        20 ms) is also given to ``caller_audio``."""

    def release(self, how: str, detail: dict[str, Any] | None = None) -> None:
        """The agent's part is over: ``agent_hangup`` ends the call, ``back_to_ai`` returns
        the caller to the assistant, ``agent_disconnected`` apologises and asks for a person
        again; ``transfer`` asks for another skill (``detail["skill"]``)."""

    def hold(self, on: bool) -> None:
        """The agent put the caller on hold (the caller hears a hold message) or took them off."""

    def say(self, text: str) -> None:
        """Tell the caller something while they wait (their place in the queue)."""

    def watch(self, sink: RecordSink) -> None:
        """Also send every later call-record operation to ``sink`` (the live transcript)."""

    def note(self, event: dict[str, Any]) -> None:
        """Add ``event`` to the call record's events (an offer that ended, and why)."""


class Handoff(Protocol):
    async def request(
        self, call_id: str, context: dict[str, Any], line: CallLine | None = None
    ) -> str:
        """Offer the call to people; returns connected, accepted or no_agents."""


class NoAgents:
    async def request(
        self, call_id: str, context: dict[str, Any], line: CallLine | None = None
    ) -> str:
        return "no_agents"


class AlwaysAccept:
    """For replays and tests that need a transfer to complete without an agent console."""

    async def request(
        self, call_id: str, context: dict[str, Any], line: CallLine | None = None
    ) -> str:
        return "accepted"
