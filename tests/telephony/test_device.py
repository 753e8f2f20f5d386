"""DeviceLeg over a fake PortAudio stream, and FileLeg on virtual time."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from types import SimpleNamespace
from typing import Any, ClassVar

import numpy as np
import pytest
import sounddevice

from agent.audio import load_audio, save_wav
from agent.clock import run_virtual
from agent.errors import AudioFormatError, ConfigError
from telephony import device as device_module
from telephony.device import DeviceLeg, FileLeg, resolve_device
from telephony.leg import AudioFrame, CallLeg, LegHangup

FRAME = 320


class FakeStream:
    """A duplex RawStream whose callback runs when the test says, on its own thread."""

    def __init__(self, callback: Any, finished: Any) -> None:
        self.callback, self.finished = callback, finished
        self.started = self.stopped = self.closed = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True
        self.finished()

    def close(self) -> None:
        self.closed = True

    def run_blocks(self, blocks: list[np.ndarray], status: Any = None) -> list[np.ndarray]:
        """Run the callback once per 20 ms block on another thread, as PortAudio does.

        The event loop is blocked meanwhile (join), so a callback that waited on the loop
        would time out here.
        """
        played: list[np.ndarray] = []
        errors: list[BaseException] = []

        def portaudio() -> None:
            try:
                for pcm in blocks:
                    outdata = bytearray(FRAME * 2)
                    self.callback(pcm.astype("<i2").tobytes(), outdata, FRAME, None, status)
                    played.append(np.frombuffer(bytes(outdata), dtype="<i2").copy())
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=portaudio)
        thread.start()
        thread.join(timeout=5)
        assert not thread.is_alive(), "the callback blocked"
        assert not errors, errors
        return played


class FakeCard:
    """The stream factory a test injects instead of the sound card."""

    def __init__(self) -> None:
        self.stream: FakeStream | None = None

    def __call__(self, callback: Any, finished: Any) -> FakeStream:
        self.stream = FakeStream(callback, finished)
        return self.stream


class Numbered:
    """An audio source whose n-th frame (from 1) is all n; notes its threads and times."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.times: list[float] = []
        self.threads: set[int] = set()
        self.fail_at = fail_at

    def read_frame(self, t: float) -> np.ndarray | None:
        self.times.append(t)
        self.threads.add(threading.get_ident())
        if len(self.times) == self.fail_at:
            raise RuntimeError("source broke")
        return np.full(FRAME, len(self.times), dtype=np.int16)


def blocks(*values: int) -> list[np.ndarray]:
    return [np.full(FRAME, v, dtype=np.int16) for v in values]


async def settle() -> None:
    """Let the loop run the callbacks PortAudio's thread scheduled, and what they wake."""
    for _ in range(5):
        await asyncio.sleep(0)


def leg_with(card: FakeCard, **kw: Any) -> DeviceLeg:
    kw.setdefault("handle_sigint", False)
    return DeviceLeg(stream_factory=card, **kw)


# -- DeviceLeg ----------------------------------------------------------------------------
async def test_inbound_frames_arrive_in_order_and_close_stops_the_stream():
    card = FakeCard()
    leg = leg_with(card)
    assert isinstance(leg, CallLeg)
    async with leg:
        assert card.stream is not None and card.stream.started
        card.stream.run_blocks(blocks(0, 1, 2, 3, 4))
        frames = [await leg.recv() for _ in range(5)]
    assert all(isinstance(f, AudioFrame) for f in frames)
    assert [int(f.pcm[0]) for f in frames] == [0, 1, 2, 3, 4]
    assert [f.t for f in frames] == pytest.approx([0.0, 0.02, 0.04, 0.06, 0.08])
    assert all(f.pcm.dtype == np.int16 and len(f.pcm) == FRAME for f in frames)
    assert leg.dropped_frames == 0
    assert card.stream.stopped and card.stream.closed
    assert leg._task is not None and leg._task.done()
    assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []
    # Closed without a hang-up: recv() does not hang.
    assert await leg.recv() == LegHangup("leg_closed", 0.1)


