"""The call owner's turn-taking, mixed into :class:`agent.session.Call`.

Every caller frame passes through here: echo is told from speech, the bot is ducked on the
first speech frame and paused on a confirmed onset (barge-in), a short backchannel resumes it,
and a pause in speech starts a *speculation* (final transcription, understanding and a planned
reply) that is committed once the silence reaches the endpoint the words call for. Partial
transcripts are taken while the caller speaks. How a reply is planned, written and spoken is
in :mod:`agent.session_replies`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from agent.actions import Write
from agent.dialogue import Dialogue, Plan
from agent.mailbox import Mailbox
from agent.nlu import Nlu, Understanding, higher_level
from agent.record import CallRecord
from agent.session_config import CallConfig
from agent.speaker import Reply, Speaker
from agent.speech import SpeechToText, Transcript, VoiceActivityDetector
from agent.turns import (
    SpeechPaused,
    SpeechResumed,
    SpeechStarted,
    TurnDetector,
    TurnTooLong,
    endpoint_ms_for,
)
from agent.utterances import is_backchannel, looks_like_echo, split_sentences
from agent.warm import AgentLink
from telephony.leg import FRAME_MS, AudioFrame, CallLeg

__all__ = ["TurnTaking"]

log = logging.getLogger("careline.call")


# -- messages into the owner --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Understood:
    spec: _Speculation


@dataclass(frozen=True, slots=True)
class _Partial:
    text: str


@dataclass(eq=False)
class _Speculation:
    """A final transcription + understanding + planned reply for one snapshot of a turn."""

    revision: int
    audio: np.ndarray
    t_start: float
    t_end: float
    transcript: Transcript | None = None
    understanding: Understanding | None = None
    plan: Plan | None = None
    reply: Reply | None = None
    task: asyncio.Task[None] | None = None
    stale: bool = False
    continues: Reply | None = None  # the interrupted reply to the first half of this turn
    timing: dict[str, float] = field(default_factory=dict)  # media times of each step

    def text(self) -> str:
        assert self.transcript is not None
        own = self.transcript.text.strip()
        if self.continues is None or not own:
            return own
        return f"{self.continues.meta['caller_text']} {own}"


@dataclass(eq=False)
class _BargeIn:
    t_onset: float
    reply: Reply | None
    confirmed: bool = False


def _made_changes(reply: Reply) -> bool:
    """Whether the reply's plan changed the clinic's data. Such a reply is never planned
    again as part of a longer turn: the booking it announced has happened, and re-planning
    from before it would make the change twice."""
    plan = reply.meta.get("plan")
    return plan is not None and any(isinstance(a, Write) for a in plan.actions)


class TurnTaking:
    if TYPE_CHECKING:  # provided by agent.session.Call
        leg: CallLeg
        call_id: str
        config: CallConfig
        stt: SpeechToText
        vad: VoiceActivityDetector
        nlu: Nlu
        dialogue: Dialogue
        record: CallRecord
        executor: Executor | None
        mailbox: Mailbox
        detector: TurnDetector
        speaker: Speaker
        _spec: _Speculation | None
        _barge: _BargeIn | None
        _continuation: Reply | None
        _partial_task: asyncio.Task[None] | None
        _next_partial_ms: int
        _on_partial: Callable[[str], None] | None
        _now: float
        _idle_since: float
        _last_bot_text: str
        _time_limit_said: bool
        _ducked_at: float | None
        _onset_s: float
        _agent: AgentLink | None

        def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]: ...
        def _check_timers(self) -> None: ...
        def _on_bridged_audio(self, frame: AudioFrame, agent: AgentLink) -> None: ...
        def _note_understanding(self, u: Understanding) -> None: ...
        def _prepare_reply(self, plan: Plan, caller_end: float | None) -> Reply | None: ...
        def _finish_bot_turn(self, reply: Reply, t: float, *, interrupted: bool) -> None: ...
        def _perform(
            self, plan: Plan, *, caller_end: float | None, reply: Reply | None = None
        ) -> None: ...

    # -- caller audio ---------------------------------------------------------------------
    def _on_audio(self, frame: AudioFrame) -> None:
        self._now = frame.t + FRAME_MS / 1000
        if self._agent is not None:
            self._on_bridged_audio(frame, self._agent)
            return
        if self._time_limit_said:
            self._check_timers()  # the goodbye is not interruptible: just let it finish
            return
        p = self.vad.speech_probability(frame.pcm)
        if self.speaker.audible and not self.speaker.paused and p > 0:
            level = float(np.sqrt(np.mean(frame.pcm.astype(np.float32) ** 2)))
            if level < self.config.echo_ratio * self.speaker.recent_output_rms():
                p = 0.0  # as loud as the bot's own echo would be: not the caller
        self._duck(p, frame.t)
        for event in self.detector.push(frame.pcm, p, frame.t):
            if isinstance(event, SpeechStarted):
                self._on_speech_started(event.t)
            elif isinstance(event, SpeechPaused | TurnTooLong):
                self._speculate(event.audio, event.t_end, event.revision)
            elif isinstance(event, SpeechResumed):
                self._drop_speculation()
        det = self.detector
        if self._ducked_at is not None and frame.t - self._ducked_at > self._onset_s:
            self._ducked_at = None  # the speech never became a turn: a click, not a caller
            self.speaker.resume()
        if det.in_turn:
            self._idle_since = self._now
            barge = self._barge
            if barge and not barge.confirmed and det.speech_ms > self.config.backchannel_max_ms:
                self._confirm_barge_in()
            # Partials only for a reader (the CLI's live view): nothing else uses them, and
            # one still decoding when the caller stops holds the final transcript back by up
            # to a whole decode (the recogniser takes one piece at a time).
            if (
                self._on_partial is not None
                and not det.paused
                and det.speech_ms >= self._next_partial_ms
            ):
                self._start_partial()
            self._maybe_commit()
        else:
            self._check_timers()

    def _duck(self, p: float, t: float) -> None:
        """Silence the bot on the first speech frame over it, before the onset is confirmed:
        barge-in must stop the bot within 150 ms and confirming takes 60. A false start costs
        the caller a 60 ms gap in the bot's words; a late stop costs talking over them."""
        if (
            p >= self.config.duck_threshold
            and self._ducked_at is None
            and self._barge is None
            and not self.detector.in_turn
            and self.speaker.audible
            and not self.speaker.paused
        ):
            self.speaker.pause()
            self.leg.flush_output()
            self._ducked_at = t

    def _on_speech_started(self, t: float) -> None:
        self._next_partial_ms = int(self.config.partial_every_s * 1000)
        ducked, self._ducked_at = self._ducked_at is not None, None
        if self.speaker.busy and (ducked or not self.speaker.paused):
            head = self.speaker.current
            self.speaker.pause()
            self.leg.flush_output()
            self._barge = _BargeIn(t_onset=t, reply=head)
            if (
                head is not None
                and "caller_text" in head.meta
                and (
                    head.t_first_audio is None
                    or t - head.t_first_audio <= self.config.continuation_s
                )
                and not _made_changes(head)
            ):
                self._continuation = head
            log.debug("call %s: speech over bot audio, paused", self.call_id)

    def _confirm_barge_in(self) -> None:
        barge = self._barge
        if barge is None or barge.confirmed:
            return
        barge.confirmed = True
        dropped = self._cut_off_replies()
        heard = barge.reply is not None and barge.reply.started
        t_stop = barge.reply.t_last_audio if heard and barge.reply else None
        self.record.add(
            "barge_ins",
            {
                "t_onset": round(barge.t_onset, 3),
                "t_bot_audio_stopped": round(t_stop, 3) if t_stop is not None else None,
                "stop_latency_ms": round((t_stop - barge.t_onset) * 1000) if t_stop else None,
                "replies_dropped": len(dropped),
            },
        )

    def _cut_off_replies(self) -> list[Reply]:
        """Stop the bot and drop every reply queued; what was heard is marked interrupted."""
        dropped = self.speaker.cancel_all(self._now)
        for reply in dropped:
            self._finish_bot_turn(reply, reply.t_last_audio or self._now, interrupted=True)
        return dropped

    def _resume_after_backchannel(self) -> None:
        if self._barge is not None and not self._barge.confirmed:
            self.speaker.resume()
        self._barge = None
        self._continuation = None

    # -- speculation: transcribe, understand and plan before the turn is over --------------
    def _speculate(self, audio: np.ndarray, t_end: float, revision: int) -> None:
        if self._spec is not None and self._spec.revision == revision and not self._spec.stale:
            return
        self._drop_speculation()
        spec = _Speculation(
            revision, audio, self.detector.t_start, t_end, continues=self._continuation
        )
        spec.task = self._spawn(self._understand(spec), f"understand-r{revision}")
        self._spec = spec

    def _stt_context(self) -> str:
        """The agent's last question, while the caller is answering triage questions (or
        whether a call that named only a medicine is for a refill).

        There it helps most (a short "No, not at all" was heard as "So, how can all"); on
        other turns it changed some transcripts' last words, and a trailing word costs a
        full second of endpoint wait.
        """
        if self.dialogue.state.stage not in ("triage", "medicine_check"):
            return ""
        return " ".join(split_sentences(self._last_bot_text)[-2:])

    async def _understand(self, spec: _Speculation) -> None:
        loop = asyncio.get_running_loop()
        spec.timing["speculating"] = self._now
        context = self._stt_context()
        spec.transcript = await loop.run_in_executor(
            self.executor,
            lambda: self.stt.transcribe(spec.audio, final=True, context=context),
        )
        text = spec.text()
        spec.understanding = await loop.run_in_executor(
            self.executor, lambda: self.nlu.understand(text)
        )
        self.mailbox.put(_Understood(spec))

    def _on_understood(self, spec: _Speculation) -> None:
        if spec.stale or spec is not self._spec:
            return
        spec.timing["understood"] = self._now
        assert spec.transcript is not None and spec.understanding is not None
        own = spec.transcript.text.strip()
        if own and not self._ignorable(own):
            spec.plan = self._plan_turn(spec)
            spec.reply = self._prepare_reply(spec.plan, caller_end=spec.t_end)
        self._maybe_commit()

    def _plan_turn(self, spec: _Speculation) -> Plan:
        assert spec.understanding is not None
        if spec.continues is None:
            return self.dialogue.respond(spec.text(), spec.understanding)
        # Plan as if the interrupted reply had never been given -- except that what was
        # learnt about urgency stays learnt: a level never falls.
        current = self.dialogue.state
        prior = spec.continues.meta["prior_state"]
        self.dialogue.state = replace(prior, level=higher_level(prior.level, current.level))
        try:
            return self.dialogue.respond(spec.text(), spec.understanding)
        finally:
            self.dialogue.state = current

    def _ignorable(self, text: str) -> bool:
        if self._barge is not None and is_backchannel(text):
            return True
        if looks_like_echo(text, self._last_bot_text) and self._barge is not None:
            return True
        # Whisper hears each turn with the agent's last question as context, and on a faint
        # or noisy turn it can hand that context back as if the caller had said it.
        return looks_like_echo(text, self._stt_context())

    def _drop_speculation(self) -> None:
        spec = self._spec
        if spec is None:
            return
        spec.stale = True
        if spec.task is not None and not spec.task.done():
            spec.task.cancel()
        if spec.reply is not None:
            self.speaker.discard(spec.reply)
        self._spec = None

    def _maybe_commit(self) -> None:
        det, spec = self.detector, self._spec
        if not det.paused or spec is None or spec.transcript is None or spec.understanding is None:
            return
        if spec.revision != det.revision:
            return
        needed = endpoint_ms_for(spec.transcript.text, self.config.turn)
        too_long = det.speech_ms + det.silence_ms >= self.config.turn.max_turn_s * 1000
        if det.silence_ms >= needed or too_long:
            self._commit(spec)

    def _commit(self, spec: _Speculation) -> None:
        self._spec = None
        self.detector.end_turn()
        self._idle_since = self._now
        assert spec.transcript is not None and spec.understanding is not None
        text = spec.transcript.text.strip()
        if not text:
            self._resume_after_backchannel()  # noise, a cough, a click: not a turn
            return
        if spec.plan is None:  # a backchannel or our own echo
            kind = "backchannel" if is_backchannel(text) else "echo"
            self.record.add("events", {"t": round(spec.t_start, 3), "type": kind})
            self._resume_after_backchannel()
            return
        self._confirm_barge_in()
        self._barge = None
        self._continuation = None
        # Anything still queued (a reply not yet heard) is superseded by this newer turn.
        self._cut_off_replies()
        u = spec.understanding
        extra: dict[str, Any] = {}
        if spec.continues is not None:
            extra["continues_turn"] = spec.continues.meta.get("caller_turn")
        index = self.record.add_turn(
            "caller",
            text,
            spec.t_start,
            spec.t_end,
            confidence=round(spec.transcript.confidence, 3),
            intent=u.intent,
            intent_confidence=round(u.confidence, 3),
            **extra,
        )
        self._note_understanding(u)
        if spec.reply is not None:
            spec.reply.meta.update(caller_text=spec.text(), caller_turn=index)
            timing = spec.reply.meta.setdefault("timing", {})
            timing.update(spec.timing, committed=self._now)
        self._perform(spec.plan, caller_end=spec.t_end, reply=spec.reply)

    def _start_partial(self) -> None:
        self._next_partial_ms = self.detector.speech_ms + int(self.config.partial_every_s * 1000)
        if self._partial_task is not None and not self._partial_task.done():
            return  # the recogniser is still busy with the previous partial: skip this one
        audio = self.detector.audio()
        self._partial_task = self._spawn(self._partial(audio), "partial")

    async def _partial(self, audio: np.ndarray) -> None:
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            self.executor, lambda: self.stt.transcribe(audio, final=False)
        )
        if result.text.strip():
            self.mailbox.put(_Partial(result.text.strip()))
