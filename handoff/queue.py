"""The warm-transfer queue: which waiting call is offered to which agent, and what became of it.

Sans-I/O, like the SIP core: methods take the time in and the queue says what to do through
events (``next_event()``) and one timer (``get_timer()`` / ``handle_timer(now)``). The console
adapter owns the WebSockets and the clock; tests drive it with a fake ``now``.

The rules, from the contact centre's side:

- A call waits for a *skill* (nurse, scheduling, billing, general). An agent takes the calls of
  the skills they hold; an agent with ``general`` also takes calls nobody more specific can.
- Priority is by urgency, then by time waited: emergency before urgent before routine before
  the rest. An emergency is never behind anything.
- An offer rings one agent (the longest idle) or, with ``ring_all``, every eligible agent at
  once; the first accept wins and the others stop ringing (``taken``).
- An offer ends with a typed reason: accepted, declined, timeout, agent_disconnected,
  caller_hung_up. After a decline, a timeout or a dropped browser the call is offered to the
  next agent; an agent who let it go is not rung for it again.
- With nobody signed in who could take it, or once everyone who could has let it go, the call
  leaves the queue with ``no_agents`` and the caller is told so; never a silent drop. A caller
  who hangs up while waiting is removed and counted as abandoned.

Everything here is PHI-free except ``context``, which the console shows only to signed-in
agents; the queue itself never logs it.
"""

from __future__ import annotations

import itertools
import secrets
from collections import deque
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Literal

__all__ = [
    "AgentPresence",
    "CallLeft",
    "Connected",
    "Offer",
    "OfferEnded",
    "OfferMade",
    "QueueError",
    "TransferQueue",
    "Urgency",
    "WaitingCall",
    "urgency_for",
]

SKILLS = ("nurse", "scheduling", "billing", "general")
OfferEnd = Literal[
    "accepted", "declined", "timeout", "agent_disconnected", "caller_hung_up", "taken"
]
Status = Literal["offline", "away", "available", "ringing", "on_call", "wrap_up"]


class Urgency(IntEnum):
    """Queue priority: lower is offered first."""

    EMERGENCY = 0
    URGENT = 1
    ROUTINE = 2
    OTHER = 3


def urgency_for(level: str | None) -> Urgency:
    """A triage level as queue priority; no triage (an admin call) is OTHER."""
    return {
        "emergency": Urgency.EMERGENCY,
        "urgent": Urgency.URGENT,
        "routine": Urgency.ROUTINE,
    }.get(level or "", Urgency.OTHER)


