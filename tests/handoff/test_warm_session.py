"""A warm transfer seen from the call owner: replayed calls on fakes, with a scripted agent desk
standing in for the hub (the hub itself is tested in test_hub.py, the browser in test_console)."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np

from agent.replay.harness import replay_call
from agent.replay.script import CallerStep, CallScript
from agent.warm import HOLD_MESSAGE
from tests.fakes import ToneBook, tone_renderer

AGENT_HELLO = "hello this is nina the nurse"
CALLER_WORDS = "my stomach hurts since yesterday"


class Recording:
    """The agent's microphone: plays one utterance after ``delay`` seconds of silence."""

    def __init__(self, audio: np.ndarray, delay: float = 0.5) -> None:
        self.audio = np.concatenate([np.zeros(int(delay * 16000), np.int16), audio])
        self.pos = 0

    def read_frame(self, t: float) -> np.ndarray | None:
        if self.pos >= len(self.audio):
            return None
        frame = self.audio[self.pos : self.pos + 320]
        self.pos += 320
        return frame


class AgentDesk:
    """Connects every request at once, then follows ``script``: (seconds, action, arg)."""

    def __init__(self, book: ToneBook, script: list[tuple[float, str, Any]]) -> None:
        self.book, self.script = book, script
        self.requests: list[dict[str, Any]] = []
        self.heard: list[np.ndarray] = []
        self.tasks: list[asyncio.Task[None]] = []

    async def request(self, call_id: str, context: dict[str, Any], line: Any = None) -> str:
        self.requests.append(context)
        if len(self.requests) > 1:
            return "no_agents"
        line.note({"type": "offer_ended", "agent_id": "omar", "reason": "declined"})
        line.connect("nina", Recording(self.book.say(AGENT_HELLO)), self.heard.append)
        self.tasks.append(asyncio.get_running_loop().create_task(self._follow(line)))
        return "connected"

    async def _follow(self, line: Any) -> None:
        for delay, action, arg in self.script:
            await asyncio.sleep(delay)
            if action == "hold":
                line.hold(arg)
            else:
                line.release(action, arg)


def call(*steps: CallerStep) -> CallScript:
    return CallScript(id="warm", caller=[CallerStep(say="I want to speak to someone"), *steps])


def test_the_caller_and_the_agent_hear_each_other_and_both_are_transcribed(fake_engine, book):
    desk = AgentDesk(book, [(12.0, "agent_hangup", {"disposition": "advice", "notes": "ok"})])
    result = replay_call(
        fake_engine, call(CallerStep(say=CALLER_WORDS)), handoff=desk, render=tone_renderer(book)
    )
    rec = result.record.data
    assert rec["handoff"]["outcome"] == "connected" and rec["end_reason"] == "agent_hangup"
    assert any(e["type"] == "agent_connected" and e["agent_id"] == "nina" for e in rec["events"])
    # an offer another agent let go is in the record, typed
    let_go = [e for e in rec["events"] if e["type"] == "offer_ended"]
    assert [(e["agent_id"], e["reason"]) for e in let_go] == [("omar", "declined")]
    assert let_go[0]["t"] > 0
    bridged = [(t["speaker"], t["text"]) for t in rec["turns"] if t.get("with_agent")]
    assert bridged == [("agent", AGENT_HELLO), ("caller", CALLER_WORDS)]
    # what the agent heard is the caller's voice: the desk got the caller's frames
    loud = [f for f in desk.heard if np.sqrt(np.mean(f.astype(np.float32) ** 2)) > 1000]
    assert book.lookup(np.concatenate(loud)) == CALLER_WORDS
    assert rec["disposition"] == {"disposition": "advice", "notes": "ok", "agent_id": "nina"}
    joined = next(e["t"] for e in rec["events"] if e["type"] == "agent_connected")
    bot_after = [t for t in rec["turns"] if t["speaker"] == "bot" and t["t_start"] >= joined]
    assert bot_after == []  # the assistant kept quiet while the person talked


def test_back_to_the_assistant(fake_engine, book):
    desk = AgentDesk(book, [(4.0, "back_to_ai", {})])
    result = replay_call(
        fake_engine,
        call(CallerStep(say="no that's all thanks", pause=6.0)),
        handoff=desk,
        render=tone_renderer(book),
    )
    rec = result.record.data
    bot = [t["text"] for t in rec["turns"] if t["speaker"] == "bot"]
    assert any("back with the automated assistant" in b for b in bot), bot
    assert rec["end_reason"] == "bot_hangup"


