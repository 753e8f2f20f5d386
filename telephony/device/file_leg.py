"""The leg over audio files, for machines with no sound card (``--input-file``).

:class:`FileLeg` reads the caller's side from a file, paced on a :class:`~agent.clock.Clock`
(real or virtual), and writes the bot's side to a WAV aligned with it. It shares the leg
surface with :class:`~telephony.device.device_leg.DeviceLeg` but nothing of the sound card.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from agent.audio import load_audio, save_wav
from agent.clock import Clock
from agent.errors import ConfigError
from telephony.device.media_leg import FRAME_S, _OwnedMediaLeg
from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE, AudioFrame, CallerInfo, LegHangup, fit_frame


# -- audio files --------------------------------------------------------------------------
class FileLeg(_OwnedMediaLeg):
    """A caller read from ``input_file``; what the bot said goes to ``output_file``.

    The input (anything :func:`agent.audio.load_audio` reads) is played in 20 ms frames on
    ``clock``. ``tail_s`` after it ends the caller hangs up, unless the bot did first. The
    output is 16 kHz mono WAV of the bot's channel, frame for frame aligned with the input
    (silence where the bot was quiet); it is written by ``close()``.

    ``realtime=True`` (default) behaves like a live line: paced in real time on an ordinary
    loop, and inbound frames the call is too slow to take drop, oldest first. ``realtime=
    False`` is for a virtual-time loop (:func:`agent.clock.run_virtual`), where pacing costs
    nothing, so the call runs as fast as its models allow; the file then waits for the call
    instead of dropping frames.
    """

    kind = "file"

    def __init__(
        self,
        input_file: str | Path,
        output_file: str | Path | None = None,
        *,
        realtime: bool = True,
        tail_s: float = 3.0,
        clock: Clock | None = None,
        caller: CallerInfo | None = None,
        inbound_frames: int = 50,
        channel: int = 0,
        handle_sigint: bool = True,
    ) -> None:
        super().__init__(caller=caller, inbound_frames=inbound_frames, handle_sigint=handle_sigint)
        if tail_s < 0:
            raise ConfigError(f"the tail after the input must not be negative (got {tail_s})")
        self.input_file = Path(input_file)
        self.output_file = Path(output_file) if output_file is not None else None
        if self.output_file is not None and self.output_file.resolve() == self.input_file.resolve():
            raise ConfigError(f"{self.output_file}: the output file would overwrite the input")
        self._audio = load_audio(self.input_file, channel=channel)  # AudioFormatError if bad
        self.realtime = realtime
        self.tail_s = tail_s
        self._clock = clock or Clock()
        self._frames_done = 0
        self._bot: list[np.ndarray] = []

    @property
    def input_s(self) -> float:
        return len(self._audio) / SAMPLE_RATE

    def bot_audio(self) -> np.ndarray:
        """The bot's channel so far, one frame per tick of the input."""
        if not self._bot:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate(self._bot)

    def _media_time(self) -> float:
        return self._frames_done * FRAME_S

    async def _media(self) -> None:
        input_frames = math.ceil(len(self._audio) / FRAME_SAMPLES)
        last = input_frames + round(self.tail_s / FRAME_S)
        t0 = self._clock.now()
        while self._ended is None:
            n = self._frames_done
            t = n * FRAME_S
            await self._clock.sleep_until(t0 + t)
            if self._ended is not None:
                break
            if n >= last:
                self._end(LegHangup("caller_hangup", t), by="caller")
                break
            pcm = fit_frame(self._audio[n * FRAME_SAMPLES : (n + 1) * FRAME_SAMPLES])
            frame = AudioFrame(pcm, t)
            if self.realtime:
                self._inbox.put_nowait(frame)
                self._inbox.wake()
            else:
                await self._inbox.put(frame)
                if self._ended is not None:
                    break
            source = self._source
            self._bot.append(fit_frame(source.read_frame(t) if source is not None else None))
            self._frames_done = n + 1

    async def _close_media(self) -> None:
        if self.output_file is None or self._task is None:
            return  # nothing to write, or never started
        try:
            save_wav(self.output_file, self.bot_audio())
        except OSError as exc:
            raise ConfigError(f"{self.output_file}: cannot write the bot's audio ({exc})") from exc
