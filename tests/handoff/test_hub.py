"""The hub between sessions and consoles, with a fake call line and a fake bridge."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, ClassVar

import numpy as np
import pytest

from handoff.accounts import Staff
from handoff.hub import HandoffHub
from handoff.queue import TransferQueue

RECORD: dict[str, Any] = {
    "call_id": "call-1",
    "caller": {"number": "+15550100", "display_name": "Pat Doe"},
    "patient_id": 7,
    "intent": {"name": "symptoms", "confidence": 0.9},
    "triage": {"level": "urgent", "complaint": "abdominal_pain", "red_flags": [],
               "reasons": ["pain for two days"]},
    "triage_protocol": {"answers": [{"question": "Is the pain severe?", "answer": "no",
                                     "via": "speech"}]},
    "turns": [{"speaker": "bot", "text": "How can I help?", "t_start": 0.0},
              {"speaker": "caller", "text": "My stomach hurts.", "t_start": 2.0}],
    "self_service": [],
}  # fmt: skip
NINA = Staff("nina", "Nina Nurse", "agent", frozenset({"nurse"}))
OMAR = Staff("omar", "Omar Nurse", "agent", frozenset({"nurse"}))
SUE = Staff("sue", "Sue Supervisor", "supervisor", frozenset())


class FakeLine:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.sinks: list[Any] = []
        self.connected = asyncio.Event()

    def connect(self, agent_id: str, agent_audio: Any, caller_audio: Any) -> None:
        self.calls.append(("connect", agent_id))
        self.caller_audio = caller_audio
        self.connected.set()

    def release(self, how: str, detail: dict[str, Any] | None = None) -> None:
        self.calls.append(("release", (how, detail)))

    def hold(self, on: bool) -> None:
        self.calls.append(("hold", on))

    def say(self, text: str) -> None:
        self.calls.append(("say", text))

    def watch(self, sink: Any) -> None:
        self.sinks.append(sink)

    def note(self, event: dict[str, Any]) -> None:
        self.calls.append(("note", event))


class FakeBridge:
    made: ClassVar[list[FakeBridge]] = []

    def __init__(self, call_id: str) -> None:
        self.call_id = call_id
        self.heard: list[np.ndarray] = []
        self.closed = False
        self.muted = False
        FakeBridge.made.append(self)

    async def accept(self, offer_sdp: str) -> str:
        if "bogus" in offer_sdp:
            raise ValueError("unparseable")
        return "v=0\r\nanswer"

    def agent_audio(self) -> object:
        return object()

    def caller_audio(self, pcm: np.ndarray) -> None:
        self.heard.append(pcm)

    def mute(self, on: bool) -> None:
        self.muted = on

    async def close(self) -> None:
        self.closed = True


class Console:
    def __init__(self, hub: HandoffHub, staff: Staff) -> None:
        self.hub, self.staff = hub, staff
        self.inbox: list[dict[str, Any]] = []
        hub.console_opened(staff, self._send)

    async def _send(self, msg: dict[str, Any]) -> None:
        self.inbox.append(msg)

    async def say(self, **msg: Any) -> None:
        await self.hub.handle(self.staff, msg)
        await settle()

    def last(self, kind: str) -> dict[str, Any]:
        found = [m for m in self.inbox if m["type"] == kind]
        assert found, f"no {kind} in {self.inbox}"
        return found[-1]

    def errors(self) -> list[str]:
        return [m["code"] for m in self.inbox if m["type"] == "error"]


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


@pytest.fixture
async def hub() -> AsyncIterator[HandoffHub]:
    audits: list[tuple[str, str, str | None]] = []
    FakeBridge.made.clear()
    h = HandoffHub(
        TransferQueue(offer_timeout=5),
        bridge_factory=FakeBridge,
        audit=lambda actor, action, call_id, detail: audits.append((actor, action, call_id)),
        max_wait=30,
    )
    h.audits = audits  # type: ignore[attr-defined]
    runner = asyncio.create_task(h.run())
    yield h
    runner.cancel()
    await asyncio.gather(runner, return_exceptions=True)
    await h.close()


def context(skill: str = "nurse") -> dict[str, Any]:
    return {"record": RECORD, "reason": "triage_urgent", "skill": skill}


async def offered_to(hub: HandoffHub, agent: Console) -> tuple[FakeLine, asyncio.Task[str]]:
    """call-1 asks for a person with ``agent`` just made available: the line and the request."""
    await agent.say(type="available")
    line = FakeLine()
    asking = asyncio.create_task(hub.request("call-1", context(), line))
    await settle()
    return line, asking


async def test_nobody_signed_in_is_no_agents(hub: HandoffHub) -> None:
    assert await hub.request("call-1", context(), FakeLine()) == "no_agents"


async def test_offer_accept_bridge_and_the_card_an_agent_sees(hub: HandoffHub) -> None:
    nina = Console(hub, NINA)
    line, asking = await offered_to(hub, nina)
    offer = nina.last("offer")
    card = offer["card"]
    assert card["intent"] == "symptoms" and card["triage"]["level"] == "urgent"
    assert card["caller"]["identity_verified"] is True
    assert card["triage"]["answers"][0]["answer"] == "no"
    assert [t["text"] for t in card["transcript"]] == ["How can I help?", "My stomach hurts."]
    assert "Identity verified" in card["summary"] and "urgent" in card["summary"]
    await nina.say(type="accept", offer_id=offer["offer_id"])
    assert nina.last("connected")["call_id"] == "call-1"
    await nina.say(
        type="webrtc_offer", call_id="call-1", sdp="v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111"
    )
    assert nina.last("webrtc_answer")["sdp"].startswith("v=0")
    assert await asyncio.wait_for(asking, 1) == "connected"
    assert line.calls[0] == ("connect", "nina")
    actions = [a for _, a, _ in hub.audits]  # type: ignore[attr-defined]
    assert actions[:2] == ["context_opened", "call_taken"]

    # the transcript streams to the agent as the record grows
    line.sinks[0].append({"op": "turn", "turn": {"speaker": "caller", "text": "It's worse.",
                                                 "t_start": 9.0}})  # fmt: skip
    await settle()
    assert nina.last("transcript")["text"] == "It's worse."

    await nina.say(type="hold", call_id="call-1", on=True)
    await nina.say(type="mute", call_id="call-1", on=True)
    assert ("hold", True) in line.calls and FakeBridge.made[0].muted
    await nina.say(type="hangup", call_id="call-1", disposition="advised_er", notes="sent to ER")
    how, detail = line.calls[-1][1]
    assert how == "agent_hangup" and detail["disposition"] == "advised_er"
    assert FakeBridge.made[0].closed and nina.last("call_ended")["reason"] == "agent_hangup"
    assert hub.queue.agents["nina"].status == "wrap_up"


async def test_bad_console_messages_get_errors_and_change_nothing(hub: HandoffHub) -> None:
    nina, omar = Console(hub, NINA), Console(hub, OMAR)
    await nina.say(type="available")
    asking = asyncio.create_task(hub.request("call-1", context(), FakeLine()))
    await settle()
    offer = nina.last("offer")
    await hub.handle(NINA, ["not", "an", "object"])
    await nina.say(type="teleport")
    await omar.say(type="accept", offer_id=offer["offer_id"])  # not offered to omar
    await nina.say(type="accept", offer_id="x" * 500)
    await nina.say(type="accept", offer_id=offer["offer_id"])
    await nina.say(type="accept", offer_id=offer["offer_id"])  # a replayed acceptance
    await omar.say(type="webrtc_offer", call_id="call-1", sdp="v=0 m=audio")  # forged call
    await nina.say(type="webrtc_offer", call_id="call-1", sdp="v=0\r\nm=video 9 RTP/AVP 96")
    await nina.say(type="webrtc_offer", call_id="call-1", sdp="bogus m=audio")
    await nina.say(type="hangup", call_id="call-1", notes="n" * 100_000)
    await nina.say(type="hold", call_id="call-1", on="yes")
    assert nina.errors() == [
        "bad_message", "unknown_type", "bad_message", "offer_gone", "no_audio", "bad_sdp",
        "note_too_long", "bad_message",
    ]  # fmt: skip
    assert omar.errors() == ["not_yours", "not_your_call"]
    assert not asking.done()  # the call is still with nina, waiting for her audio
    await nina.say(type="webrtc_offer", call_id="call-1", sdp="v=0\r\nm=audio 9 RTP/AVP 0")
    assert await asyncio.wait_for(asking, 1) == "connected"


async def test_two_agents_accepting_at_once_exactly_one_gets_the_call() -> None:
    hub = HandoffHub(TransferQueue(ring_all=True), bridge_factory=FakeBridge)
    nina, omar = Console(hub, NINA), Console(hub, OMAR)
    await nina.say(type="available")
    await omar.say(type="available")
    asking = asyncio.create_task(hub.request("call-1", context(), FakeLine()))
    await settle()
    offer_id = nina.last("offer")["offer_id"]
    assert omar.last("offer")["offer_id"] == offer_id
    await asyncio.gather(
        hub.handle(NINA, {"type": "accept", "offer_id": offer_id}),
        hub.handle(OMAR, {"type": "accept", "offer_id": offer_id}),
    )
    await settle()
    winners = [c for c in (nina, omar) if any(m["type"] == "connected" for m in c.inbox)]
    losers = [c for c in (nina, omar) if c.errors() == ["offer_gone"]]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].last("offer_ended")["reason"] == "taken"
    asking.cancel()
    await asyncio.gather(asking, return_exceptions=True)
    await hub.close()


async def test_the_caller_hangs_up_while_waiting(hub: HandoffHub) -> None:
    nina = Console(hub, NINA)
    await nina.say(type="available")
    asking = asyncio.create_task(hub.request("call-1", context(), FakeLine()))
    await settle()
    assert nina.last("offer")
    asking.cancel()  # the session is gone: its hand-off task is cancelled
    await asyncio.gather(asking, return_exceptions=True)
    await settle()
    assert nina.last("offer_ended")["reason"] == "caller_hung_up"
    assert hub.queue.counters["abandoned"] == 1 and hub.stats.abandoned == 1
    assert hub.queue.agents["nina"].status == "available"


async def test_a_waiting_call_whose_record_ends_leaves_the_queue_once(hub: HandoffHub) -> None:
    nina = Console(hub, NINA)
    line, asking = await offered_to(hub, nina)
    # the call's record ends (the caller hung up) before anything cancels the request
    line.sinks[0].append({"op": "end", "end_reason": "caller_hangup"})
    await settle()
    assert nina.last("offer_ended")["reason"] == "caller_hung_up"
    assert hub.queue.waiting == {} and hub.queue.agents["nina"].status == "available"
    asking.cancel()  # then the session's own cancel, as it always follows: counted once
    await asyncio.gather(asking, return_exceptions=True)
    assert hub.queue.counters["abandoned"] == 1 and hub.stats.abandoned == 1


async def test_the_agent_page_closes_mid_offer_and_mid_call(hub: HandoffHub) -> None:
    nina, omar = Console(hub, NINA), Console(hub, OMAR)
    await nina.say(type="available")
    await omar.say(type="available")
    line = FakeLine()
    asking = asyncio.create_task(hub.request("call-1", context(), line))
    await settle()
    first = nina if any(m["type"] == "offer" for m in nina.inbox) else omar
    second = omar if first is nina else nina
    hub.console_closed(first.staff)  # mid-offer: offered to the other agent
    await settle()
    # the call's record says why the first agent did not take it
    dropped = {"type": "offer_ended", "agent_id": first.staff.username,
               "reason": "agent_disconnected"}  # fmt: skip
    assert ("note", dropped) in line.calls
    offer = second.last("offer")
    await second.say(type="accept", offer_id=offer["offer_id"])
    await second.say(type="webrtc_offer", call_id="call-1", sdp="v=0\r\nm=audio 9 RTP/AVP 0")
    assert await asyncio.wait_for(asking, 1) == "connected"
    hub.console_closed(second.staff)  # mid-call: the caller goes back, never dropped
    await settle()
    assert line.calls[-1][0] == "release" and line.calls[-1][1][0] == "agent_disconnected"
    assert FakeBridge.made[-1].closed


async def test_an_accept_whose_browser_never_sends_audio_goes_back(hub: HandoffHub) -> None:
    hub.bridge_timeout = 0.05
    nina = Console(hub, NINA)
    await nina.say(type="available")
    asking = asyncio.create_task(hub.request("call-1", context(), FakeLine()))
    await settle()
    await nina.say(type="accept", offer_id=nina.last("offer")["offer_id"])
    assert await asyncio.wait_for(asking, 1) == "agent_disconnected"


async def test_a_long_wait_hears_its_place_then_ends_in_no_agents(hub: HandoffHub) -> None:
    hub.max_wait, hub.announce_every = 0.3, 0.1
    Console(hub, NINA)  # signed in, never available
    line = FakeLine()
    assert await asyncio.wait_for(hub.request("call-1", context(), line), 2) == "no_agents"
    said = [a for k, a in line.calls if k == "say"]
    assert said and "next in line" in said[0]
    assert hub.stats.no_agents == 1


async def taken_by(hub: HandoffHub, agent: Console) -> FakeLine:
    """call-1, offered to ``agent`` (just made available), accepted and bridged."""
    line, asking = await offered_to(hub, agent)
    await agent.say(type="accept", offer_id=agent.last("offer")["offer_id"])
    await agent.say(type="webrtc_offer", call_id="call-1", sdp="v=0\r\nm=audio 9 RTP/AVP 0")
    assert await asking == "connected"
    return line


async def test_the_caller_hangs_up_mid_call_and_the_agent_writes_the_wrap_up(
    hub: HandoffHub,
) -> None:
    nina = Console(hub, NINA)
    line = await taken_by(hub, nina)
    line.sinks[0].append({"op": "end", "end_reason": "caller_hangup"})
    await settle()
    assert nina.last("call_ended")["reason"] == "caller_hangup"
    await nina.say(type="wrap_up", call_id="call-2", disposition="x")
    assert nina.errors() == ["not_your_call"]
    await nina.say(type="wrap_up", call_id="call-1", disposition="resolved", notes="ok")
    assert hub.queue.agents["nina"].status == "wrap_up"
    assert ("nina", "disposition", "call-1") in hub.audits  # type: ignore[attr-defined]


async def test_supervisor_sees_any_context_and_an_agent_only_their_own(hub: HandoffHub) -> None:
    nina = Console(hub, NINA)
    Console(hub, OMAR)
    await nina.say(type="available")
    asking = asyncio.create_task(hub.request("call-1", context(), FakeLine()))
    await settle()
    assert hub.context_for(SUE, "call-1")["call_id"] == "call-1"
    assert hub.context_for(NINA, "call-1")["intent"] == "symptoms"  # offered to her
    with pytest.raises(Exception, match="not yours"):
        hub.context_for(OMAR, "call-1")
    asking.cancel()
    await asyncio.gather(asking, return_exceptions=True)


async def test_an_agent_transfers_to_a_named_colleague(hub: HandoffHub) -> None:
    nina, omar = Console(hub, NINA), Console(hub, OMAR)
    line = await taken_by(hub, nina)
    await nina.say(type="transfer", call_id="call-1", skill="nurse", agent="nina")
    await nina.say(type="transfer", call_id="call-1", skill="nurse", agent="ghost")
    assert nina.errors() == ["bad_agent", "bad_agent"]  # not herself, not a stranger
    await omar.say(type="available")
    await nina.say(type="transfer", call_id="call-1", skill="nurse", agent="omar")
    how, detail = line.calls[-1][1]
    assert how == "transfer" and detail["agent"] == "omar"
    # the session asks again, naming omar: he is rung, though nina is free too
    await nina.say(type="available")
    again = asyncio.create_task(hub.request("call-1", context() | {"agent": "omar"}, line))
    await settle()
    assert omar.last("offer")["call_id"] == "call-1"
    assert all(m["type"] != "offer" or m["offer_id"] != omar.last("offer")["offer_id"]
               for m in nina.inbox)  # fmt: skip
    again.cancel()
    await asyncio.gather(again, return_exceptions=True)