async def test_inbound_overflow_drops_the_oldest_frames_and_counts_them():
    card = FakeCard()
    async with leg_with(card, inbound_frames=3) as leg:
        assert card.stream is not None
        card.stream.run_blocks(blocks(0, 1, 2, 3, 4))
        frames = [await leg.recv() for _ in range(3)]
        assert [int(f.pcm[0]) for f in frames] == [2, 3, 4]
        assert [f.t for f in frames] == pytest.approx([0.04, 0.06, 0.08])
        assert leg.dropped_frames == 2
        assert leg.stats()["dropped_frames"] == 2


async def test_outbound_ring_underrun_plays_silence_and_counts():
    card = FakeCard()
    source = Numbered()
    leg = leg_with(card, ring_frames=3)
    leg.set_audio_source(source)
    async with leg:
        assert card.stream is not None
        # The loop is blocked while these play: the ring (3 frames) runs dry after 60 ms.
        played = card.stream.run_blocks(blocks(0, 0, 0, 0, 0))
        assert [int(p[0]) for p in played] == [1, 2, 3, 0, 0]
        assert not played[3].any() and not played[4].any()
        assert leg.underruns == 2
        await settle()  # the loop wakes and tops the ring up
        played = card.stream.run_blocks(blocks(0, 0, 0))
        assert [int(p[0]) for p in played] == [4, 5, 6]
        assert leg.underruns == 2
    assert source.threads == {threading.get_ident()}, "the source is only called on the loop"
    # Each frame is stamped with when it plays, on the inbound frames' timeline.
    assert source.times[:6] == pytest.approx([0.0, 0.02, 0.04, 0.1, 0.12, 0.14])


async def test_flush_empties_the_ring_for_barge_in():
    card = FakeCard()
    source = Numbered()
    leg = leg_with(card, ring_frames=4)
    leg.set_audio_source(source)
    async with leg:
        assert card.stream is not None
        assert [int(p[0]) for p in card.stream.run_blocks(blocks(0))] == [1]
        leg.flush_output()  # frames 2-4 were queued and are never heard
        assert not card.stream.run_blocks(blocks(0))[0].any()  # before the loop refills
        assert leg.underruns == 0, "silence right after a flush is not an underrun"
        await settle()
        assert [int(p[0]) for p in card.stream.run_blocks(blocks(0, 0))] == [5, 6]
        assert leg.flushes == 1


async def test_blocks_of_other_sizes_are_reframed():
    card = FakeCard()
    async with leg_with(card) as leg:
        assert card.stream is not None
        half = np.arange(160, dtype=np.int16)
        for _ in range(3):
            card.stream.callback(half.tobytes(), bytearray(320), 160, None, None)
        frame = await leg.recv()
        assert isinstance(frame, AudioFrame)
        assert np.array_equal(frame.pcm, np.concatenate([half, half]))


async def test_portaudio_status_flags_are_counted():
    card = FakeCard()
    async with leg_with(card) as leg:
        assert card.stream is not None
        card.stream.run_blocks(blocks(0, 0), status="input overflow")
        assert leg.xruns == 2


async def test_hangup_is_idempotent_and_recv_returns_it():
    card = FakeCard()
    source = Numbered()
    leg = leg_with(card)
    leg.set_audio_source(source)
    async with leg:
        await leg.hangup("bot_hangup")
        await leg.hangup("error")
        assert await leg.recv() == LegHangup("bot_hangup", 0.0)
        assert await leg.recv() == LegHangup("bot_hangup", 0.0)
        assert leg.ended_by == "bot"
        pulled = len(source.times)
        assert card.stream is not None
        card.stream.run_blocks(blocks(0, 0, 0, 0, 0, 0))
        await settle()
        assert len(source.times) == pulled, "no more audio is pulled after the hang-up"
        assert leg.underruns == 0
    await leg.close()  # idempotent


async def test_a_stream_that_stops_by_itself_ends_the_call():
    card = FakeCard()
    async with leg_with(card) as leg:
        assert card.stream is not None
        threading.Thread(target=card.stream.finished).start()  # unplugged
        event = await asyncio.wait_for(leg.recv(), 1)
        assert event == LegHangup("device_error", 0.0)


