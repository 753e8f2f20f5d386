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

The owner loop, the keypad and the timers are here; the rest of ``Call`` is mixed in so each
part reads in one sitting: turn-taking (barge-in, speculation, commit) from
:mod:`agent.session_turns`, answering (plans, writes, speech, hand-off) from
:mod:`agent.session_replies`, a person on the call from :mod:`agent.warm_session`. The
options are :class:`CallConfig` in :mod:`agent.session_config`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from agent.actions import ClinicWriter
from agent.dialogue import Dialogue
from agent.mailbox import Mailbox
from agent.nlu import Nlu
from agent.record import CallRecord, caller_fields
from agent.session_config import CallConfig
from agent.session_replies import Answering, _HandoffOutcome
from agent.session_turns import (
    TurnTaking,
    _BargeIn,
    _made_changes,
    _Partial,
    _Speculation,
    _Understood,
)
from agent.speaker import Reply, ReplyFinished, ReplyStarted, Speaker
from agent.speech import SpeechToText, TextToSpeech, VoiceActivityDetector
from agent.turns import TurnDetector
from agent.voice_cache import VoiceCache
from agent.warm import AgentLink, SessionLine, WarmMessage
from agent.warm_session import PersonOnCall
from handoff.port import Handoff, NoAgents
from telephony.leg import FRAME_MS, AudioFrame, CallLeg, DtmfDigit, LegHangup

__all__ = [
    "HARD_STOP_AFTER_LIMIT_S",
    "Call",
    "CallConfig",
    "_BargeIn",
    "_HandoffOutcome",
    "_Partial",
    "_Speculation",
    "_Understood",
    "_made_changes",
]

log = logging.getLogger("careline.call")

HARD_STOP_AFTER_LIMIT_S = 60.0


class Call(TurnTaking, Answering, PersonOnCall):
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
