"""The human side at run time: the transfer queue, the agents' consoles and the live bridges.

:class:`HandoffHub` is what a session's :meth:`Handoff.request` reaches. It puts the call in
the :class:`~handoff.queue.TransferQueue`, rings consoles with the context card, and when an
agent accepts it opens a WebRTC bridge to that agent's browser and connects it to the call's
:class:`~handoff.port.CallLine`. The session stays the call's owner; the hub only asks.

Console messages are JSON objects with a ``type``; every one is checked here (known type,
the agent's own call, sizes) and a bad one gets ``{"type": "error", "code", "message"}``
without touching any call. Logs carry ids and reasons, never patient data.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from handoff.accounts import Staff
from handoff.card import context_card
from handoff.queue import (
    CallLeft,
    Connected,
    OfferEnded,
    OfferMade,
    QueueError,
    TransferQueue,
    urgency_for,
)

__all__ = ["Bridge", "ConsoleError", "HandoffHub", "HubStats"]

log = logging.getLogger("careline.handoff")

MAX_NOTE = 4000
MAX_SDP = 64_000
Send = Callable[[dict[str, Any]], Awaitable[None]]


class Bridge(Protocol):
    """One call's audio between the caller's leg and an agent's browser."""

    async def accept(self, offer_sdp: str) -> str:
        """The browser's SDP offer in, our answer out."""

    def agent_audio(self) -> Any:  # an AudioSource: what the caller hears
        ...

    def caller_audio(self, pcm: np.ndarray) -> None:
        """One 20 ms caller frame, to the browser."""

    def mute(self, on: bool) -> None: ...

    async def close(self) -> None: ...


class ConsoleError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class HubStats:
    calls: int = 0
    handled_by_ai: int = 0
    transferred: int = 0
    abandoned: int = 0
    no_agents: int = 0
    answer_waits: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        waits = self.answer_waits
        return {
            "calls": self.calls,
            "handled_by_ai": self.handled_by_ai,
            "transferred": self.transferred,
            "abandoned": self.abandoned,
            "no_agents": self.no_agents,
            "average_speed_of_answer_s": round(sum(waits) / len(waits), 1) if waits else None,
        }


@dataclass(eq=False)
class _Call:
    """A call the hub is handling: waiting, ringing, or with an agent."""

    call_id: str
    skill: str
    context: dict[str, Any] = field(repr=False)
    line: Any  # CallLine
    outcome: asyncio.Future[str]
    agent_id: str | None = None
    bridge: Bridge | None = None
    ended: str | None = None  # the call's end reason once the caller's side is over
    announced_at: float = 0.0
    bridging: asyncio.Task[None] | None = None


@dataclass(eq=False)
class _Console:
    staff: Staff
    send: Send


class _Tap:
    """A record sink on the call: turns go to the agent's console as they happen."""

    def __init__(self, hub: HandoffHub, call_id: str) -> None:
        self.hub, self.call_id = hub, call_id

    def append(self, op: dict[str, Any]) -> None:
        if op.get("op") == "turn":
            turn = op["turn"]
            self.hub._to_agent_of(self.call_id, {"type": "transcript", "call_id": self.call_id,
                                                 "speaker": turn.get("speaker"),
                                                 "text": turn.get("text"),
                                                 "t": turn.get("t_start")})  # fmt: skip
        elif op.get("op") == "end":
            self.hub._call_ended(self.call_id, str(op.get("end_reason")))

    def close(self) -> None:
        pass


