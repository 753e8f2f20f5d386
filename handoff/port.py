"""What the call engine asks of the human side: take this call, with this context.

The warm-transfer queue and the agent console implement :class:`Handoff`; until one is
configured, :class:`NoAgents` answers honestly that nobody can take the call, and the
dialogue tells the caller so (a callback request goes into the record).
"""

from __future__ import annotations

from typing import Any, Protocol


class Handoff(Protocol):
    async def request(self, call_id: str, context: dict[str, Any]) -> str:
        """Offer the call to people; returns an outcome: accepted, no_agents, declined, ..."""


class NoAgents:
    async def request(self, call_id: str, context: dict[str, Any]) -> str:
        return "no_agents"


class AlwaysAccept:
    """For replays and tests that need a transfer to complete without an agent console."""

    async def request(self, call_id: str, context: dict[str, Any]) -> str:
        return "accepted"