async def test_a_failing_source_ends_the_call_and_close_raises():
    card = FakeCard()
    leg = leg_with(card, ring_frames=2)
    leg.set_audio_source(Numbered(fail_at=3))
    with pytest.raises(RuntimeError, match="source broke"):
        async with leg:
            assert card.stream is not None
            card.stream.run_blocks(blocks(0))
            event = await asyncio.wait_for(leg.recv(), 1)
            assert isinstance(event, AudioFrame)
            assert await asyncio.wait_for(leg.recv(), 1) == LegHangup("error", 0.02)
    assert card.stream.closed


async def test_ctrl_c_is_the_caller_hanging_up():
    previous = signal.getsignal(signal.SIGINT)
    card = FakeCard()
    async with DeviceLeg(stream_factory=card) as leg:
        assert leg._sigint_installed, "without the handler the signal would stop pytest"
        os.kill(os.getpid(), signal.SIGINT)
        event = await asyncio.wait_for(leg.recv(), 1)
        assert event == LegHangup("caller_hangup", 0.0)
        assert leg.ended_by == "caller"
        assert signal.getsignal(signal.SIGINT) is previous  # a second Ctrl-C interrupts
    assert signal.getsignal(signal.SIGINT) is previous


# -- choosing the device --------------------------------------------------------------
DEVICES = [
    {"name": "HDA Intel PCH: ALC257 Analog (hw:0,0)", "max_input_channels": 2,
     "max_output_channels": 2},
    {"name": "HDA Intel PCH: HDMI 0 (hw:0,3)", "max_input_channels": 0,
     "max_output_channels": 8},
    {"name": "Jabra Link 380: USB Audio (hw:1,0)", "max_input_channels": 1,
     "max_output_channels": 2},
    {"name": "default", "max_input_channels": 32, "max_output_channels": 32},
]  # fmt: skip


def fake_sd(devices: list[dict[str, Any]], default: tuple[int, int] = (3, 3)) -> Any:
    return SimpleNamespace(
        query_devices=lambda: [dict(d) for d in devices],
        default=SimpleNamespace(device=default),
    )


def test_no_sound_devices_at_all_says_so_and_suggests_files(monkeypatch):
    monkeypatch.setattr(sounddevice, "query_devices", lambda *a, **k: [])
    with pytest.raises(ConfigError) as caught:
        DeviceLeg()
    message = str(caught.value)
    assert "no sound devices" in message
    assert "--input-file" in message and "--output-file" in message


@pytest.mark.parametrize(
    ("spec", "expected"),
    [(None, (3, 3)), ("jabra", (2, 2)), ("2", (2, 2)), (0, (0, 0)), ("jabra,1", (2, 1)),
     (("default", "HDMI"), (3, 1)), ("Default", (3, 3))],
)  # fmt: skip
def test_devices_are_chosen_by_name_or_index(spec, expected):
    assert resolve_device(spec, fake_sd(DEVICES)) == expected


def test_without_defaults_the_first_capable_device_is_used():
    assert resolve_device(None, fake_sd(DEVICES, default=(-1, -1))) == (0, 0)


@pytest.mark.parametrize(
    ("spec", "problem"),
    [("zoom h2", "no microphone (input) has 'zoom h2' in its name"),
     (9, "there is no sound device 9"),
     ("1", "sound device 1 (HDA Intel PCH: HDMI 0 (hw:0,3)) has no microphone"),
     ("HDA", "'HDA' matches several speaker (output) devices (0, 1)")],
)  # fmt: skip
def test_a_wrong_device_lists_the_available_ones(spec, problem):
    with pytest.raises(ConfigError) as caught:
        resolve_device(spec, fake_sd(DEVICES))
    message = str(caught.value)
    assert problem in message
    for i, dev in enumerate(DEVICES):
        assert f"{i}  {dev['name']}" in message
    assert "--device" in message


class FakeRawStream(FakeStream):
    opened: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, **kw: Any) -> None:
        super().__init__(kw["callback"], kw["finished_callback"])
        FakeRawStream.opened.append(kw)


