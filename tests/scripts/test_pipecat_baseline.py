"""The Pipecat baseline bot answers a scripted caller on the replay leg, in real time."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from agent.replay.leg import Timeline
from agent.replay.script import CallerStep, CallScript

with warnings.catch_warnings():
    # Importing Pipecat 1.14 warns about its own internals (the stdlib audioop, deprecated
    # service base classes it still subclasses); the suite turns warnings into errors, and
    # these are Pipecat's business, not the baseline's.
    warnings.simplefilter("ignore", DeprecationWarning)
    pytest.importorskip("pipecat")  # the baseline is an optional benchmark dependency
    from scripts.pipecat_baseline import latencies, latency_rows, run_pipecat_call


def _renderer(cache_dir: Path) -> Callable[[CallerStep], np.ndarray]:
    if shutil.which("flite") is None:
        pytest.skip("flite not installed (apt-get install flite)")
    try:
        from agent.replay.harness import default_renderer
        from agent.replay.voices import render  # noqa: F401  (the phone-line test voices)

        return default_renderer(cache_dir)
    except ImportError:  # no phone-line voices here: plain flite speech will do
        from agent.audio import load_audio

        def render_flite(step: CallerStep) -> np.ndarray:
            assert step.say is not None
            wav = cache_dir / f"{abs(hash(step.say))}.wav"
            voice = step.voice.split(":", 1)[1]
            subprocess.run(["flite", "-voice", voice, "-t", step.say, "-o", str(wav)], check=True)
            return load_audio(wav)

        return render_flite


def test_latencies_takes_the_first_bot_audio_after_each_utterance() -> None:
    timeline = Timeline(
        utterances=[
            {"text": "a", "speech_end": 2.0},
            {"text": "b", "speech_end": 9.0},
            {"text": "c", "speech_end": 20.0},
        ],
        bot_segments=[[0.0, 1.5], [3.2, 8.0], [9.4, 10.0], [31.0, 32.0]],
    )
    assert latencies(timeline) == pytest.approx([1.2, 0.4])  # "c": nothing within 10 s
    assert latency_rows(timeline)[2]["latency"] is None


@pytest.mark.models
@pytest.mark.slow
async def test_pipecat_bot_answers_a_scripted_caller_in_real_time(tmp_path: Path) -> None:
    script = CallScript(
        id="pipecat-goodbye",
        caller=[CallerStep(say="That is all thank you goodbye.", voice="flite:awb")],
    )
    timeline = await run_pipecat_call(script, render=_renderer(tmp_path), max_s=90.0)

    # The greeting comes first, and the caller only speaks once it is over.
    assert timeline.bot_segments and timeline.bot_segments[0][0] < 2.0
    (utterance,) = timeline.utterances
    assert utterance["speech_start"] > timeline.bot_segments[0][1]
    # Then a reply: careline's dialogue says goodbye, and the bot hangs up after it.
    lat = latencies(timeline)
    assert len(lat) == 1 and 0.2 <= lat[0] <= 5.0, timeline.as_dict()
    assert timeline.hangup is not None and timeline.hangup["by"] == "bot", timeline.as_dict()
    # The pipeline, its runner and the leg's media clock are all shut down.
    await asyncio.sleep(0)
    leaked = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert not leaked, [t.get_name() for t in leaked]
