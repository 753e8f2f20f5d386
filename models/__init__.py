"""The real speech models behind the interfaces in :mod:`agent.speech`.

Factories pick and load an engine from configuration; engine modules are imported lazily so
``import models`` stays cheap and an optional engine's absence (Piper is GPL, an extra) only
matters if it is asked for. Every default resolves from an installed offline package; see
:mod:`models.resolve`.
"""

from __future__ import annotations

import importlib
import logging
import os
from typing import TYPE_CHECKING, Any

from agent.errors import ConfigError

if TYPE_CHECKING:
    from models.flite_tts import FliteTts
    from models.piper_tts import PiperTts
    from models.vad import SileroVad, WebRtcVad
    from models.whisper import WhisperStt

__all__ = [
    "FliteTts",
    "PiperTts",
    "SileroVad",
    "WebRtcVad",
    "WhisperStt",
    "load_stt",
    "load_tts",
    "load_vad",
]

log = logging.getLogger(__name__)

_LAZY = {
    "WhisperStt": "models.whisper",
    "SileroVad": "models.vad",
    "WebRtcVad": "models.vad",
    "PiperTts": "models.piper_tts",
    "FliteTts": "models.flite_tts",
}


def __getattr__(name: str) -> Any:
    # PEP 562: ``from models import WhisperStt`` imports faster-whisper only when used.
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'models' has no attribute {name!r}")


def load_stt(name_or_path: str | os.PathLike[str] | None = None, **opts: Any) -> WhisperStt:
    """Whisper STT: None/"tiny.en" (embedded default), "base", a CT2 dir, or a hub name.

    ``opts`` go to :class:`models.whisper.WhisperStt` (compute_type, cpu_threads, language,
    beam_size, fast_encoder, ...).
    """
    from models.whisper import WhisperStt

    return WhisperStt(name_or_path, **opts)


def load_tts(engine: str | os.PathLike[str] | None = None, **opts: Any) -> PiperTts | FliteTts:
    """A TTS engine.

    None/"auto": Piper if installed, else flite. "piper" or "flite" force one; "flite:awb"
    picks a flite voice; a path to a ``.onnx`` file is a Piper voice. ``opts`` go to the
    engine's constructor.
    """
    from models.flite_tts import FliteNotInstalled, FliteTts

    value = os.fspath(engine).strip() if engine is not None else "auto"
    kind = value.lower()
    if kind == "auto":
        from models.piper_tts import PiperTts, piper_available

        if piper_available():
            return PiperTts(**opts)
        log.info("piper-tts is not installed; using flite for speech output")
        try:
            return FliteTts(**opts)
        except FliteNotInstalled as exc:
            raise FliteNotInstalled(
                "flite", alternative="pip install 'careline[piper]' for Piper"
            ) from exc
    if kind == "piper":
        from models.piper_tts import PiperTts

        return PiperTts(**opts)
    if kind == "flite":
        return FliteTts(**opts)
    if kind.startswith("flite:"):
        return FliteTts(value.split(":", 1)[1], **opts)
    if kind.endswith(".onnx"):
        from models.piper_tts import PiperTts

        return PiperTts(value, **opts)
    raise ConfigError(
        f"unknown TTS engine {value!r}: use piper, flite, flite:<voice> "
        "or a path to a Piper .onnx voice"
    )


def load_vad(kind: str = "silero", **opts: Any) -> SileroVad | WebRtcVad:
    """A VAD: "silero" (probability, default) or "webrtc" (0/1; ``aggressiveness`` 0..3)."""
    from models.vad import SileroVad, WebRtcVad

    name = kind.strip().lower()
    if name == "silero":
        return SileroVad(**opts)
    if name == "webrtc":
        return WebRtcVad(**opts)
    raise ConfigError(f"unknown VAD {kind!r}: use silero or webrtc")