class FakePortAudioError(Exception):
    pass


def test_the_real_factory_opens_a_16k_mono_int16_duplex_stream(monkeypatch):
    checked: list[tuple[str, dict[str, Any]]] = []
    sd = fake_sd(DEVICES)
    sd.PortAudioError = FakePortAudioError
    sd.check_input_settings = lambda **kw: checked.append(("in", kw))
    sd.check_output_settings = lambda **kw: checked.append(("out", kw))
    sd.RawStream = FakeRawStream
    monkeypatch.setattr(device_module.sound_card, "_import_sounddevice", lambda: sd)
    FakeRawStream.opened.clear()

    leg = DeviceLeg("jabra", handle_sigint=False)
    asyncio.run(_start_and_close(leg))
    (kw,) = FakeRawStream.opened
    assert kw["samplerate"] == 16000 and kw["blocksize"] == 320
    assert kw["channels"] == 1 and kw["dtype"] == "int16" and kw["device"] == (2, 2)
    assert kw["latency"] == "low"
    assert [c[0] for c in checked] == ["in", "out"]
    assert all(c[1]["samplerate"] == 16000 for c in checked)


async def _start_and_close(leg: DeviceLeg) -> None:
    async with leg:
        pass


def test_a_device_that_cannot_do_16k_is_refused_clearly(monkeypatch):
    sd = fake_sd(DEVICES)
    sd.PortAudioError = FakePortAudioError

    def refuse(**kw: Any) -> None:
        raise FakePortAudioError("Invalid sample rate")

    sd.check_input_settings = refuse
    sd.check_output_settings = refuse
    monkeypatch.setattr(device_module.sound_card, "_import_sounddevice", lambda: sd)
    with pytest.raises(ConfigError, match="cannot do 16 kHz mono 16-bit audio"):
        DeviceLeg("jabra")


