"""Turn-taking: when the caller starts talking, pauses, resumes, and when their turn is over.

Sans-I/O: ``push(frame, speech_probability, t)`` takes one 20 ms frame and returns events;
nothing here sleeps or reads a clock, so every timing rule is tested by feeding frames.

The end of a turn is decided in two steps so the slow parts overlap with waiting:

* after ``pause_ms`` of silence the detector reports :class:`SpeechPaused` with the turn's
  audio, and the session starts transcribing and planning a reply *speculatively*;
* the session commits the turn once the silence reaches the endpoint the words call for
  (:func:`endpoint_ms_for`): short when the sentence looks finished, longer when the caller
  stopped on "and", "um" or "my". Speech that resumes first discards the speculation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from telephony.leg import FRAME_MS


@dataclass(frozen=True, slots=True)
class TurnConfig:
    threshold: float = 0.5  # speech probability that counts as speech
    onset_ms: int = 60  # this much speech starts a turn, and stops the bot's audio
    resume_ms: int = 60  # speech this long after a pause continues the same turn
    pause_ms: int = 120  # silence that starts speculative transcription
    endpoint_ms: int = 300  # silence that ends a turn whose words look complete
    endpoint_max_ms: int = 1000  # silence that ends a turn whatever the words
    preroll_ms: int = 300  # audio kept from before the onset, so the first word is whole
    tail_ms: int = 120  # silence kept after the last speech for the recogniser
    max_turn_s: float = 30.0  # a turn longer than this is cut and handled


@dataclass(frozen=True, slots=True)
class SpeechStarted:
    t: float  # onset: start of the first speech frame


@dataclass(frozen=True, slots=True)
class SpeechPaused:
    t_end: float  # end of the last speech frame
    audio: np.ndarray  # the turn so far, pre-roll included
    revision: int  # bumps whenever the turn's audio grows past this snapshot


@dataclass(frozen=True, slots=True)
class SpeechResumed:
    t: float


@dataclass(frozen=True, slots=True)
class TurnTooLong:
    t_end: float
    audio: np.ndarray
    revision: int


TurnEvent = SpeechStarted | SpeechPaused | SpeechResumed | TurnTooLong

# Words a sentence almost never ends on: the caller is still going, whatever the punctuation.
_CONTINUATIONS = frozenset(
    "and but or so because um uh er erm the a an my your his her their our of with to from "
    "about if when which who".split()
)
# Words that end sentences often enough ("come in", "look at it") that only a missing full
# stop from the recogniser makes them a reason to wait.
_WEAK_CONTINUATIONS = frozenset(
    "in on at for is was are were have has had i it that then also just maybe like".split()
)


# "So" ends these fixed phrases, which are whole answers to a yes/no question ("I don't
# think so."); elsewhere it trails off ("my chest hurts, so").
_SO_CLOSINGS = frozenset("think guess hope believe suppose say said if even".split())


def endpoint_ms_for(text: str, config: TurnConfig) -> int:
    """How much silence ends a turn with these words: short when they look finished."""
    stripped = text.strip()
    words = stripped.lower().replace(",", " , ").replace("...", " ... ").split()
    if not words:
        return config.endpoint_max_ms
    last = words[-1].strip(".?!\"'")
    if last == "so" and len(words) > 1 and words[-2] in _SO_CLOSINGS:
        return config.endpoint_ms
    if words[-1] in (",", "...") or stripped.endswith(("-", "...")) or last in _CONTINUATIONS:
        return config.endpoint_max_ms
    if last in _WEAK_CONTINUATIONS and not stripped.endswith((".", "?", "!")):
        return config.endpoint_max_ms
    return config.endpoint_ms


class TurnDetector:
    def __init__(self, config: TurnConfig | None = None) -> None:
        self.config = config or TurnConfig()
        c = self.config
        self._onset_frames = max(1, c.onset_ms // FRAME_MS)
        self._resume_frames = max(1, c.resume_ms // FRAME_MS)
        self._preroll: list[np.ndarray] = []
        self._preroll_frames = c.preroll_ms // FRAME_MS
        self._reset()

    def _reset(self) -> None:
        self.in_turn = False
        self.t_start = 0.0
        self.t_last_speech = 0.0  # end of the last speech frame
        self.silence_ms = 0
        self.speech_ms = 0  # speech accumulated in this turn
        self.revision = 0
        self._paused = False
        self._cut = False  # cut for length: final, speech no longer resumes this turn
        self._run = 0  # consecutive speech frames (onset / resume)
        self._run_start = 0.0
        self._frames: list[np.ndarray] = []
        self._tail_frames = 0

    def push(self, frame: np.ndarray, probability: float, t: float) -> list[TurnEvent]:
        c = self.config
        speech = probability >= c.threshold
        events: list[TurnEvent] = []
        if not self.in_turn:
            self._preroll.append(frame)
            if len(self._preroll) > self._preroll_frames + self._onset_frames:
                self._preroll.pop(0)
            if speech:
                if self._run == 0:
                    self._run_start = t
                self._run += 1
                if self._run >= self._onset_frames:
                    self.in_turn = True
                    self.t_start = self._run_start
                    self.t_last_speech = t + FRAME_MS / 1000
                    self.speech_ms = self._run * FRAME_MS
                    self._frames = list(self._preroll)
                    self._preroll.clear()
                    self._run = 0
                    events.append(SpeechStarted(self.t_start))
            else:
                self._run = 0
            return events

        self._frames.append(frame)
        if speech:
            self.speech_ms += FRAME_MS
            if self._run == 0:
                self._run_start = t
            self._run += 1
            if self._paused and not self._cut and self._run >= self._resume_frames:
                self._paused = False
                self.revision += 1
                events.append(SpeechResumed(self._run_start))
            if self._paused:
                # A blip too short to resume the turn still counts towards the endpoint.
                self.silence_ms += FRAME_MS
            else:
                self.t_last_speech = t + FRAME_MS / 1000
                self.silence_ms = 0
        else:
            self._run = 0
            self.silence_ms += FRAME_MS
            if not self._paused and self.silence_ms >= c.pause_ms:
                self._paused = True
                events.append(SpeechPaused(self.t_last_speech, self.audio(), self.revision))
        if not self._paused and t + FRAME_MS / 1000 - self.t_start >= c.max_turn_s:
            self._paused = self._cut = True
            events.append(TurnTooLong(self.t_last_speech, self.audio(), self.revision))
        return events

    @property
    def paused(self) -> bool:
        return self.in_turn and self._paused

    def audio(self) -> np.ndarray:
        """The turn's audio up to the last speech plus a short tail of silence."""
        keep = len(self._frames) - max(0, (self.silence_ms - self.config.tail_ms) // FRAME_MS)
        if not self._frames or keep <= 0:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate(self._frames[:keep])

    def end_turn(self) -> None:
        """The session committed (or dropped) the turn: start listening for the next one."""
        self._reset()

    def reset(self) -> None:
        self._preroll.clear()
        self._reset()
