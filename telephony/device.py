"""Legs for ``careline call``: a person at this machine's headset, or audio files standing in.

:class:`DeviceLeg` is a :class:`~telephony.leg.CallLeg` over the sound card. One duplex
PortAudio stream moves 20 ms blocks of 16 kHz mono int16; its callback runs on PortAudio's
own thread, so it never blocks and never touches asyncio except through
``loop.call_soon_threadsafe``:

* inbound, each block becomes an :class:`AudioFrame` in a bounded queue that drops its
  OLDEST frame when the call falls behind (live media: the newest audio matters), counted in
  ``dropped_frames``;
* outbound, the callback plays from a small ring of frames (``ring_frames``, 80 ms by
  default) that a task on the loop tops up from the audio source after every block. The
  source is not thread-safe, so only the loop calls it. An empty ring plays silence and
  counts an ``underrun``; ``flush_output()`` empties the ring (barge-in).

:class:`FileLeg` is the same leg over audio files, for machines with no sound card: the
caller's side is read from a file and paced on the clock, the bot's side is written to a WAV
time-aligned with the input.

Both own their media task: ``start()`` creates it, ``close()`` cancels and awaits it and
releases the device (``async with leg:`` does both). While running they turn Ctrl-C into
``LegHangup("caller_hangup")``; a second Ctrl-C falls through to the previous handler.
"""

from __future__ import annotations

import asyncio
import logging
import math
import signal
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

import numpy as np

from agent.audio import load_audio, save_wav
from agent.clock import Clock
from agent.errors import ConfigError
from telephony.leg import (
    FRAME_MS,
    FRAME_SAMPLES,
    SAMPLE_RATE,
    AudioFrame,
    AudioSource,
    CallerInfo,
    LegEvent,
    LegHangup,
    fit_frame,
)

__all__ = [
    "DeviceLeg",
    "DeviceSpec",
    "FileLeg",
    "Stream",
    "StreamCallback",
    "StreamFactory",
    "describe_devices",
    "resolve_device",
    "sounddevice_streams",
]

log = logging.getLogger("careline.leg")

FRAME_S = FRAME_MS / 1000
FRAME_BYTES = FRAME_SAMPLES * 2
FILES_HINT = (
    "To talk to the agent without a sound card, use --input-file CALLER.wav "
    "(what the caller says) and --output-file BOT.wav (what the bot said)."
)

# PortAudio's stream callback: (indata, outdata, frames, time_info, status).
StreamCallback = Callable[[Any, Any, int, Any, Any], None]
DeviceSpec = int | str | tuple[int | str | None, int | str | None] | None


