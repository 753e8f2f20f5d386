"""The call owner: one coroutine per call that hears, understands, answers and ends it.

``Call.run()`` owns everything about a call. Inbound leg events and the results of
background work (transcription, synthesis, hand-off) arrive in one :class:`Mailbox` and are
handled one at a time, so call state is only ever changed here. Work that takes real time
runs as named tasks in the call's TaskGroup, on the inference thread pool; a task never
changes state, it posts its result back. Every way a call ends goes through ``close``.

How a turn flows (see ``agent/turns.py`` for the timing rules):

1. VAD + :class:`TurnDetector` on every 20 ms frame. Speech onset while the bot talks pauses
   the bot at once (barge-in); a short backchannel ("mm-hm") resumes it.
2. A pause in speech starts a *speculation*: final transcription, understanding, a planned
   reply and its first sentence of speech, all before the end of turn is confirmed.
3. Once the silence reaches the endpoint the words call for, the turn is committed: the
   dialogue commits the plan and the already-synthesised reply is released to the speaker.
   Speech that resumes first throws the speculation away, so one turn gets one reply.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from agent.actions import Assess, ClinicWriter, EndCall, Say, Transfer, Write
from agent.dialogue import Dialogue, Plan
from agent.mailbox import Mailbox
from agent.nlu import Nlu, Understanding, higher_level
from agent.record import CallRecord, caller_fields
from agent.speaker import Reply, ReplyFinished, ReplyStarted, Speaker
from agent.speech import SpeechToText, TextToSpeech, Transcript, VoiceActivityDetector
from agent.turns import (
    SpeechPaused,
    SpeechResumed,
    SpeechStarted,
    TurnConfig,
    TurnDetector,
    TurnTooLong,
    endpoint_ms_for,
)
from agent.utterances import (
    is_backchannel,
    looks_like_echo,
    split_sentences,
    trim_leading_silence,
)
from agent.voice_cache import VoiceCache
from agent.warm import AgentLink, HoldAudio, SessionLine, WarmMessage
from agent.warm_session import PersonOnCall
from handoff.port import Handoff, NoAgents
from telephony.leg import FRAME_MS, AudioFrame, CallLeg, DtmfDigit, LegHangup

log = logging.getLogger("careline.call")

HARD_STOP_AFTER_LIMIT_S = 60.0


@dataclass(frozen=True, slots=True)
class CallConfig:
    turn: TurnConfig = field(default_factory=TurnConfig)
    reprompt_after_s: float = 7.0  # caller silence before "are you still there?"
    max_call_s: float = 20 * 60.0
    backchannel_max_ms: int = 700  # longer speech over the bot is a real barge-in
    # Speech this soon after the bot began answering means the caller had not finished:
    # the two pieces are one turn, answered once, from the dialogue state before the reply.
    continuation_s: float = 1.0
    # Speech probability that pauses the bot tentatively (lower than the turn threshold: a
    # pause is undone in 80 ms if no speech follows, a late one talks over the caller).
    duck_threshold: float = 0.3
    echo_ratio: float = 0.25  # inbound quieter than this x outbound level is echo, not speech
    dtmf_timeout_s: float = 1.5  # digits are a turn after this pause (or on '#')
    partial_every_s: float = 1.0  # partial transcripts while the caller speaks
    mailbox_audio_frames: int = 250  # 5 s of inbound audio; the oldest drops when full


# -- messages into the owner --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Understood:
    spec: _Speculation


@dataclass(frozen=True, slots=True)
class _Partial:
    text: str


@dataclass(frozen=True, slots=True)
class _HandoffOutcome:
    outcome: str
    skill: str


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


class Call(PersonOnCall):
    def __init__(
        self,
        leg: CallLeg,
        *,
        call_id: str,
        stt: SpeechToText,
        tts: TextToSpeech,
        vad: VoiceActivityDetector,
        nlu: Nlu,
        dialogue: Dialogue,
        record: CallRecord,
        executor: Executor | None = None,
        handoff: Handoff | None = None,
        config: CallConfig | None = None,
        voice_cache: VoiceCache | None = None,
        leg_kind: str = "memory",
        clock_kind: str = "realtime",
        on_partial: Callable[[str], None] | None = None,
        clinic: ClinicWriter | None = None,
    ) -> None:
        self.leg = leg
        self.clinic = clinic
        self.call_id = call_id
        self.stt, self.tts, self.vad, self.nlu = stt, tts, vad, nlu
        self.dialogue = dialogue
        self.record = record
        self.executor = executor
        self.handoff = handoff or NoAgents()
        self.config = config or CallConfig()
        self.voice_cache = voice_cache if voice_cache is not None else VoiceCache()
        self._leg_kind, self._clock_kind = leg_kind, clock_kind
        self._on_partial = on_partial
        self.mailbox = Mailbox(self.config.mailbox_audio_frames)
        self.detector = TurnDetector(self.config.turn)
        self.speaker = Speaker(self.mailbox.put)
        self._reply_ids = itertools.count(1)
        self._tg: asyncio.TaskGroup | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._spec: _Speculation | None = None
        self._barge: _BargeIn | None = None
        self._continuation: Reply | None = None
        self._partial_task: asyncio.Task[None] | None = None
        self._next_partial_ms = 0
        self._dtmf = ""
        self._dtmf_t = 0.0
        self._dtmf_t_start = 0.0
        self._now = 0.0  # media time of the latest inbound frame
        self._idle_since = 0.0
        self._last_bot_text = ""
        self._bot_turns: dict[int, int] = {}  # reply id -> index of its turn in the record
        self._end_reason: str | None = None
        self.dialogue_busy = False  # a hand-off is in progress: no re-prompts meanwhile
        self._time_limit_said = False
        self._ducked_at: float | None = None  # media time the bot was tentatively paused
        self._onset_s = (self.config.turn.onset_ms + FRAME_MS) / 1000
        self.closed = False
        self.line = SessionLine(self.mailbox.put, record)  # what the human side may do
        self._agent: AgentLink | None = None  # a person on the call (warm transfer)
        self._handoff_skill = "general"

    # -- the owner ------------------------------------------------------------------------
    async def run(self) -> CallRecord:
        self.record.start(
            started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            clock=self._clock_kind,
            leg=self._leg_kind,
            caller=caller_fields(self.leg.caller),  # PHI: the record holds it, logs never do
        )
        log.info("call %s started on %s leg", self.call_id, self._leg_kind)
        try:
            reason = await self._run_tasks()
        except asyncio.CancelledError:
            # The worker is shutting down: the record still gets its end, then cancellation
            # carries on to whoever cancelled us.
            await self.close("shutdown")
            raise
        await self.close(reason)
        return self.record

    async def _run_tasks(self) -> str:
        reason = "error"
        try:
            async with asyncio.TaskGroup() as tg:
                self._tg = tg
                pump = self._spawn(self._pump_leg(), "leg")
                try:
                    reason = await self._serve()
                finally:
                    pump.cancel()
                    for task in list(self._tasks):
                        task.cancel()
        except* Exception as group:
            # Our bug or a model failure: end this call cleanly with a reason; other calls
            # in the process are untouched. The traceback goes to the log (no PHI in it).
            log.error("call %s failed", self.call_id, exc_info=group.exceptions[0])
            reason = "error"
        finally:
            self._tg = None
        return reason

    async def close(self, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        self.leg.set_audio_source(None)
        if reason not in ("caller_hangup",):
            await self.leg.hangup(reason)
        self._cut_off_replies()
        if self.mailbox.dropped_audio:
            self.record.add(
                "events",
                {
                    "t": round(self._now, 3),
                    "type": "audio_dropped",
                    "frames": self.mailbox.dropped_audio,
                },
            )
        self.record.end(reason, self._now)
        log.info("call %s ended: %s after %.1f s", self.call_id, reason, self._now)

    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        assert self._tg is not None
        task = self._tg.create_task(coro, name=f"call:{self.call_id}:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _pump_leg(self) -> None:
        while True:
            event = await self.leg.recv()
            if isinstance(event, AudioFrame):
                self.mailbox.put_audio(event)
            else:
                self.mailbox.put(event)
                if isinstance(event, LegHangup):
                    return

    async def _serve(self) -> str:
        self.leg.set_audio_source(self.speaker)
        self._perform(self.dialogue.greeting(), caller_end=None)
        while self._end_reason is None:
            msg = await self.mailbox.get()
            if isinstance(msg, AudioFrame):
                self._on_audio(msg)
            elif isinstance(msg, _Understood):
                self._on_understood(msg.spec)
            elif isinstance(msg, ReplyStarted):
                self._on_reply_started(msg.reply, msg.t)
            elif isinstance(msg, ReplyFinished):
                self._on_reply_finished(msg.reply, msg.t)
            elif isinstance(msg, DtmfDigit):
                self._on_dtmf(msg)
            elif isinstance(msg, _HandoffOutcome):
                self._on_handoff(msg.outcome, msg.skill)
            elif isinstance(msg, WarmMessage):
                self._on_warm(msg)
            elif isinstance(msg, _Partial):
                if self._on_partial is not None:
                    self._on_partial(msg.text)
            elif isinstance(msg, LegHangup):
                self._now = max(self._now, msg.t)
                if msg.sip_status is not None:  # e.g. 487 for a call cancelled while ringing
                    self.record.set("sip_status", msg.sip_status)
                return msg.reason
        return self._end_reason

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
            if not det.paused and det.speech_ms >= self._next_partial_ms:
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
        """The agent's last question, while the caller is answering triage questions.

        There it helps most (a short "No, not at all" was heard as "So, how can all"); on
        other turns it changed some transcripts' last words, and a trailing word costs a
        full second of endpoint wait.
        """
        if self.dialogue.state.stage != "triage":
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

    # -- keypad ---------------------------------------------------------------------------
    def _on_dtmf(self, event: DtmfDigit) -> None:
        self._now = max(self._now, event.t)
        if self._agent is not None:  # the person on the call hears the tones; kept, not acted on
            self.record.add("events", {"t": round(event.t, 3), "type": "dtmf_to_agent",
                                       "digit": event.digit})  # fmt: skip
            return
        if self.speaker.busy:  # a key press interrupts a prompt, as on any phone menu
            self._barge = _BargeIn(t_onset=event.t, reply=self.speaker.current)
            self._confirm_barge_in()
            self._barge = None
        if not self._dtmf:
            self._dtmf_t_start = event.t
        self._dtmf_t = event.t
        if event.digit == "#":
            self._commit_dtmf()
        else:
            self._dtmf += event.digit

    def _commit_dtmf(self) -> None:
        digits, self._dtmf = self._dtmf, ""
        if not digits:
            return
        self._idle_since = self._now
        u = self.nlu.understand("", dtmf=digits)
        self.record.add_turn(
            "caller",
            "",
            self._dtmf_t_start,
            self._dtmf_t,
            dtmf=digits,
            intent=u.intent,
            intent_confidence=round(u.confidence, 3),
        )
        self._note_understanding(u)
        self._perform(self.dialogue.respond("", u), caller_end=self._dtmf_t)

    def _check_timers(self) -> None:
        if self._agent is not None:
            return  # a person is talking with the caller: no re-prompts and no time limit
        if self._dtmf and self._now - self._dtmf_t >= self.config.dtmf_timeout_s:
            self._commit_dtmf()
        if self._now >= self.config.max_call_s + HARD_STOP_AFTER_LIMIT_S:
            self._end_reason = "max_duration"  # even the goodbye could not finish
            return
        if self._now >= self.config.max_call_s and not self._time_limit_said:
            self._time_limit_said = True
            self._cut_off_replies()
            self._perform(self.dialogue.on_time_limit(), caller_end=None)
            return
        waiting = not self.speaker.busy and self._spec is None and not self._dtmf
        if not waiting or self.dialogue_busy:
            self._idle_since = self._now
        elif self._now - self._idle_since >= self.config.reprompt_after_s:
            self._idle_since = self._now
            self._perform(self.dialogue.on_silence(), caller_end=None)

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
