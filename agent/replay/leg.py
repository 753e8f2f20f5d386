"""The replay leg: a recorded or scripted caller on the leg's own 20 ms media clock.

Every tick it hands the call one inbound frame and pulls one outbound frame, exactly like a
phone line, and writes both down: the caller's and the bot's channels, when each of the
caller's utterances really started and stopped (ground truth for latency), and when the bot
was audible. On a virtual-time loop the ticks cost nothing, so replays run as fast as the
models allow; on the ordinary loop they are paced like a live line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from agent.clock import Clock
from agent.replay.script import CallerStep, CallScript, TimedEvent
from agent.replay.voices import speech_span
from telephony.leg import (
    FRAME_MS,
    FRAME_SAMPLES,
    AudioFrame,
    AudioSource,
    CallerInfo,
    DtmfDigit,
    LegEvent,
    LegHangup,
)

FRAME_S = FRAME_MS / 1000
BOT_AUDIBLE_RMS = 30.0  # int16 RMS above which an outbound frame counts as bot speech
NEW_REPLY_GAP_S = 0.5  # bot audio after this much quiet is a new reply
AFTER_SCRIPT_S = 10.0  # after its last step the caller waits this long for the bot to finish
DTMF_GAP_S = 0.15


@dataclass
class Timeline:
    """What happened on the line, in seconds from the start of the call."""

    utterances: list[dict[str, Any]] = field(default_factory=list)
    bot_segments: list[list[float]] = field(default_factory=list)
    dtmf: list[dict[str, Any]] = field(default_factory=list)
    hangup: dict[str, Any] | None = None
    duration_s: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "utterances": self.utterances,
            "bot_segments": self.bot_segments,
            "dtmf": self.dtmf,
            "hangup": self.hangup,
            "duration_s": round(self.duration_s, 3),
        }


class _Scripted:
    """A caller following a script: each step waits for its turn like a polite person."""

    def __init__(self, steps: list[CallerStep], render: Callable[[CallerStep], np.ndarray]):
        self.steps = steps
        self.render = render
        self.index = 0
        self.wait_start = 0.0
        self.playing: np.ndarray | None = None
        self.pos = 0
        self.silence_until: float | None = None
        self.pending_digits: list[tuple[float, str]] = []
        self.finished_at: float | None = None
        self.speech_end = 0.0

    def tick(self, t: float, leg: ReplayLeg) -> tuple[np.ndarray | None, list[LegEvent]]:
        events: list[LegEvent] = []
        while self.pending_digits and self.pending_digits[0][0] <= t:
            _, digit = self.pending_digits.pop(0)
            events.append(DtmfDigit(digit, t))
            leg.timeline.dtmf.append({"t": round(t, 3), "digit": digit})
        if self.playing is not None:
            frame = self.playing[self.pos : self.pos + FRAME_SAMPLES]
            self.pos += FRAME_SAMPLES
            if self.pos >= len(self.playing):
                self.playing = None
                # The caller's turn ended with their speech, not with the line noise after
                # it: the bot may well answer before the recording runs out.
                self._next(min(t + FRAME_S, self.speech_end))
            if len(frame) < FRAME_SAMPLES:
                frame = np.pad(frame, (0, FRAME_SAMPLES - len(frame)))
            return frame, events
        if self.silence_until is not None:
            if t >= self.silence_until:
                self.silence_until = None
                self._next(t)
            return None, events
        if self.pending_digits:
            return None, events
        if self.index >= len(self.steps):
            if self.finished_at is None:
                self.finished_at = t
            if leg.quiet_for(t) >= AFTER_SCRIPT_S:
                events.append(LegHangup("caller_hangup", t))
            return None, events
        step = self.steps[self.index]
        if not self._my_turn(step, t, leg):
            return None, events
        if step.hangup:
            events.append(LegHangup("caller_hangup", t))
        elif step.dtmf:
            self.pending_digits = [(t + i * DTMF_GAP_S, d) for i, d in enumerate(step.dtmf)]
            self._next(t + len(step.dtmf) * DTMF_GAP_S)
        elif step.silence is not None:
            self.silence_until = t + step.silence
        else:
            audio = self.render(step)
            s0, s1 = speech_span(audio)
            leg.timeline.utterances.append(
                {
                    "step": self.index,
                    "t_start": round(t, 3),
                    "t_end": round(t + len(audio) / 16000, 3),
                    "speech_start": round(t + s0, 3),
                    "speech_end": round(t + s1, 3),
                    "text": step.say,
                    "audio": step.audio.name if step.audio else None,
                    "barge_in": step.barge_in is not None,
                }
            )
            self.playing, self.pos = audio, 0
            self.speech_end = t + s1
            return self.tick(t, leg)
        return None, events

    def _next(self, t: float) -> None:
        self.index += 1
        self.wait_start = t

    def _my_turn(self, step: CallerStep, t: float, leg: ReplayLeg) -> bool:
        waited = t - self.wait_start
        if step.barge_in is not None:
            start = leg.reply_started_since(self.wait_start)
            if start is not None:
                return t - start >= step.barge_in
            return waited >= step.timeout
        if leg.bot_spoke_since(self.wait_start) and leg.quiet_for(t) >= step.pause:
            return True
        return waited >= step.timeout and leg.quiet_for(t) >= step.pause


class _Recording:
    """A caller's channel as captured: fixed timeline, talked over or not."""

    def __init__(self, audio: np.ndarray, script: CallScript):
        self.audio = audio
        self.events = list(script.events)
        end = len(audio) / 16000
        if not any(e.hangup for e in self.events):
            # A recording ends where the caller hung up: give the bot 2 s to finish its words.
            self.events.append(TimedEvent(t=end + 2.0, hangup=True))

    def tick(self, t: float, leg: ReplayLeg) -> tuple[np.ndarray | None, list[LegEvent]]:
        events: list[LegEvent] = []
        while self.events and self.events[0].t <= t:
            ev = self.events.pop(0)
            if ev.dtmf:
                for i, digit in enumerate(ev.dtmf):
                    events.append(DtmfDigit(digit, t + i * DTMF_GAP_S))
                    leg.timeline.dtmf.append({"t": round(t, 3), "digit": digit})
            if ev.hangup:
                events.append(LegHangup("caller_hangup", t))
        i = round(t * 16000)
        frame = self.audio[i : i + FRAME_SAMPLES]
        if len(frame) == 0:
            return None, events
        if len(frame) < FRAME_SAMPLES:
            frame = np.pad(frame, (0, FRAME_SAMPLES - len(frame)))
        return frame, events