class Stream(Protocol):
    """What the leg needs of a ``sounddevice.RawStream`` (and what a test fake provides)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


# Called with the leg's block callback and a callback for "the stream stopped by itself".
StreamFactory = Callable[[StreamCallback, Callable[[], None]], Stream]


class _Inbox:
    """Inbound frames between the media side (any thread) and ``recv()`` (the loop).

    Bounded at ``maxsize`` frames. ``put_nowait`` (live media, safe from PortAudio's thread
    without locks: only it appends) drops the OLDEST frame when full and counts it;
    ``put`` (files, on the loop) waits for room instead. The hang-up is kept apart, never
    dropped, and returned after the queued audio, then forever.
    """

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("the inbound queue needs room for at least one frame")
        self.maxsize = maxsize
        self.dropped = 0
        self._frames: deque[AudioFrame] = deque()
        self._hangup: LegHangup | None = None
        self._ready = asyncio.Event()
        self._space = asyncio.Event()

    def __len__(self) -> int:
        return len(self._frames)

    def put_nowait(self, frame: AudioFrame) -> None:
        if len(self._frames) >= self.maxsize:
            try:
                self._frames.popleft()
                self.dropped += 1
            except IndexError:  # recv() emptied it meanwhile: there is room after all
                pass
        self._frames.append(frame)

    async def put(self, frame: AudioFrame) -> None:
        while len(self._frames) >= self.maxsize and self._hangup is None:
            self._space.clear()
            await self._space.wait()
        self._frames.append(frame)
        self._ready.set()

    def wake(self) -> None:
        """On the loop: frames were added from another thread."""
        self._ready.set()

    def set_hangup(self, event: LegHangup) -> None:
        if self._hangup is None:
            self._hangup = event
        self._ready.set()
        self._space.set()

    async def get(self) -> LegEvent:
        while True:
            try:
                frame = self._frames.popleft()
            except IndexError:
                if self._hangup is not None:
                    return self._hangup
                self._ready.clear()
                await self._ready.wait()
                continue
            self._space.set()
            return frame


class _OwnedMediaLeg:
    """What DeviceLeg and FileLeg share: the CallLeg surface, the owned media task, Ctrl-C."""

    kind = "leg"

    def __init__(
        self, *, caller: CallerInfo | None, inbound_frames: int, handle_sigint: bool
    ) -> None:
        self.caller = caller or CallerInfo()
        self._inbox = _Inbox(inbound_frames)
        self._source: AudioSource | None = None
        self._ended: LegHangup | None = None
        self.ended_by: str | None = None  # "caller" or "bot"
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._handle_sigint = handle_sigint
        self._sigint_installed = False
        self._prev_sigint: Any = None

    # -- CallLeg ------------------------------------------------------------------------
    async def recv(self) -> LegEvent:
        return await self._inbox.get()

    def set_audio_source(self, source: AudioSource | None) -> None:
        self._source = source

    def flush_output(self) -> None:
        pass

    async def hangup(self, reason: str) -> None:
        self._end(LegHangup(reason, self._media_time()), by="bot")

    # -- lifecycle ----------------------------------------------------------------------
    @property
    def dropped_frames(self) -> int:
        """Inbound frames dropped (oldest first) because the call fell behind."""
        return self._inbox.dropped

    @property
    def ended(self) -> LegHangup | None:
        return self._ended

    async def start(self) -> None:
        if self._task is not None or self._closed:
            raise RuntimeError(f"{self.kind} leg: start() once, before close()")
        self._loop = asyncio.get_running_loop()
        self._install_sigint()
        try:
            await self._open()
        except BaseException:
            self._restore_sigint()
            raise
        self._task = asyncio.create_task(self._run_media(), name=f"{self.kind}-leg:media")

    async def close(self) -> None:
        """Stop the media task and release the device or write the files; idempotent."""
        if self._closed:
            return
        self._closed = True
        self._restore_sigint()
        self._end(LegHangup("leg_closed", self._media_time()), by="bot")
        task = self._task
        try:
            if task is not None:
                task.cancel()
                await asyncio.wait({task})
        finally:
            await self._close_media()
        if task is not None and not task.cancelled() and (exc := task.exception()) is not None:
            raise exc

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- for subclasses -----------------------------------------------------------------
    def _media_time(self) -> float:
        raise NotImplementedError

    async def _open(self) -> None:
        pass

    async def _media(self) -> None:
        raise NotImplementedError

    async def _close_media(self) -> None:
        pass

    def _end(self, event: LegHangup, *, by: str) -> None:
        """The call is over on this leg (first end wins): recv() returns ``event`` from now."""
        if self._ended is not None:
            return
        self._ended = event
        self.ended_by = by
        self._inbox.set_hangup(event)
        log.info("%s leg: %s hung up (%s) at %.2f s", self.kind, by, event.reason, event.t)

    async def _run_media(self) -> None:
        try:
            await self._media()
        except Exception:
            # Without media the call cannot go on: end it; close() re-raises the error.
            self._end(LegHangup("error", self._media_time()), by="bot")
            raise

    # -- Ctrl-C -------------------------------------------------------------------------
    def _install_sigint(self) -> None:
        if not self._handle_sigint or threading.current_thread() is not threading.main_thread():
            return
        assert self._loop is not None
        previous = signal.getsignal(signal.SIGINT)
        try:
            self._loop.add_signal_handler(signal.SIGINT, self._on_sigint)
        except NotImplementedError:  # a loop without signal support (Windows): Ctrl-C raises
            return
        self._prev_sigint, self._sigint_installed = previous, True

    def _restore_sigint(self) -> None:
        if not self._sigint_installed:
            return
        self._sigint_installed = False
        assert self._loop is not None
        self._loop.remove_signal_handler(signal.SIGINT)
        if self._prev_sigint is not None:
            signal.signal(signal.SIGINT, self._prev_sigint)

    def _on_sigint(self) -> None:
        # The first Ctrl-C is the caller putting the phone down; a second one interrupts.
        self._restore_sigint()
        self._end(LegHangup("caller_hangup", self._media_time()), by="caller")


# -- the sound card ------------------------------------------------------------------------
def _import_sounddevice() -> Any:
    try:
        import sounddevice
    except ImportError as exc:
        raise ConfigError(
            f"the sounddevice package is not installed: pip install sounddevice. {FILES_HINT}"
        ) from exc
    except OSError as exc:  # the package is there but the PortAudio library is not
        raise ConfigError(
            f"cannot use the sound card: the PortAudio library is missing ({exc}); "
            f"install it (Debian: apt-get install libportaudio2). {FILES_HINT}"
        ) from exc
    return sounddevice


def _devices(sd: Any) -> list[dict[str, Any]]:
    out = []
    for i, dev in enumerate(sd.query_devices()):
        d = dict(dev)
        d.setdefault("index", i)
        out.append(d)
    return out


def describe_devices(devices: list[dict[str, Any]]) -> str:
    """One line per device, as an operator picks them: index, name, inputs and outputs."""
    if not devices:
        return "  (none)"
    return "\n".join(
        f"  {d['index']:>3}  {d.get('name', '?')}  "
        f"({d.get('max_input_channels', 0)} in, {d.get('max_output_channels', 0)} out)"
        for d in devices
    )


def _pick(
    devices: list[dict[str, Any]], spec: int | str | None, kind: str, default: int
) -> dict[str, Any]:
    channels = f"max_{kind}_channels"
    what = "microphone (input)" if kind == "input" else "speaker (output)"
    usable = [d for d in devices if d.get(channels, 0) > 0]

    def fail(problem: str) -> ConfigError:
        return ConfigError(
            f"{problem}. Sound devices on this machine:\n{describe_devices(devices)}\n"
            "Choose one with --device NAME|INDEX, or --device IN,OUT for a separate "
            f"microphone and speaker. {FILES_HINT}"
        )

    if isinstance(spec, str):
        spec = spec.strip()
        if spec.isdigit():
            spec = int(spec)
        elif not spec:
            spec = None
    if spec is None:
        chosen = [d for d in usable if d["index"] == default] or usable[:1]
        if not chosen:
            raise fail(f"no {what} found")
        return chosen[0]
    if isinstance(spec, int):
        found = [d for d in devices if d["index"] == spec]
        if not found:
            raise fail(f"there is no sound device {spec}")
        if found[0].get(channels, 0) <= 0:
            raise fail(f"sound device {spec} ({found[0].get('name')}) has no {what}")
        return found[0]
    needle = spec.lower()
    matches = [d for d in usable if needle in str(d.get("name", "")).lower()]
    exact = [d for d in matches if str(d.get("name", "")).lower() == needle]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise fail(f"no {what} has {spec!r} in its name")
    indexes = ", ".join(str(d["index"]) for d in matches)
    raise fail(f"{spec!r} matches several {what} devices ({indexes}); give the index")


def resolve_device(device: DeviceSpec = None, sd: Any = None) -> tuple[int, int]:
    """``--device`` as (input index, output index); a ConfigError says what is available.

    ``device`` is an index, a (part of a) name, ``"IN,OUT"`` or a pair; None takes the
    system defaults.
    """
    sd = sd if sd is not None else _import_sounddevice()
    devices = _devices(sd)
    if not devices:
        raise ConfigError(
            "PortAudio finds no sound devices on this machine: no microphone and no speaker "
            f"(a headless server, or a container without /dev/snd). {FILES_HINT}"
        )
    if isinstance(device, tuple):
        in_spec, out_spec = device
    elif isinstance(device, str) and "," in device:
        in_spec, out_spec = device.split(",", 1)
    else:
        in_spec = out_spec = device
    try:
        default_in, default_out = (int(x) for x in sd.default.device)
    except (TypeError, ValueError):
        default_in = default_out = -1
    mic = _pick(devices, in_spec, "input", default_in)
    speaker = _pick(devices, out_spec, "output", default_out)
    return int(mic["index"]), int(speaker["index"])


def sounddevice_streams(device: DeviceSpec = None, latency: float | str = "low") -> StreamFactory:
    """The real stream factory: resolve ``device`` now, open a duplex RawStream on demand.

    ``latency`` is PortAudio's (seconds, or "low"/"high"); raise it if ``xruns`` climb.
    """
    sd = _import_sounddevice()
    mic, speaker = resolve_device(device, sd)
    names = {d["index"]: d.get("name", "?") for d in _devices(sd)}
    for kind, index, check in (
        ("microphone", mic, sd.check_input_settings),
        ("speaker", speaker, sd.check_output_settings),
    ):
        try:
            check(device=index, channels=1, dtype="int16", samplerate=SAMPLE_RATE)
        except (sd.PortAudioError, ValueError) as exc:
            raise ConfigError(
                f"{kind} {index} ({names.get(index)}) cannot do 16 kHz mono 16-bit audio "
                f"({exc}); choose the 'default' or 'pulse' device, which resample"
            ) from exc

    def open_stream(callback: StreamCallback, finished: Callable[[], None]) -> Stream:
        try:
            stream: Stream = sd.RawStream(
                samplerate=SAMPLE_RATE,
                blocksize=FRAME_SAMPLES,
                device=(mic, speaker),
                channels=1,
                dtype="int16",
                latency=latency,
                callback=callback,
                finished_callback=finished,
            )
        except sd.PortAudioError as exc:
            raise ConfigError(
                f"cannot open the sound device ({names.get(mic)} -> {names.get(speaker)}): "
                f"{exc}. {FILES_HINT}"
            ) from exc
        return stream

    log.info("device leg: microphone %s, speaker %s", names.get(mic), names.get(speaker))
    return open_stream


class DeviceLeg(_OwnedMediaLeg):
    """A live caller at this machine's microphone and speaker."""

    kind = "device"

    def __init__(
        self,
        device: DeviceSpec = None,
        *,
        stream_factory: StreamFactory | None = None,
        latency: float | str = "low",
        caller: CallerInfo | None = None,
        inbound_frames: int = 50,
        ring_frames: int = 4,
        handle_sigint: bool = True,
    ) -> None:
        super().__init__(caller=caller, inbound_frames=inbound_frames, handle_sigint=handle_sigint)
        if ring_frames < 1:
            raise ValueError("the outbound ring needs room for at least one frame")
        # Resolving the device here makes a wrong --device fail before the call starts.
        self._factory = stream_factory or sounddevice_streams(device, latency)
        self.ring_frames = ring_frames
        self._ring: deque[bytes] = deque()
        self._stream: Stream | None = None
        self._tick = asyncio.Event()
        self._wake_pending = False
        self._next_out_t = 0.0
        # Written only by the PortAudio thread:
        self._in_rest = b""
        self._out_rest = b""
        self._in_frames = 0
        self._out_samples = 0
        self.underruns = 0  # blocks the ring could not fill: the caller heard a gap
        self.xruns = 0  # blocks PortAudio flagged (input overflow, output underflow)
        self.callback_errors = 0
        self.flushes = 0
        self._playing = True  # False once the call ended: silence is then no underrun
        self._flushed = False

    def stats(self) -> dict[str, int]:
        return {
            "dropped_frames": self.dropped_frames,
            "underruns": self.underruns,
            "xruns": self.xruns,
            "callback_errors": self.callback_errors,
        }

    def flush_output(self) -> None:
        self._ring.clear()
        self._flushed = True  # until refilled, an empty ring is the point, not an underrun
        self._next_out_t = 0.0
        self.flushes += 1
        self._tick.set()  # refill with fresh (by now paused, silent) frames at once

    def _media_time(self) -> float:
        return self._in_frames * FRAME_S

    def _end(self, event: LegHangup, *, by: str) -> None:
        self._playing = False
        super()._end(event, by=by)

    async def _open(self) -> None:
        stream = self._factory(self._callback, self._stream_finished)
        try:
            self._top_up()  # so the first block already has audio
            stream.start()
        except BaseException:
            stream.close()
            raise
        self._stream = stream

    async def _media(self) -> None:
        while True:
            await self._tick.wait()
            self._tick.clear()
            self._top_up()

    def _top_up(self) -> None:
        if self._ended is not None:
            return  # let the ring run dry: the call is over
        while len(self._ring) < self.ring_frames:
            # When this frame will be heard, on the same timeline as the inbound frames.
            t = round(
                max(self._out_samples / SAMPLE_RATE + len(self._ring) * FRAME_S, self._next_out_t),
                6,
            )
            source = self._source
            pcm = source.read_frame(t) if source is not None else None
            self._ring.append(fit_frame(pcm).tobytes())
            self._next_out_t = t + FRAME_S
        self._flushed = False

    async def _close_media(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        if self.ended_by == "bot":
            # Let the last words (a goodbye) play out of the ring before stopping.
            for _ in range(self.ring_frames + 2):
                if not self._ring:
                    break
                await asyncio.sleep(FRAME_S)
        await asyncio.to_thread(self._stop_stream, stream)
        if any(self.stats().values()):
            log.info("device leg: %s", self.stats())

    @staticmethod
    def _stop_stream(stream: Stream) -> None:
        try:
            stream.stop()  # waits for buffered output: off the loop
        finally:
            stream.close()

    # -- PortAudio's thread: never block, never touch asyncio but call_soon_threadsafe ---
    def _callback(self, indata: Any, outdata: Any, frames: int, time: Any, status: Any) -> None:
        try:
            if status:
                self.xruns += 1
            self._take_input(indata)
            self._fill_output(outdata, frames * 2)
            self._out_samples += frames
        except Exception:  # a bug here must not kill PortAudio's thread 50 times a second
            self.callback_errors += 1
            outdata[:] = bytes(len(outdata))
        self._wake_loop()

    def _take_input(self, indata: Any) -> None:
        data = self._in_rest + bytes(indata) if self._in_rest else bytes(indata)
        whole = len(data) // FRAME_BYTES
        for i in range(whole):
            pcm = np.frombuffer(data, dtype="<i2", count=FRAME_SAMPLES, offset=i * FRAME_BYTES)
            self._inbox.put_nowait(AudioFrame(pcm.astype(np.int16), self._in_frames * FRAME_S))
            self._in_frames += 1
        self._in_rest = data[whole * FRAME_BYTES :]

    def _fill_output(self, outdata: Any, nbytes: int) -> None:
        pos, rest = 0, self._out_rest
        while pos < nbytes:
            if not rest:
                try:
                    rest = self._ring.popleft()
                except IndexError:
                    outdata[pos:nbytes] = bytes(nbytes - pos)
                    if self._playing and not self._flushed:
                        self.underruns += 1
                    break
            n = min(len(rest), nbytes - pos)
            outdata[pos : pos + n] = rest[:n]
            rest, pos = rest[n:], pos + n
        self._out_rest = rest

    def _wake_loop(self) -> None:
        # At most one wake-up pending: a stalled loop is not flooded with callbacks.
        loop = self._loop
        if self._wake_pending or loop is None:
            return
        self._wake_pending = True
        try:
            loop.call_soon_threadsafe(self._on_wake)
        except RuntimeError:  # the loop is closed: the leg is being torn down
            self._wake_pending = False

    def _stream_finished(self) -> None:
        loop = self._loop
        if loop is None or self._closed:
            return
        try:
            loop.call_soon_threadsafe(self._on_stream_finished)
        except RuntimeError:  # the loop is closed: nobody is listening any more
            return

    # -- back on the loop -----------------------------------------------------------------
    def _on_wake(self) -> None:
        self._wake_pending = False
        self._inbox.wake()
        self._tick.set()

    def _on_stream_finished(self) -> None:
        if not self._closed:
            log.error("device leg: the sound device stopped (unplugged?)")
            self._end(LegHangup("device_error", self._media_time()), by="caller")


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
