"""The session's side of a warm transfer: the line the human side holds, and the live bridge.

:class:`SessionLine` is the :class:`handoff.port.CallLine` a session gives the human side:
each method only posts a message to the call owner's mailbox, so the session stays the one
owner of the call. :class:`AgentLink` is the bridge while a person is on the call: the caller
hears the agent's audio (tapped on its way to the leg, so the agent's words are transcribed
too) and every caller frame is copied to the agent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from agent.transcriber import SpokenTurn, TurnCutter, energy_probability
from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE, fit_frame

if TYPE_CHECKING:
    from agent.record import CallRecord, RecordSink
    from agent.speaker import Speaker
    from telephony.leg import AudioSource

__all__ = [
    "HOLD_MESSAGE",
    "AgentConnected",
    "AgentHold",
    "AgentLink",
    "AgentReleased",
    "AgentTurn",
    "Announce",
    "HandoffNote",
    "HoldAudio",
    "SessionLine",
    "WarmMessage",
]


# What the caller hears when the agent puts them on hold.
HOLD_MESSAGE = "Please hold. Someone will be right back with you."


@dataclass(frozen=True, slots=True)
class AgentConnected:
    agent_id: str
    agent_audio: AudioSource
    caller_audio: Callable[[np.ndarray], None]


@dataclass(frozen=True, slots=True)
class AgentReleased:
    how: str  # agent_hangup | back_to_ai | agent_disconnected | transfer
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AgentHold:
    on: bool


@dataclass(frozen=True, slots=True)
class Announce:
    text: str


@dataclass(frozen=True, slots=True)
class HandoffNote:
    """Something the human side did with the call, for the record (an offer that ended)."""

    event: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AgentTurn:
    """The agent finished saying something: transcribe it for the record."""

    turn: SpokenTurn


WarmMessage = AgentConnected | AgentReleased | AgentHold | Announce | AgentTurn | HandoffNote


class SessionLine:
    def __init__(self, post: Callable[[object], None], record: CallRecord) -> None:
        self._post = post
        self._record = record

    def connect(
        self, agent_id: str, agent_audio: AudioSource, caller_audio: Callable[[np.ndarray], None]
    ) -> None:
        self._post(AgentConnected(agent_id, agent_audio, caller_audio))

    def release(self, how: str, detail: dict[str, Any] | None = None) -> None:
        self._post(AgentReleased(how, dict(detail or {})))

    def hold(self, on: bool) -> None:
        self._post(AgentHold(on))

    def say(self, text: str) -> None:
        self._post(Announce(text))

    def watch(self, sink: RecordSink) -> None:
        self._record.sinks.append(sink)

    def note(self, event: dict[str, Any]) -> None:
        self._post(HandoffNote(dict(event)))


def hold_chime(period_s: float = 4.0, level: int = 1500) -> np.ndarray:
    """What a waiting caller hears between messages: two soft notes (E5, C5), 0.3 s each with
    gentle edges, then quiet, every ``period_s``. About -27 dBFS at its peak: plainly a line
    that is still open, too quiet and too tonal for a VAD to take an echo of it for speech."""
    note = np.arange(int(0.3 * SAMPLE_RATE)) / SAMPLE_RATE
    edge = np.sin(np.pi * note / 0.3) ** 2  # no clicks at either end
    notes = [level * edge * np.sin(2 * np.pi * f * note) for f in (659.25, 523.25)]
    out = np.zeros(int(period_s * SAMPLE_RATE))
    tune = np.concatenate(notes)
    out[: tune.size] = tune
    return out.astype(np.int16)


class HoldAudio:
    """The leg's audio while a hand-off is pending: the assistant's own words when it has any
    (the explanation, the caller's place in the queue), the hold chime in between, so a
    waiting caller never hears a dead line. Never mixed into a reply: while the speaker has
    anything queued, its frames (or its silence) are what goes out."""

    def __init__(self, speaker: Speaker) -> None:
        self.speaker = speaker
        self._chime = hold_chime()
        self._pos = 0

    def read_frame(self, t: float) -> np.ndarray | None:
        frame = self.speaker.read_frame(t)
        if frame is not None or self.speaker.busy:
            return frame
        out = self._chime[self._pos : self._pos + FRAME_SAMPLES]
        self._pos = (self._pos + FRAME_SAMPLES) % self._chime.size
        return out


class _TappedSource:
    """The agent's audio on its way to the leg; finished agent turns are posted back."""

    def __init__(self, source: AudioSource, post: Callable[[object], None]) -> None:
        self.source = source
        self._post = post
        self._cutter = TurnCutter()

    def read_frame(self, t: float) -> np.ndarray | None:
        pcm = self.source.read_frame(t)
        frame = fit_frame(pcm)  # audio from outside careline: exactly one frame, int16
        # Silence (None) counts too: it is what ends the agent's turn.
        turn = self._cutter.push(frame, energy_probability(frame), t)
        if turn is not None:
            self._post(AgentTurn(turn))
        return None if pcm is None else frame


class AgentLink:
    """A person on the call. ``caller_cutter`` cuts the caller's side into transcript turns."""

    def __init__(self, msg: AgentConnected, post: Callable[[object], None]) -> None:
        self.agent_id = msg.agent_id
        self.to_agent = msg.caller_audio
        self.agent_audio = _TappedSource(msg.agent_audio, post)
        self.caller_cutter = TurnCutter()