class QueueError(Exception):
    """A request the queue refuses (unknown offer, offer gone, not this agent's): the console
    answers it with an error message; nothing changes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(slots=True)
class AgentPresence:
    agent_id: str
    skills: frozenset[str]
    status: Status = "offline"
    since: float = 0.0  # when the status last changed: longest idle is rung first
    call_id: str | None = None  # the call being offered or taken

    def can_take(self, skill: str) -> bool:
        return skill in self.skills or "general" in self.skills


@dataclass(slots=True)
class Offer:
    offer_id: str
    call_id: str
    agents: tuple[str, ...]
    made_at: float
    expires_at: float


@dataclass(slots=True)
class WaitingCall:
    call_id: str
    skill: str
    urgency: Urgency
    enqueued_at: float
    context: dict[str, Any] = field(repr=False)
    order: int = 0  # arrival order, for equal urgency and time
    agent: str | None = None  # a named agent to offer it to first (an agent's transfer)
    offer: Offer | None = None
    let_go: set[str] = field(default_factory=set)  # agents who declined / timed out / dropped
    history: list[dict[str, Any]] = field(default_factory=list)  # every offer's end, typed


@dataclass(frozen=True, slots=True)
class OfferMade:
    """Ring these agents' consoles with the call's context card."""

    offer: Offer
    call: WaitingCall


@dataclass(frozen=True, slots=True)
class OfferEnded:
    """Stop ringing ``agent_id`` for this offer."""

    agent_id: str
    offer_id: str
    call_id: str
    reason: OfferEnd


@dataclass(frozen=True, slots=True)
class Connected:
    """``agent_id`` accepted: bridge the call to their browser."""

    call_id: str
    agent_id: str
    waited: float
    history: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class CallLeft:
    """The call left the queue without an agent: ``no_agents`` or ``caller_hung_up``."""

    call_id: str
    reason: Literal["no_agents", "caller_hung_up"]
    waited: float
    history: tuple[dict[str, Any], ...]


QueueEvent = OfferMade | OfferEnded | Connected | CallLeft


class TransferQueue:
    def __init__(self, *, offer_timeout: float = 20.0, ring_all: bool = False) -> None:
        self.offer_timeout = offer_timeout
        self.ring_all = ring_all
        self.agents: dict[str, AgentPresence] = {}
        self.waiting: dict[str, WaitingCall] = {}
        self.counters = {"offered": 0, "connected": 0, "abandoned": 0, "no_agents": 0}
        self._events: deque[QueueEvent] = deque()
        self._order = itertools.count()

    # -- agents ---------------------------------------------------------------------------

    def sign_in(self, agent_id: str, skills: frozenset[str] | set[str], now: float) -> None:
        """An agent's console connected; they are not offered calls until ``set_available``."""
        agent = self.agents.get(agent_id)
        if agent is None:
            self.agents[agent_id] = AgentPresence(agent_id, frozenset(skills), "away", now)
        else:
            agent.skills = frozenset(skills)

    def set_available(self, agent_id: str, now: float) -> None:
        agent = self._agent(agent_id)
        if agent.status in ("ringing", "on_call"):
            raise QueueError("busy", "finish the current call first")
        agent.status, agent.since, agent.call_id = "available", now, None
        self._dispatch(now)

    def set_unavailable(self, agent_id: str, now: float) -> None:
        agent = self._agent(agent_id)
        if agent.status == "ringing":
            self._end_offer_for(agent, "declined", now)
        if agent.status in ("available", "wrap_up"):
            agent.status, agent.since = "away", now

    def sign_out(self, agent_id: str, now: float, *, dropped: bool = False) -> None:
        """The console went away; a ringing offer ends as ``agent_disconnected``."""
        agent = self.agents.get(agent_id)
        if agent is None:
            return
        if agent.status == "ringing":
            self._end_offer_for(agent, "agent_disconnected" if dropped else "declined", now)
        agent.status, agent.since, agent.call_id = "offline", now, None
        self._dispatch(now)

    def call_finished(self, agent_id: str, now: float) -> None:
        """The agent's call ended (either side hung up, or it went back to the AI)."""
        agent = self.agents.get(agent_id)
        if agent is not None and agent.status == "on_call":
            agent.status, agent.since, agent.call_id = "wrap_up", now, None

    # -- calls ----------------------------------------------------------------------------

    def enqueue(
        self,
        call_id: str,
        skill: str,
        urgency: Urgency,
        context: dict[str, Any],
        now: float,
        *,
        agent: str | None = None,
    ) -> WaitingCall:
        """Queue a call for ``skill``; with ``agent``, that agent is offered it first, and if
        they cannot take it (away, signed out, let it go) it goes to the skill's agents."""
        if call_id in self.waiting:
            raise QueueError("duplicate", "that call is already waiting")
        call = WaitingCall(call_id, skill, urgency, now, context, next(self._order), agent=agent)
        self.waiting[call_id] = call
        self._dispatch(now)
        return call

    def caller_hung_up(self, call_id: str, now: float) -> None:
        call = self.waiting.get(call_id)
        if call is not None:
            self._leave(call, "caller_hung_up", now)
            self._dispatch(now)  # the agents it was ringing are free for the next call

    def withdraw(self, call_id: str, now: float) -> None:
        """Take a call out of the queue for ``no_agents`` (it waited as long as it may)."""
        call = self.waiting.get(call_id)
        if call is not None:
            if call.offer is not None:
                for agent_id in call.offer.agents:
                    self._stop_ringing(self.agents[agent_id], call.offer, "timeout", now)
                call.offer = None
            call.history.append({"agent_id": None, "reason": "wait_too_long",
                                 "after_s": round(now - call.enqueued_at, 3)})  # fmt: skip
            self._leave(call, "no_agents", now)
            self._dispatch(now)

    def position(self, call_id: str) -> int | None:
        """1 for the next call to be offered; None when the call is not waiting."""
        if call_id not in self.waiting:
            return None
        ranked = sorted(self.waiting.values(), key=_priority)
        return 1 + [c.call_id for c in ranked].index(call_id)

    # -- offers ---------------------------------------------------------------------------

    def accept(self, agent_id: str, offer_id: str, now: float) -> Connected:
        call, agent = self._offered(agent_id, offer_id)
        offer = call.offer
        assert offer is not None
        for other in offer.agents:
            if other != agent_id:
                self._stop_ringing(self.agents[other], offer, "taken", now)
        call.history.append(_ended(offer, agent_id, "accepted", now))
        call.offer = None
        del self.waiting[call.call_id]
        agent.status, agent.since, agent.call_id = "on_call", now, call.call_id
        self.counters["connected"] += 1
        done = Connected(call.call_id, agent_id, now - call.enqueued_at, tuple(call.history))
        self._events.append(done)
        return done

    def decline(self, agent_id: str, offer_id: str, now: float) -> None:
        _, agent = self._offered(agent_id, offer_id)
        self._end_offer_for(agent, "declined", now)
        agent.status, agent.since = "available", now
        self._dispatch(now)

    # -- time -----------------------------------------------------------------------------

    def get_timer(self) -> float | None:
        expiries = [c.offer.expires_at for c in self.waiting.values() if c.offer is not None]
        return min(expiries, default=None)

    def handle_timer(self, now: float) -> None:
        for call in list(self.waiting.values()):
            offer = call.offer
            if offer is not None and offer.expires_at <= now:
                for agent_id in offer.agents:
                    agent = self.agents[agent_id]
                    if agent.status == "ringing" and agent.call_id == call.call_id:
                        # An agent who let an offer ring out is probably away from the desk.
                        self._end_offer_for(agent, "timeout", now)
                        agent.status, agent.since = "away", now
        self._dispatch(now)

    def next_event(self) -> QueueEvent | None:
        return self._events.popleft() if self._events else None

    def snapshot(self, now: float) -> dict[str, Any]:
        """What a supervisor sees: waiting calls by priority, agents, and counts (no PHI)."""
        return {
            "waiting": [
                {
                    "call_id": c.call_id,
                    "skill": c.skill,
                    "urgency": c.urgency.name.lower(),
                    "waited_s": round(now - c.enqueued_at, 1),
                    "ringing": list(c.offer.agents) if c.offer else [],
                }
                for c in sorted(self.waiting.values(), key=_priority)
            ],
            "agents": [
                {
                    "agent_id": a.agent_id,
                    "status": a.status,
                    "call_id": a.call_id,
                    "skills": sorted(a.skills),
                    "for_s": round(now - a.since, 1),
                }
                for a in sorted(self.agents.values(), key=lambda a: a.agent_id)
            ],
            "counters": dict(self.counters),
        }

    # -- inside ---------------------------------------------------------------------------

    def _agent(self, agent_id: str) -> AgentPresence:
        agent = self.agents.get(agent_id)
        if agent is None:
            raise QueueError("not_signed_in", "sign in first")
        return agent

    def _offered(self, agent_id: str, offer_id: str) -> tuple[WaitingCall, AgentPresence]:
        agent = self._agent(agent_id)
        for call in self.waiting.values():
            if call.offer is not None and call.offer.offer_id == offer_id:
                if agent_id not in call.offer.agents or agent.call_id != call.call_id:
                    raise QueueError("not_yours", "that offer was not made to you")
                return call, agent
        raise QueueError("offer_gone", "that offer has ended (taken, withdrawn or expired)")

    def _eligible(self, call: WaitingCall) -> list[AgentPresence]:
        if call.agent is not None:
            named = self.agents.get(call.agent)
            free = named is not None and (
                named.status == "available" or named.call_id == call.call_id
            )
            if named is not None and free and call.agent not in call.let_go:
                return [named]
            call.history.append({"agent_id": call.agent, "reason": "named_agent_unavailable",
                                 "after_s": 0.0})  # fmt: skip
            call.agent = None  # from now on, anyone with the skill
        skilled = [a for a in self.agents.values() if call.skill in a.skills]
        pool = skilled if any(a.status != "offline" for a in skilled) else [
            a for a in self.agents.values() if a.can_take(call.skill)
        ]  # fmt: skip
        return [a for a in pool if a.status != "offline" and a.agent_id not in call.let_go]

    def _could_take(self, call: WaitingCall) -> bool:
        return bool(self._eligible(call))

    def _dispatch(self, now: float) -> None:
        self._give_up_hopeless(now)
        for call in sorted(self.waiting.values(), key=_priority):
            if call.offer is not None:
                continue
            free = sorted(
                (a for a in self._eligible(call) if a.status == "available"),
                key=lambda a: a.since,
            )
            if not free:
                continue
            chosen = free if self.ring_all else free[:1]
            offer = Offer(
                secrets.token_urlsafe(16),
                call.call_id,
                tuple(a.agent_id for a in chosen),
                now,
                now + self.offer_timeout,
            )
            call.offer = offer
            for agent in chosen:
                agent.status, agent.since, agent.call_id = "ringing", now, call.call_id
            self.counters["offered"] += 1
            self._events.append(OfferMade(offer, call))

    def _end_offer_for(self, agent: AgentPresence, reason: OfferEnd, now: float) -> None:
        call = self.waiting.get(agent.call_id or "")
        if call is None or call.offer is None:
            return
        offer = call.offer
        self._stop_ringing(agent, offer, reason, now)
        call.let_go.add(agent.agent_id)
        call.history.append(_ended(offer, agent.agent_id, reason, now))
        remaining = tuple(a for a in offer.agents if a != agent.agent_id)
        call.offer = None if not remaining else Offer(
            offer.offer_id, call.call_id, remaining, offer.made_at, offer.expires_at
        )  # fmt: skip

    def _stop_ringing(
        self, agent: AgentPresence, offer: Offer, reason: OfferEnd, now: float
    ) -> None:
        if agent.status == "ringing" and agent.call_id == offer.call_id:
            agent.status, agent.since, agent.call_id = "available", now, None
        self._events.append(OfferEnded(agent.agent_id, offer.offer_id, offer.call_id, reason))

    def _give_up_hopeless(self, now: float) -> None:
        for call in list(self.waiting.values()):
            if call.offer is None and not self._could_take(call):
                self._leave(call, "no_agents", now)

    def _leave(
        self, call: WaitingCall, reason: Literal["no_agents", "caller_hung_up"], now: float
    ) -> None:
        if call.offer is not None:
            for agent_id in call.offer.agents:
                self._stop_ringing(self.agents[agent_id], call.offer, "caller_hung_up", now)
            if reason == "caller_hung_up":
                call.history.append(_ended(call.offer, None, "caller_hung_up", now))
            call.offer = None
        del self.waiting[call.call_id]
        self.counters["abandoned" if reason == "caller_hung_up" else "no_agents"] += 1
        self._events.append(CallLeft(call.call_id, reason, now - call.enqueued_at,
                                     tuple(call.history)))  # fmt: skip


def _priority(call: WaitingCall) -> tuple[int, float, int]:
    return (int(call.urgency), call.enqueued_at, call.order)


def _ended(offer: Offer, agent_id: str | None, reason: OfferEnd, now: float) -> dict[str, Any]:
    return {"agent_id": agent_id, "reason": reason, "after_s": round(now - offer.made_at, 3)}
