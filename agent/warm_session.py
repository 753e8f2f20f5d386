"""The call owner's side of a warm transfer, mixed into :class:`agent.session.Call`.

While a person is on the call the session stays the call's one owner, but it stops being an
assistant: the agent's audio is what the leg plays, every caller frame is copied to the agent,
both sides are cut into turns for the transcript only, there are no re-prompts, hold plays a
hold message, and the agent's release decides what happens next (the call ends, goes back to
the assistant, or back to the queue). Kept apart from the session's turn-taking so each reads
in one sitting; the messages and the line themselves are in :mod:`agent.warm`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from agent.speaker import Reply
from agent.warm import (
    HOLD_MESSAGE,
    AgentConnected,
    AgentHold,
    AgentLink,
    AgentReleased,
    AgentTurn,
    Announce,
    HandoffNote,
    WarmMessage,
)
from telephony.leg import AudioFrame

if TYPE_CHECKING:
    from agent.dialogue import Dialogue, Plan
    from agent.mailbox import Mailbox
    from agent.record import CallRecord
    from agent.speaker import Speaker
    from agent.speech import SpeechToText, VoiceActivityDetector
    from agent.transcriber import SpokenTurn
    from agent.turns import TurnDetector
    from telephony.leg import CallLeg

__all__ = ["PersonOnCall"]


class PersonOnCall:
    if TYPE_CHECKING:  # provided by agent.session.Call
        leg: CallLeg
        speaker: Speaker
        detector: TurnDetector
        record: CallRecord
        mailbox: Mailbox
        vad: VoiceActivityDetector
        stt: SpeechToText
        executor: Executor | None
        dialogue: Dialogue
        _agent: AgentLink | None
        _now: float
        _end_reason: str | None
        _handoff_skill: str
        _reply_ids: Iterator[int]

        def _drop_speculation(self) -> None: ...
        def _cut_off_replies(self) -> list[Reply]: ...
        def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]: ...
        def _check_timers(self) -> None: ...
        async def _synthesize(self, reply: Reply) -> None: ...
        def _perform(
            self, plan: Plan, *, caller_end: float | None, reply: Reply | None = None
        ) -> None: ...

    def _on_warm(self, msg: WarmMessage) -> None:
        if isinstance(msg, AgentConnected):
            self._drop_speculation()
            self._cut_off_replies()
            self.detector.reset()
            self._agent = AgentLink(msg, self.mailbox.put)
            self.leg.set_audio_source(self._agent.agent_audio)
            self.record.add(
                "events", {"t": round(self._now, 3), "type": "agent_connected",
                           "agent_id": msg.agent_id}
            )  # fmt: skip
        elif isinstance(msg, AgentHold) and self._agent is not None:
            self.record.add("events", {"t": round(self._now, 3), "type": "hold", "on": msg.on})
            if msg.on:
                self.leg.set_audio_source(self.speaker)
                self._say(HOLD_MESSAGE)
            else:
                self._cut_off_replies()
                self.leg.set_audio_source(self._agent.agent_audio)
        elif isinstance(msg, Announce):
            if self._agent is None and not self.speaker.busy:
                self._say(msg.text)
        elif isinstance(msg, AgentTurn):
            self._spawn(self._transcribe_turn("agent", msg.turn), "agent-turn")
        elif isinstance(msg, HandoffNote):
            self.record.add("events", {"t": round(self._now, 3), **msg.event})
        elif isinstance(msg, AgentReleased):
            self._on_agent_released(msg)

    def _on_agent_released(self, msg: AgentReleased) -> None:
        agent, self._agent = self._agent, None
        entry = {"t": round(self._now, 3), "type": "agent_released", "how": msg.how}
        self.record.add("events", entry)
        if msg.detail.get("disposition") is not None or msg.detail.get("notes"):
            by = msg.detail.get("agent_id") or (agent.agent_id if agent else None)
            self.record.set(
                "disposition",
                {"disposition": msg.detail.get("disposition"), "notes": msg.detail.get("notes"),
                 "agent_id": by},
            )  # fmt: skip
        if agent is None and msg.how != "agent_hangup":
            return
        self.leg.set_audio_source(self.speaker)
        self.detector.reset()
        if msg.how == "agent_hangup":
            self._end_reason = "agent_hangup"
            return
        outcome = "returned" if msg.how == "back_to_ai" else msg.how
        skill = str(msg.detail.get("skill") or self._handoff_skill)
        named = msg.detail.get("agent")
        plan = self.dialogue.on_handoff(outcome, skill, str(named) if named else None)
        self._perform(plan, caller_end=None)

    def _on_bridged_audio(self, frame: AudioFrame, agent: AgentLink) -> None:
        agent.to_agent(frame.pcm)
        p = self.vad.speech_probability(frame.pcm)
        turn = agent.caller_cutter.push(frame.pcm, p, frame.t)
        if turn is not None:
            self._spawn(self._transcribe_turn("caller", turn), "caller-turn")
        self._check_timers()

    async def _transcribe_turn(self, speaker: str, turn: SpokenTurn) -> None:
        loop = asyncio.get_running_loop()
        transcript = await loop.run_in_executor(
            self.executor, lambda: self.stt.transcribe(turn.audio, final=True)
        )
        text = transcript.text.strip()
        if text:
            self.record.add_turn(speaker, text, turn.t_start, turn.t_end, with_agent=True)

    def _say(self, text: str) -> None:
        """Speak a fixed sentence outside the dialogue's plans (hold and queue messages)."""
        reply = Reply(next(self._reply_ids), text, {"caller_end": None})
        self.speaker.add(reply)
        self._spawn(self._synthesize(reply), f"tts-{reply.id}")
        self.speaker.release(reply)
