"""The engine: the models and thread pool a worker process shares across its calls.

Loading models takes seconds; a call takes none of that. An :class:`Engine` is built once
(``Engine.load``), its fixed prompts are synthesised once (``warm``), and every call gets a
fresh per-call VAD and dialogue from it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from agent.dialogue import ClinicInfo, Dialogue, ReceptionDialogue
from agent.flows.services import ClinicServices, clinic_info, open_clinic
from agent.nlu import KeywordNlu, Nlu
from agent.record import CallRecord, RecordSink, caller_fields
from agent.session import Call, CallConfig
from agent.speech import SpeechToText, TextToSpeech, VoiceActivityDetector
from agent.store.call_sink import CallRecordSink
from agent.utterances import split_sentences
from agent.voice_cache import VoiceCache
from handoff.port import Handoff
from telephony.leg import CallerInfo, CallLeg

log = logging.getLogger("careline.engine")


# What Whisper is told came before each turn. It biases recognition towards the words clinic
# callers use; measured on the test corpus it cut tiny.en's word errors from 27 % to 23 %.
CLINIC_STT_PROMPT = (
    "A patient calls a clinic about an appointment, a prescription refill, medication, pills, "
    "a bill, insurance, test results, or symptoms: chest pain, can't breathe, bleeding, fever, "
    "rash, throat swelling, stroke, suicidal thoughts."
)


@dataclass(frozen=True)
class EngineConfig:
    stt: str | None = None  # "tiny.en" (default), "base", or a model directory
    stt_prompt: str | None = CLINIC_STT_PROMPT
    tts: str | None = None  # "piper" when installed, else "flite"; or a .onnx voice path
    vad: str = "silero"  # or "webrtc"
    nlu: str | None = None  # the trained model (default), a retrained .npz, or "keyword"
    inference_threads: int = 2  # the bounded pool every call's model work runs on
    call: CallConfig = field(default_factory=CallConfig)
    clinic: ClinicInfo = field(default_factory=ClinicInfo)
    # The organisation's careline.toml (None: ./careline.toml if present, else the demo
    # clinic), and where the demo clinic's database lives. self_service=False: a switchboard
    # that routes every administrative request to a person.
    org_config: str | None = None
    data_dir: str = "out/clinic"
    self_service: bool = True
    clinic_now: datetime | None = None  # a fixed "now" for the clinic (replays and tests)


def load_nlu(name: str | None) -> Nlu:
    """The trained intent/triage model with its red-flag rules; "keyword" for the stand-in."""
    if name == "keyword":
        return KeywordNlu()
    from agent.model_nlu import ModelNlu

    return ModelNlu.load(name)


class Engine:
    def __init__(
        self,
        *,
        stt: SpeechToText,
        tts: TextToSpeech,
        vad_factory: Callable[[], VoiceActivityDetector],
        nlu: Nlu | None = None,
        dialogue_factory: Callable[[], Dialogue] | None = None,
        config: EngineConfig | None = None,
        services: ClinicServices | None = None,
    ) -> None:
        self.config = config or EngineConfig()
        self.stt, self.tts, self.vad_factory = stt, tts, vad_factory
        self.nlu = nlu or KeywordNlu()
        self.services = services
        self.dialogue_factory = dialogue_factory or (
            lambda: ReceptionDialogue(self.config.clinic, self.services)
        )
        self.executor = ThreadPoolExecutor(
            max_workers=self.config.inference_threads, thread_name_prefix="inference"
        )
        self.voice_cache = VoiceCache()

    @classmethod
    def load(cls, config: EngineConfig | None = None) -> Engine:
        """Resolve and load the real models (offline packages unless configured)."""
        import models

        config = config or EngineConfig()
        services = None
        if config.self_service:  # first: a broken careline.toml should not wait for models
            fixed = config.clinic_now
            services = open_clinic(
                config.org_config,
                data_dir=config.data_dir,
                clock=(lambda: fixed) if fixed is not None else None,
            )
            config = replace(config, clinic=clinic_info(services.config))
        stt = models.load_stt(config.stt, initial_prompt=config.stt_prompt)
        tts = models.load_tts(config.tts)
        vad_kind = config.vad
        models.load_vad(vad_kind)  # fail now, not on the first call, if it is missing
        return cls(
            stt=stt,
            tts=tts,
            vad_factory=lambda: models.load_vad(vad_kind),
            nlu=load_nlu(config.nlu),
            config=config,
            services=services,
        )

    def warm(self) -> None:
        """Synthesise the dialogue's fixed sentences once; warm up the recogniser."""
        for prompt in self.dialogue_factory().prompts():
            for sentence in split_sentences(prompt):
                if sentence not in self.voice_cache:
                    chunks = list(self.tts.synthesize(sentence))
                    if chunks:
                        self.voice_cache.put(sentence, np.concatenate(chunks), pin=True)
        warmup = getattr(self.stt, "warmup", None)
        if callable(warmup):
            warmup()

    def new_call(
        self,
        leg: CallLeg,
        *,
        call_id: str | None = None,
        sinks: list[RecordSink] | None = None,
        handoff: Handoff | None = None,
        leg_kind: str = "memory",
        clock_kind: str = "realtime",
        on_partial: Callable[[str], None] | None = None,
    ) -> Call:
        call_id = call_id or uuid.uuid4().hex[:12]
        sinks = list(sinks or [])
        if self.services is not None:  # the call record goes into the clinic's database too
            sinks.append(CallRecordSink(self.services.store, call_id))
        return Call(
            leg,
            call_id=call_id,
            stt=self.stt,
            tts=self.tts,
            vad=self.vad_factory(),
            nlu=self.nlu,
            dialogue=self.dialogue_factory(),
            record=CallRecord(call_id, sinks=sinks),
            executor=self.executor,
            handoff=handoff,
            config=self.config.call,
            voice_cache=self.voice_cache,
            leg_kind=leg_kind,
            clock_kind=clock_kind,
            on_partial=on_partial,
            clinic=self.services,
        )

    def record_unanswered(
        self,
        caller: CallerInfo,
        reason: str,
        sip_status: int | None,
        *,
        sinks: list[RecordSink] | None = None,
        leg_kind: str = "sip",
    ) -> CallRecord:
        """The record of a call that ended before the agent took it (cancelled while ringing,
        refused for its media, no port free): who called, why it ended, the SIP status."""
        call_id = uuid.uuid4().hex[:12]
        sinks = list(sinks or [])
        if self.services is not None:
            sinks.append(CallRecordSink(self.services.store, call_id))
        record = CallRecord(call_id, sinks=sinks)
        record.start(
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            clock="realtime",
            leg=leg_kind,
            caller=caller_fields(caller),
        )
        if sip_status is not None:
            record.set("sip_status", sip_status)
        record.end(reason, 0.0, answered=False)
        return record

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.services is not None:
            self.services.store.close()