def test_a_dropped_agent_sends_the_caller_back_to_the_queue_never_off_the_line(fake_engine, book):
    desk = AgentDesk(book, [(3.0, "agent_disconnected", {})])
    result = replay_call(fake_engine, call(), handoff=desk, render=tone_renderer(book))
    rec = result.record.data
    assert [r["reason"] for r in desk.requests] == ["caller_request", "agent_disconnected"]
    bot = " ".join(t["text"] for t in rec["turns"] if t["speaker"] == "bot")
    assert "lost the connection" in bot and "no one is available" in bot
    assert rec["end_reason"] == "no_agents" and rec["callback_requested"] is True


def test_hold_plays_the_hold_message_and_resumes_the_agent(fake_engine, book):
    desk = AgentDesk(book, [(3.0, "hold", True), (4.0, "hold", False), (1.0, "agent_hangup", {})])
    result = replay_call(fake_engine, call(), handoff=desk, render=tone_renderer(book))
    rec = result.record.data
    holds = [e["on"] for e in rec["events"] if e["type"] == "hold"]
    assert holds == [True, False]
    assert HOLD_MESSAGE.startswith("Please hold.") and "Please hold." in fake_engine.tts.spoken
    assert rec["end_reason"] == "agent_hangup"


def test_a_transfer_to_a_named_colleague_asks_for_them(fake_engine, book):
    desk = AgentDesk(book, [(3.0, "transfer", {"skill": "billing", "agent": "omar"})])
    result = replay_call(fake_engine, call(), handoff=desk, render=tone_renderer(book))
    assert [(r["reason"], r["skill"], r.get("agent")) for r in desk.requests] == [
        ("caller_request", "general", None),
        ("transfer", "billing", "omar"),
    ]
    bot = " ".join(t["text"] for t in result.record.data["turns"] if t["speaker"] == "bot")
    assert "while I transfer you" in bot


class SlowDesk(AgentDesk):
    """Nobody free for ``wait`` seconds; then an agent takes the call (or nobody: no_agents)."""

    def __init__(self, book: ToneBook, script: list[tuple[float, str, Any]], wait: float,
                 answer: bool = True) -> None:  # fmt: skip
        super().__init__(book, script)
        self.wait, self.answer = wait, answer

    async def request(self, call_id: str, context: dict[str, Any], line: Any = None) -> str:
        await asyncio.sleep(self.wait)
        if not self.answer:
            return "no_agents"
        return await super().request(call_id, context, line)


def chime_seconds(bot: np.ndarray) -> list[float]:
    """The seconds of the bot's channel whose loudest tone is one of the hold chime's notes
    (the fake voices and the agent's recording use other pitches)."""
    out = []
    for s in range(0, bot.size - 16000, 16000):
        window = bot[s : s + 16000].astype(np.float32)
        peak = int(np.argmax(np.abs(np.fft.rfft(window))))  # 1 Hz bins
        if window.std() > 100 and min(abs(peak - 659), abs(peak - 523)) <= 2:
            out.append(s / 16000)
    return out


def test_a_waiting_caller_hears_the_hold_chime_between_messages(fake_engine, book):
    from agent.warm import hold_chime

    chime = hold_chime()
    assert np.abs(chime).max() <= 1600 and np.count_nonzero(chime) < chime.size // 4
    desk = SlowDesk(book, [(3.0, "agent_hangup", {})], wait=12.0)
    result = replay_call(fake_engine, call(), handoff=desk, render=tone_renderer(book))
    rec = result.record.data
    joined = next(e["t"] for e in rec["events"] if e["type"] == "agent_connected")
    asked = max(t["t_end"] for t in rec["turns"] if t["speaker"] == "bot" and t["t_end"] < joined)
    heard = chime_seconds(result.audio[:, 1])
    # between the assistant's last words and the agent: the chime, every 4 s or so
    assert len([s for s in heard if asked <= s < joined - 1]) >= 2, (asked, joined, heard)
    # never over the assistant's own words, never once the agent is on
    assert all(s >= asked - 1 for s in heard)
    assert not [s for s in heard if s >= joined]


def test_no_chime_once_nobody_could_take_the_call(fake_engine, book):
    desk = SlowDesk(book, [], wait=6.0, answer=False)
    result = replay_call(fake_engine, call(), handoff=desk, render=tone_renderer(book))
    rec = result.record.data
    assert rec["handoff"]["outcome"] == "no_agents"
    told = max(t["t_start"] for t in rec["turns"] if t["speaker"] == "bot")
    heard = chime_seconds(result.audio[:, 1])
    assert heard and max(heard) < told  # chimed while waiting, not after the answer came