class HandoffHub:
    def __init__(
        self,
        queue: TransferQueue | None = None,
        *,
        bridge_factory: Callable[[str], Bridge] | None = None,
        audit: Callable[[str, str, str | None, dict[str, Any]], None] | None = None,
        record_disposition: Callable[[str, dict[str, Any]], None] | None = None,
        max_wait: float = 180.0,
        announce_every: float = 45.0,
        bridge_timeout: float = 15.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.queue = queue or TransferQueue()
        self.bridge_factory = bridge_factory
        self.audit = audit or (lambda actor, action, call_id, detail: None)
        # Where a disposition written after the call ended goes (the clinic database).
        self.record_disposition = record_disposition or (lambda call_id, detail: None)
        self.max_wait, self.announce_every = max_wait, announce_every
        self.bridge_timeout = bridge_timeout
        self._clock = clock
        self.stats = HubStats()
        self.calls: dict[str, _Call] = {}
        self.consoles: dict[str, _Console] = {}
        # Calls over whose agent has not yet written their wrap-up, by call id (bounded by
        # the number of agents: one each at most).
        self.dispositions: dict[str, dict[str, Any]] = {}
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()

    def now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    # -- the session's side -------------------------------------------------------------

    async def request(self, call_id: str, context: dict[str, Any], line: Any = None) -> str:
        if line is None or self.bridge_factory is None:
            return "no_agents"  # nothing to bridge with: say so rather than pretend
        record = context.get("record") or {}
        skill = str(context.get("skill") or "general")
        level = (record.get("triage") or {}).get("level")
        loop = asyncio.get_running_loop()
        call = _Call(call_id, skill, context, line, loop.create_future(), announced_at=self.now())
        if call_id in self.calls:
            self.calls[call_id].line = line  # back in the queue (transfer, dropped agent)
            self.calls[call_id].outcome = call.outcome
            call = self.calls[call_id]
        else:
            self.calls[call_id] = call
            line.watch(_Tap(self, call_id))
        named = context.get("agent")
        try:
            self.queue.enqueue(
                call_id,
                skill,
                urgency_for(level),
                context,
                self.now(),
                agent=str(named) if named else None,
            )
        except QueueError:
            return "no_agents"
        self._pump()
        try:
            return await call.outcome
        except asyncio.CancelledError:  # the caller hung up while waiting
            self.queue.caller_hung_up(call_id, self.now())
            self._pump()
            raise

    def call_ended(self, record: dict[str, Any]) -> None:
        """Every call's end, for the day's figures (the server calls this)."""
        self.stats.calls += 1
        outcome = (record.get("handoff") or {}).get("outcome")
        if not (record.get("handoff") or {}).get("requested"):
            self.stats.handled_by_ai += 1
        elif outcome in ("connected", "accepted"):
            self.stats.transferred += 1

    # -- the consoles' side -------------------------------------------------------------

    def console_opened(self, staff: Staff, send: Send) -> None:
        old = self.consoles.get(staff.username)
        if old is not None:
            self._agent_gone(staff.username, dropped=True)  # a second tab replaces the first
        self.consoles[staff.username] = _Console(staff, send)
        self.queue.sign_in(staff.username, staff.skills, self.now())
        status = self.queue.agents[staff.username].status
        hello = {"type": "hello", "agent": staff.username, "name": staff.display_name,
                 "skills": sorted(staff.skills), "status": status}  # fmt: skip
        self._send(staff.username, hello)

    def console_closed(self, staff: Staff) -> None:
        if staff.username in self.consoles:
            self._agent_gone(staff.username, dropped=True)

    async def handle(self, staff: Staff, msg: Any) -> None:
        """One message from an agent's console; a bad one is answered with an error."""
        try:
            await self._handle(staff.username, msg)
        except (ConsoleError, QueueError) as exc:
            code = exc.code
            self._send(staff.username, {"type": "error", "code": code, "message": str(exc)})
            log.info("console message refused: %s", code)
        self._pump()

    async def _handle(self, agent_id: str, msg: Any) -> None:
        if not isinstance(msg, dict) or not isinstance(msg.get("type"), str):
            raise ConsoleError("bad_message", "a message is a JSON object with a 'type'")
        kind, now = msg["type"], self.now()
        if kind == "available":
            self.queue.set_available(agent_id, now)
        elif kind == "away":
            self.queue.set_unavailable(agent_id, now)
        elif kind in ("accept", "decline"):
            offer_id = _text(msg, "offer_id", 64)
            if kind == "decline":
                self.queue.decline(agent_id, offer_id, now)
            else:
                self.queue.accept(agent_id, offer_id, now)
        elif kind == "webrtc_offer":
            call = self._own_call(agent_id, msg)
            sdp = _text(msg, "sdp", MAX_SDP)
            if "m=audio" not in sdp:
                raise ConsoleError("no_audio", "the offer has no audio stream")
            await self._bridge(call, sdp)
        elif kind in ("hangup", "back_to_ai", "transfer"):
            call = self._own_call(agent_id, msg)
            detail = self._disposition(agent_id, msg)
            if kind == "transfer":
                skill = _text(msg, "skill", 32)
                if skill not in ("nurse", "scheduling", "billing", "general"):
                    raise ConsoleError("bad_skill", "unknown skill")
                detail["skill"] = skill
                if msg.get("agent") is not None:
                    named = _text(msg, "agent", 64)
                    if named == agent_id or named not in self.queue.agents:
                        raise ConsoleError("bad_agent", "no other signed-in agent by that name")
                    detail["agent"] = named
            how = "agent_hangup" if kind == "hangup" else str(kind)
            await self._finish(call, agent_id, how, detail)
        elif kind in ("hold", "mute"):
            call = self._own_call(agent_id, msg)
            on = msg.get("on")
            if not isinstance(on, bool):
                raise ConsoleError("bad_message", f"'{kind}' needs on: true or false")
            if kind == "hold":
                call.line.hold(on)
            elif call.bridge is not None:
                call.bridge.mute(on)
        elif kind == "wrap_up":
            call_id = _text(msg, "call_id", 64)
            detail = self._disposition(agent_id, msg)
            done = self.dispositions.get(call_id)
            if done is None or done.get("agent_id") != agent_id:
                raise ConsoleError("not_your_call", "no finished call of yours has that id")
            done |= detail
            self.record_disposition(call_id, done)
            self.audit(agent_id, "disposition", call_id, {"disposition": detail["disposition"]})
            self.queue.call_finished(agent_id, now)
        else:
            raise ConsoleError("unknown_type", "unknown message type")

    def context_for(self, staff: Staff, call_id: str) -> dict[str, Any]:
        """A call's card, for its agent (offered or taken) or a supervisor; audited."""
        call = self.calls.get(call_id)
        if call is None:
            raise ConsoleError("unknown_call", "no such call")
        agent = self.queue.agents.get(staff.username)
        mine = agent is not None and agent.call_id == call_id
        if staff.role != "supervisor" and not mine:
            raise ConsoleError("forbidden", "that call is not yours")
        self.audit(staff.username, "context_opened", call_id, {"role": staff.role})
        return self._card(call)

    # -- the clock ----------------------------------------------------------------------

    async def run(self) -> None:
        """Offer time-outs, place-in-queue announcements and the longest wait; runs until
        cancelled (the server's task group owns it)."""
        while True:
            now = self.now()
            self.queue.handle_timer(now)
            for call in list(self.calls.values()):
                waiting = self.queue.waiting.get(call.call_id)
                if waiting is None:
                    continue
                if now - waiting.enqueued_at >= self.max_wait:
                    self.queue.withdraw(call.call_id, now)
                elif now - call.announced_at >= self.announce_every:
                    call.announced_at = now
                    place = self.queue.position(call.call_id) or 1
                    call.line.say(_place_words(place))
            self._pump()
            self._wake.clear()
            try:  # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancel
                async with asyncio.timeout(max(0.01, self._next_deadline(now) - now)):
                    await self._wake.wait()
            except TimeoutError:
                pass

    def _next_deadline(self, now: float) -> float:
        deadlines = [now + 1.0]
        timer = self.queue.get_timer()
        if timer is not None:
            deadlines.append(timer)
        for call in self.calls.values():
            waiting = self.queue.waiting.get(call.call_id)
            if waiting is not None:
                deadlines.append(waiting.enqueued_at + self.max_wait)
                deadlines.append(call.announced_at + self.announce_every)
        return min(deadlines)

    # -- inside -------------------------------------------------------------------------

    def _pump(self) -> None:
        while (event := self.queue.next_event()) is not None:
            if isinstance(event, OfferMade):
                call = self.calls.get(event.call.call_id)
                if call is None:
                    continue
                card = self._card(call)
                for agent_id in event.offer.agents:
                    self.audit(agent_id, "context_opened", call.call_id, {"offer": True})
                    self._send(agent_id, {"type": "offer", "offer_id": event.offer.offer_id,
                                          "call_id": call.call_id, "card": card,
                                          "expires_in_s": round(event.offer.expires_at
                                                                - self.now(), 1)})  # fmt: skip
            elif isinstance(event, OfferEnded):
                self._send(event.agent_id, {"type": "offer_ended", "offer_id": event.offer_id,
                                            "reason": event.reason})  # fmt: skip
                offered = self.calls.get(event.call_id)
                if offered is not None and event.reason != "accepted":
                    # Why this agent did not take it, typed, in the call's own record.
                    offered.line.note({"type": "offer_ended", "agent_id": event.agent_id,
                                     "reason": event.reason})  # fmt: skip
            elif isinstance(event, Connected):
                self._connected(event)
            elif isinstance(event, CallLeft):
                self._left(event)
        self._wake.set()

    def _connected(self, event: Connected) -> None:
        call = self.calls.get(event.call_id)
        if call is None:
            return
        call.agent_id = event.agent_id
        self.stats.answer_waits.append(event.waited)
        self.audit(event.agent_id, "call_taken", call.call_id, {"waited_s": round(event.waited, 1)})
        self._send(event.agent_id, {"type": "connected", "call_id": call.call_id,
                                    "card": self._card(call)})  # fmt: skip
        # The browser now sends its WebRTC offer; if it never does, the call goes back.
        call.bridging = self._spawn(self._bridge_deadline(call), f"bridge-deadline:{call.call_id}")

    async def _bridge_deadline(self, call: _Call) -> None:
        await asyncio.sleep(self.bridge_timeout)
        if call.bridge is None and call.agent_id is not None and not call.outcome.done():
            log.info("call %s: agent browser never sent media; back to the queue", call.call_id)
            agent_id = call.agent_id
            await self._finish(call, agent_id, "agent_disconnected", {"agent_id": agent_id})

    async def _bridge(self, call: _Call, sdp: str) -> None:
        if call.bridge is not None:
            raise ConsoleError("already_bridged", "this call already has audio")
        assert self.bridge_factory is not None and call.agent_id is not None
        bridge = self.bridge_factory(call.call_id)
        try:
            answer = await bridge.accept(sdp)
        except Exception as exc:
            await bridge.close()
            raise ConsoleError("bad_sdp", "the browser's offer could not be used") from exc
        call.bridge = bridge
        if call.bridging is not None:
            call.bridging.cancel()
        self._send(call.agent_id, {"type": "webrtc_answer", "call_id": call.call_id, "sdp": answer})
        call.line.connect(call.agent_id, bridge.agent_audio(), bridge.caller_audio)
        if not call.outcome.done():
            call.outcome.set_result("connected")

    async def _finish(self, call: _Call, agent_id: str, how: str, detail: dict[str, Any]) -> None:
        """The agent's part of the call is over (hang-up, back to the AI, transfer, drop)."""
        bridge, call.bridge, call.agent_id = call.bridge, None, None
        if bridge is not None:
            await bridge.close()
        if call.ended is None:
            call.line.release(how, detail | {"agent_id": agent_id})
            if not call.outcome.done():  # dropped before the bridge was up: ask again
                call.outcome.set_result(how if how != "agent_hangup" else "no_agents")
        self.dispositions[call.call_id] = {"agent_id": agent_id, **detail}
        if how != "agent_disconnected" and detail.get("disposition"):
            self.audit(
                agent_id, "disposition", call.call_id, {"disposition": detail["disposition"]}
            )
        self.queue.call_finished(agent_id, self.now())
        if call.ended is not None or how == "agent_hangup":
            self.calls.pop(call.call_id, None)
        self._send(agent_id, {"type": "call_ended", "call_id": call.call_id, "reason": how})

    def _call_ended(self, call_id: str, reason: str) -> None:
        """The call itself ended (the caller hung up, or the agent's hang-up finished it)."""
        # Still waiting? Out of the queue as abandoned (a session's cancelled request usually
        # did this already; this covers any line that ends without cancelling).
        self.queue.caller_hung_up(call_id, self.now())
        self._pump()
        call = self.calls.get(call_id)
        if call is None:
            return
        call.ended = reason
        if call.agent_id is not None:
            agent_id = call.agent_id
            self.dispositions[call_id] = {"agent_id": agent_id}
            self._send(agent_id, {"type": "call_ended", "call_id": call_id, "reason": reason})
            bridge, call.bridge, call.agent_id = call.bridge, None, None
            if bridge is not None:
                self._spawn(bridge.close(), f"bridge-close:{call_id}")
            # The agent stays on the call's wrap-up until they send their disposition.
        self.calls.pop(call_id, None)

    def _left(self, event: CallLeft) -> None:
        call = self.calls.get(event.call_id)
        if event.reason == "caller_hung_up":
            self.stats.abandoned += 1
            self.calls.pop(event.call_id, None)
            return
        self.stats.no_agents += 1
        if call is not None and not call.outcome.done():
            call.outcome.set_result("no_agents")

    def _agent_gone(self, agent_id: str, *, dropped: bool) -> None:
        self.consoles.pop(agent_id, None)
        for call in list(self.calls.values()):
            if call.agent_id == agent_id:
                self._spawn(
                    self._finish(call, agent_id, "agent_disconnected", {}), f"drop:{call.call_id}"
                )
        self.queue.sign_out(agent_id, self.now(), dropped=dropped)
        self._pump()

    def _own_call(self, agent_id: str, msg: dict[str, Any]) -> _Call:
        call_id = _text(msg, "call_id", 64)
        call = self.calls.get(call_id)
        if call is None or call.agent_id != agent_id:
            raise ConsoleError("not_your_call", "you are not on that call")
        return call

    def _disposition(self, agent_id: str, msg: dict[str, Any]) -> dict[str, Any]:
        notes = msg.get("notes", "")
        disposition = msg.get("disposition")
        if not isinstance(notes, str) or len(notes) > MAX_NOTE:
            raise ConsoleError("note_too_long", f"notes are text of at most {MAX_NOTE} characters")
        if disposition is not None and (not isinstance(disposition, str) or len(disposition) > 64):
            raise ConsoleError("bad_disposition", "a disposition is a short text")
        return {"disposition": disposition, "notes": notes, "agent_id": agent_id}

    def _card(self, call: _Call) -> dict[str, Any]:
        record = call.context.get("record") or {}
        return context_card(record, str(call.context.get("reason") or ""), call.skill)

    def _to_agent_of(self, call_id: str, msg: dict[str, Any]) -> None:
        call = self.calls.get(call_id)
        if call is not None and call.agent_id is not None:
            self._send(call.agent_id, msg)

    def _send(self, agent_id: str, msg: dict[str, Any]) -> None:
        console = self.consoles.get(agent_id)
        if console is not None:
            self._spawn(_quietly(console.send(msg)), f"send:{agent_id}")

    def _spawn(self, coro: Awaitable[Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def _quietly(send: Awaitable[None]) -> None:
    try:
        await send
    except Exception:  # a console that went away: its own disconnect handles the rest
        log.debug("console send failed", exc_info=True)


def _text(msg: dict[str, Any], key: str, limit: int) -> str:
    value = msg.get(key)
    if not isinstance(value, str) or not value or len(value) > limit:
        raise ConsoleError("bad_message", f"'{key}' must be text of at most {limit} characters")
    return value


def _place_words(place: int) -> str:
    if place == 1:
        return "Thank you for waiting. You're next in line, and someone will be with you shortly."
    return f"Thank you for waiting. You're number {place} in line. Please stay on the line."
