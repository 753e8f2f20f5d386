"""The call owner's answering, mixed into :class:`agent.session.Call`.

A committed plan is carried out here: the dialogue commits it, its changes are written to the
clinic's data (a failed write replaces the reply), its triage findings go into the record, and
its reply is synthesised sentence by sentence and released to the speaker; hand-offs and the
end of the call follow once the reply has been heard. The record's bot turns are kept here too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from agent.actions import Assess, ClinicWriter, EndCall, Say, Transfer, Write
from agent.dialogue import Dialogue, Plan
from agent.mailbox import Mailbox
from agent.nlu import Understanding, higher_level
from agent.record import CallRecord
from agent.speaker import Reply, Speaker
from agent.speech import TextToSpeech
from agent.utterances import split_sentences, trim_leading_silence
from agent.voice_cache import VoiceCache
from agent.warm import AgentLink, HoldAudio, SessionLine
from handoff.port import Handoff
from telephony.leg import CallLeg

__all__ = ["Answering"]

log = logging.getLogger("careline.call")


@dataclass(frozen=True, slots=True)
class _HandoffOutcome:
    outcome: str
    skill: str


class Answering:
    if TYPE_CHECKING:  # provided by agent.session.Call
        leg: CallLeg
        clinic: ClinicWriter | None
        call_id: str
        tts: TextToSpeech
        dialogue: Dialogue
        record: CallRecord
        executor: Executor | None
        handoff: Handoff
        voice_cache: VoiceCache
        mailbox: Mailbox
        speaker: Speaker
        line: SessionLine
        dialogue_busy: bool
        _reply_ids: Iterator[int]
        _now: float
        _idle_since: float
        _last_bot_text: str
        _bot_turns: dict[int, int]
        _end_reason: str | None
        _agent: AgentLink | None
        _handoff_skill: str

        def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]: ...

    # -- answering ------------------------------------------------------------------------
    def _note_understanding(self, u: Understanding) -> None:
        current = self.record.data["intent"]
        if u.intent != "other" and (
            current is None or current["name"] == "other" or u.intent == "emergency"
        ):
            self.record.set("intent", {"name": u.intent, "confidence": round(u.confidence, 3)})
        elif current is None:
            self.record.set("intent", {"name": u.intent, "confidence": round(u.confidence, 3)})
        if u.triage is not None:
            self._note_triage(u.triage.as_dict())

    def _note_triage(self, new: dict[str, Any]) -> None:
        """Merge a triage finding into the record: the level only rises, flags accumulate."""
        old = self.record.data["triage"] or {}
        level = higher_level(old.get("level"), new["level"])
        flags = sorted(set(old.get("red_flags", [])) | set(new["red_flags"]))
        merged = new | {"level": level, "red_flags": flags}
        if old and old.get("level") == level and new["level"] != level:
            # A lower finding adds its flags but does not replace the finding that set it.
            for key in ("complaint", "reasons", "confidence"):
                merged[key] = old.get(key)
        self.record.set("triage", merged)

    def _prepare_reply(self, plan: Plan, caller_end: float | None) -> Reply | None:
        text = plan.text
        if not text:
            return None
        reply = Reply(next(self._reply_ids), text, {"caller_end": caller_end, "plan": plan})
        self.speaker.add(reply)
        self._spawn(self._synthesize(reply), f"tts-{reply.id}")
        return reply

    def _perform(self, plan: Plan, *, caller_end: float | None, reply: Reply | None = None) -> None:
        prior_state = self.dialogue.state
        self.dialogue.commit(plan)
        verified = getattr(self.dialogue.state, "patient_id", None)
        if verified is not None and verified != self.record.data.get("patient_id"):
            self.record.set("patient_id", verified)
        failed = self._write(plan)
        if failed is not None:
            # The reply announces a change that did not happen: it is never heard.
            if reply is not None:
                self.speaker.discard(reply)
            write, why = failed
            self._perform(self.dialogue.on_write_failed(write, why), caller_end=caller_end)
            return
        for note in plan.actions:
            if isinstance(note, Assess):  # findings are written when decided, not when heard
                self._note_triage(note.triage.as_dict())
                if note.protocol is not None:
                    self.record.set("triage_protocol", note.protocol)
        reply = reply if reply is not None else self._prepare_reply(plan, caller_end)
        followups = [a for a in plan.actions if isinstance(a, Transfer | EndCall)]
        if reply is None:
            for action in followups:
                self._follow_up(action)
            return
        reply.meta["followups"] = followups
        reply.meta.setdefault("prior_state", prior_state)
        self._last_bot_text = reply.text
        self.speaker.release(reply)

    def _write(self, plan: Plan) -> tuple[Write, str] | None:
        """Make the plan's changes to the clinic's data, in order; the first failure stops."""
        for write in (a for a in plan.actions if isinstance(a, Write)):
            entry: dict[str, Any] = {"op": write.op, "t": round(self._now, 3)}
            if write.op != "audit":
                self.record.add("self_service", entry | {"state": "started"})
            try:
                if self.clinic is None:
                    raise RuntimeError("this call has no clinic database")
                self.clinic.apply(write, self.call_id)
            except Exception as e:  # a lost race or a database fault: the caller hears it
                why = getattr(e, "why", None) or "unavailable"
                log.warning(
                    "call %s: %s write failed (%s)", self.call_id, write.op, type(e).__name__
                )
                self.record.add("self_service", entry | {"state": "failed", "why": why})
                return write, why
            if write.op != "audit":
                self.record.add("self_service", entry | {"state": "done"})
        return None

    def _follow_up(self, action: Transfer | EndCall | Say) -> None:
        if isinstance(action, EndCall):
            self._end_reason = action.reason
        elif isinstance(action, Transfer):
            if self.dialogue_busy:
                return  # a hand-off is already being arranged: never a second one at once
            self.record.set(
                "handoff",
                {
                    "requested": True,
                    "reason": action.reason,
                    "skill": action.skill,
                    "outcome": None,
                },
            )
            self.dialogue_busy = True
            # While people are asked, the caller hears the assistant's words and, between
            # them, the hold chime: never a dead line that sounds like a dropped call.
            self.leg.set_audio_source(HoldAudio(self.speaker))
            self._spawn(self._request_handoff(action), "handoff")

    async def _request_handoff(self, action: Transfer) -> None:
        context = {"record": self.record.data, "reason": action.reason, "skill": action.skill}
        if action.agent is not None:
            context["agent"] = action.agent
        outcome = await self.handoff.request(self.call_id, context, self.line)
        self.mailbox.put(_HandoffOutcome(outcome, action.skill))

    def _on_handoff(self, outcome: str, skill: str) -> None:
        self.dialogue_busy = False
        if self._agent is None:  # connected: the agent's audio is already the leg's source
            self.leg.set_audio_source(self.speaker)
        self._handoff_skill = skill
        self.record.set("handoff", self.record.data["handoff"] | {"outcome": outcome})
        if outcome == "no_agents":
            self.record.set("callback_requested", True)
        self._perform(self.dialogue.on_handoff(outcome, skill), caller_end=None)

    async def _synthesize(self, reply: Reply) -> None:
        loop = asyncio.get_running_loop()
        for sentence in split_sentences(reply.text):
            cached = self.voice_cache.get(sentence)
            if cached is not None:
                self._push(reply, cached)
                continue
            chunks: Iterator[np.ndarray] = iter(self.tts.synthesize(sentence))
            parts = []
            while (
                chunk := await loop.run_in_executor(self.executor, next, chunks, None)
            ) is not None:
                if reply.cancelled:
                    return
                parts.append(chunk)
                self._push(reply, chunk)
            if parts:
                self.voice_cache.put(sentence, np.concatenate(parts))
        self.speaker.finish_synthesis(reply)

    def _push(self, reply: Reply, audio: np.ndarray) -> None:
        timing = reply.meta.setdefault("timing", {})
        if "audio_ready" not in timing:
            timing["audio_ready"] = self._now
            audio = trim_leading_silence(audio)  # the caller should hear words at once
        self.speaker.push_audio(reply, audio)

    def _on_reply_started(self, reply: Reply, t: float) -> None:
        self._idle_since = t
        index = self.record.add_turn("bot", reply.text, t, t)
        self._bot_turns[reply.id] = index
        caller_end = reply.meta.get("caller_end")
        if caller_end is not None:
            self.record.add("turn_latency_ms", round((t - caller_end) * 1000))
            # Where the time went, from the end of the caller's speech (as the VAD saw it):
            # speculation start, understood, committed (endpoint), first audio ready, heard.
            marks = reply.meta.get("timing", {}) | {"first_audio": t}
            timing = {k: round((v - caller_end) * 1000) for k, v in marks.items()}
            self.record.update_turn(index, timing_ms=timing)

    def _on_reply_finished(self, reply: Reply, t: float) -> None:
        self._idle_since = t
        if reply.cancelled:
            return  # already written down as interrupted
        self._finish_bot_turn(reply, t, interrupted=False)
        for action in reply.meta.get("followups", []):
            self._follow_up(action)

    def _finish_bot_turn(self, reply: Reply, t: float, *, interrupted: bool) -> None:
        index = self._bot_turns.pop(reply.id, None)
        if index is None:
            return
        fields: dict[str, Any] = {"t_end": round(t, 3)}
        if interrupted:
            fields["interrupted"] = True
        if reply.underruns:
            fields["underruns"] = reply.underruns
        self.record.update_turn(index, **fields)