# -- FileLeg ------------------------------------------------------------------------------
def tone(seconds: float, freq: float = 440.0, rate: int = 16000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (8000 * np.sin(2 * np.pi * freq * t)).astype(np.int16)


async def drain(leg: FileLeg) -> list[Any]:
    events = []
    while True:
        event = await leg.recv()
        events.append(event)
        if isinstance(event, LegHangup):
            return events


def test_file_leg_plays_the_input_then_hangs_up_after_the_tail(tmp_path):
    caller = tone(2.0)
    save_wav(tmp_path / "caller.wav", caller)

    async def main() -> tuple[list[Any], float]:
        leg = FileLeg(
            tmp_path / "caller.wav", tmp_path / "bot.wav", realtime=False, handle_sigint=False
        )
        async with leg:
            events = await drain(leg)
            return events, asyncio.get_running_loop().time()

    started = time.perf_counter()
    events, virtual_now = run_virtual(main())
    assert time.perf_counter() - started < 3.0, "virtual time: 5 s of call in no time"
    frames = [e for e in events if isinstance(e, AudioFrame)]
    # 2 s of input is 100 frames; the line stays open (silent) for the 3 s tail.
    assert len(frames) == 100 + 150
    assert all(np.array_equal(f.pcm, caller[i * FRAME : (i + 1) * FRAME]) for i, f in
               enumerate(frames[:100]))  # fmt: skip
    assert not any(f.pcm.any() for f in frames[100:])
    assert [f.t for f in frames[:3]] == pytest.approx([0.0, 0.02, 0.04])
    assert events[-1] == LegHangup("caller_hangup", pytest.approx(5.0))
    assert virtual_now == pytest.approx(5.0, abs=0.05)
    bot = load_audio(tmp_path / "bot.wav")
    assert len(bot) == 250 * FRAME and not bot.any()


class BotSays:
    """The bot says ``audio`` starting at media time ``at``; silence otherwise."""

    def __init__(self, audio: np.ndarray, at: float) -> None:
        self.audio, self.at = audio, at

    def read_frame(self, t: float) -> np.ndarray | None:
        i = round((t - self.at) * 16000)
        if i < 0 or i >= len(self.audio):
            return None
        return self.audio[i : i + FRAME]


def test_file_leg_writes_the_bot_at_the_right_time(tmp_path):
    save_wav(tmp_path / "caller.wav", tone(2.0))
    said = tone(0.5, freq=300.0)

    async def main() -> None:
        leg = FileLeg(
            tmp_path / "caller.wav",
            tmp_path / "out" / "bot.wav",
            realtime=False,
            tail_s=1.0,
            handle_sigint=False,
        )
        leg.set_audio_source(BotSays(said, at=1.0))
        async with leg:
            await drain(leg)

    run_virtual(main())
    bot = load_audio(tmp_path / "out" / "bot.wav")
    assert len(bot) == 3 * 16000
    assert not bot[:16000].any() and not bot[24000:].any()
    assert np.array_equal(bot[16000:24000], said)


def test_the_bot_hanging_up_first_ends_the_file_call(tmp_path):
    save_wav(tmp_path / "caller.wav", tone(2.0))

    async def main() -> tuple[FileLeg, LegHangup]:
        leg = FileLeg(
            tmp_path / "caller.wav", tmp_path / "bot.wav", realtime=False, handle_sigint=False
        )
        async with leg:
            while (event := await leg.recv()) and event.t < 1.0:
                pass
            await leg.hangup("bot_hangup")
            await leg.hangup("error")
            tail = await drain(leg)
            assert len(tail) <= 2  # at most the frame already queued, then the hang-up
            return leg, tail[-1]

    leg, hangup = run_virtual(main())
    assert hangup.reason == "bot_hangup" and leg.ended_by == "bot"
    assert len(load_audio(tmp_path / "bot.wav")) == pytest.approx(1.02 * 16000, abs=FRAME)


async def test_file_leg_is_paced_in_real_time_by_default(tmp_path):
    save_wav(tmp_path / "caller.wav", tone(0.2))
    leg = FileLeg(tmp_path / "caller.wav", tail_s=0.1, handle_sigint=False)
    started = time.perf_counter()
    async with leg:
        events = await drain(leg)
    elapsed = time.perf_counter() - started
    assert len(events) == 15 + 1
    assert 0.28 <= elapsed < 2.0
    assert leg.dropped_frames == 0
    assert len(leg.bot_audio()) == 15 * FRAME


def test_file_leg_reads_other_rates_and_refuses_bad_files(tmp_path):
    save_wav(tmp_path / "8k.wav", tone(1.0, rate=8000), rate=8000)
    leg = FileLeg(tmp_path / "8k.wav", handle_sigint=False)
    assert leg.input_s == pytest.approx(1.0)
    with pytest.raises(AudioFormatError, match="no such file"):
        FileLeg(tmp_path / "missing.wav")
    with pytest.raises(ConfigError, match="overwrite the input"):
        FileLeg(tmp_path / "8k.wav", tmp_path / "8k.wav")


def test_a_real_call_over_a_file_leg(tmp_path, fake_engine, book):
    """The whole engine on fakes: the caller asks, the bot answers, both in the files."""
    question = book.say("what are your opening hours")
    silence = np.zeros(16000 * 6, dtype=np.int16)
    caller = np.concatenate([silence, question, silence])
    save_wav(tmp_path / "caller.wav", caller)

    async def main() -> Any:
        leg = FileLeg(
            tmp_path / "caller.wav", tmp_path / "bot.wav", realtime=False, handle_sigint=False
        )
        call = fake_engine.new_call(leg, call_id="file", leg_kind="file", clock_kind="virtual")
        async with leg:
            return await call.run()

    record = run_virtual(main()).data
    speakers = [t["speaker"] for t in record["turns"]]
    assert speakers[:3] == ["bot", "caller", "bot"]
    assert record["turns"][0]["t_start"] == pytest.approx(0.0, abs=0.1)
    bot = load_audio(tmp_path / "bot.wav")
    assert np.abs(bot[: 16000 // 5]).max() > 1000, "the greeting starts the call"
    answer_at = record["turns"][2]["t_start"]
    i = round(answer_at * 16000)
    assert np.abs(bot[i : i + 1600]).max() > 1000, "the answer is where the record says"