class ReplayLeg:
    def __init__(
        self,
        script: CallScript,
        *,
        clock: Clock,
        recording: np.ndarray | None = None,
        render: Callable[[CallerStep], np.ndarray] | None = None,
        max_s: float = 30 * 60.0,
    ) -> None:
        self.caller = CallerInfo(number=None)
        self.clock = clock
        self.max_s = max_s
        self.timeline = Timeline()
        self._side: _Scripted | _Recording
        if script.scripted:
            if render is None:
                raise ValueError("a scripted call needs a renderer for its caller steps")
            self._side = _Scripted(script.caller, render)
        else:
            assert recording is not None
            self._side = _Recording(recording, script)
        # A recording is not live: when the call falls behind, the replay waits for it
        # (back-pressure) rather than dropping frames.
        self._inbox: asyncio.Queue[LegEvent] = asyncio.Queue(maxsize=64)
        self._source: AudioSource | None = None
        self._hung_up: LegHangup | None = None
        self._caller_frames: list[np.ndarray] = []
        self._bot_frames: list[np.ndarray] = []

    # -- CallLeg --------------------------------------------------------------------------
    async def recv(self) -> LegEvent:
        return await self._inbox.get()

    def set_audio_source(self, source: AudioSource | None) -> None:
        self._source = source

    def flush_output(self) -> None:
        pass  # nothing is buffered: the source is pulled a frame at a time

    async def hangup(self, reason: str) -> None:
        if self._hung_up is None:
            self._hung_up = LegHangup(reason, self.timeline.duration_s)
            self.timeline.hangup = {
                "t": round(self.timeline.duration_s, 3),
                "by": "bot",
                "reason": reason,
            }

    # -- what the scripted caller perceives ---------------------------------------------
    def quiet_for(self, t: float) -> float:
        seg = self.timeline.bot_segments
        if seg and seg[-1][1] >= t - FRAME_S:
            return 0.0
        return t - (seg[-1][1] if seg else 0.0)

    def bot_spoke_since(self, t: float) -> bool:
        seg = self.timeline.bot_segments
        return bool(seg) and seg[-1][1] > t

    def reply_started_since(self, t: float) -> float | None:
        for start, _end in reversed(self.timeline.bot_segments):
            if start >= t:
                return start
        return None

    # -- the media clock ----------------------------------------------------------------
    async def run(self) -> None:
        """Tick until someone hangs up or the call reaches ``max_s``."""
        t0 = self.clock.now()
        n = 0
        while self._hung_up is None:
            t = n * FRAME_S
            if t >= self.max_s:
                await self._deliver(LegHangup("max_duration", t))
                break
            await self.clock.sleep_until(t0 + t)
            frame, events = self._side.tick(t, self)
            pcm = frame if frame is not None else np.zeros(FRAME_SAMPLES, dtype=np.int16)
            self._caller_frames.append(pcm)
            await self._deliver(AudioFrame(pcm, t))
            for ev in events:
                await self._deliver(ev)
                if isinstance(ev, LegHangup):
                    self.timeline.hangup = {"t": round(t, 3), "by": "caller", "reason": ev.reason}
                    self._hung_up = ev
            out = self._source.read_frame(t) if self._source is not None else None
            self._note_bot_audio(out, t)
            n += 1
            self.timeline.duration_s = n * FRAME_S
            if self._hung_up is not None:
                break

    async def _deliver(self, event: LegEvent) -> None:
        await self._inbox.put(event)

    def _note_bot_audio(self, out: np.ndarray | None, t: float) -> None:
        pcm = out if out is not None else np.zeros(FRAME_SAMPLES, dtype=np.int16)
        self._bot_frames.append(pcm)
        if out is None or np.sqrt(np.mean(out.astype(np.float32) ** 2)) < BOT_AUDIBLE_RMS:
            return
        seg = self.timeline.bot_segments
        if seg and t - seg[-1][1] < NEW_REPLY_GAP_S:
            seg[-1][1] = round(t + FRAME_S, 3)
        else:
            seg.append([round(t, 3), round(t + FRAME_S, 3)])

    def stereo(self) -> np.ndarray:
        """Caller on the left, bot on the right, as a call recorder would keep them."""
        n = min(len(self._caller_frames), len(self._bot_frames))
        if n == 0:
            return np.zeros((0, 2), dtype=np.int16)
        left = np.concatenate(self._caller_frames[:n])
        right = np.concatenate(self._bot_frames[:n])
        return np.stack([left, right], axis=1)
