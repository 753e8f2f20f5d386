"""Synthetic test callers: speech in voices the bot does not use, shaped like a phone line.

The bot speaks with Piper "joe" (or flite "slt"), so test callers use other voices and the
tests never only hear the bot's own voice back::

    flite:awb  flite:rms  flite:kal16  flite:kal      Debian ``flite``
    festival:slt_hts                                  Debian ``festival`` + ``festvox-us-slt-hts``
    espeak:<name>   e.g. espeak:en-us, espeak:en+f3, espeak:en-us+m3    Debian ``espeak-ng``

:func:`render` synthesises the text and passes it through a telephone line: band-pass
300-3400 Hz, 8 kHz, a level a caller might have, seeded line noise, and a G.711 mu-law
encode/decode round trip, then back to 16 kHz int16 (the rate careline works at).
:func:`render_phone` stops at 8 kHz and also returns the *clean* speech span, measured before
noise and codec, which is the ground truth for "where the caller's speech starts and ends".

Renders are deterministic for a ``(text, voice, seed, speed)`` and can be cached on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agent.audio import resample, save_wav
from agent.errors import AudioFormatError, ModelError
from telephony.g711 import ulaw_decode, ulaw_encode

SAMPLE_RATE = 16_000
LINE_RATE = 8_000

#: Bump when the shaping changes, so cached renders made the old way are not reused.
PIPELINE_VERSION = "phone-v2"

#: Voices known to work here; ``espeak:`` accepts any espeak-ng voice or ``voice+variant``.
VOICES: tuple[str, ...] = (
    "flite:awb",
    "flite:rms",
    "flite:kal16",
    "festival:slt_hts",
    "espeak:en-us",
    "espeak:en+f3",
    "espeak:en-us+m3",
    "espeak:en-us+f4",
)
BOT_VOICES = frozenset({"flite:slt", "piper:joe"})

_FLITE_VOICES = {"awb", "rms", "kal16", "kal"}
_ESPEAK_NAME = re.compile(r"^[A-Za-z0-9_-]+(\+[A-Za-z0-9_-]+)?$")
_FESTIVAL_VOICES = {"slt_hts": ("voice_cmu_us_slt_arctic_hts", "festvox-us-slt-hts")}

# Telephone band (ITU-T G.712-ish): 300-3400 Hz at -6 dB, cosine skirts 250-350 and 3300-3500 Hz,
# nothing above 3.5 kHz.
BAND = (300.0, 3400.0)
_SKIRT_LOW, _SKIRT_HIGH = 100.0, 200.0

# Seeded ranges for a caller's level and the line's noise (dBFS, RMS).
SPEECH_LEVEL_DBFS = (-21.0, -16.0)
NOISE_DBFS = (-47.0, -38.0)
DEFAULT_PAD = (0.25, 0.35)  # line noise before and after the speech (s)


class VoiceUnavailable(ModelError):
    """A test voice's synthesiser is not installed; the message names the Debian package."""

    def __init__(self, voice: str, package: str, detail: str = "") -> None:
        msg = f"test voice {voice!r} needs the Debian package {package}: apt-get install {package}"
        super().__init__(f"{msg} ({detail})" if detail else msg)
        self.package = package


@dataclass(frozen=True, slots=True)
class PhoneClip:
    """An utterance as it arrives over the line: 8 kHz int16, and where its speech is."""

    pcm: np.ndarray  # 8 kHz mono int16, G.711-representable
    span: tuple[float, float]  # (start_s, end_s) of the speech, measured on the clean signal
    text: str
    voice: str
    seed: int

    @property
    def rate(self) -> int:
        return LINE_RATE

    @property
    def duration(self) -> float:
        return len(self.pcm) / LINE_RATE


# --------------------------------------------------------------------------------------------
# Synthesis


def parse_voice(voice: str) -> tuple[str, str]:
    """Split ``"engine:name"`` and check it; raises ValueError for an unknown or bot voice."""
    if voice in BOT_VOICES:
        raise ValueError(f"{voice!r} is the bot's own voice; pick a test-caller voice: {VOICES}")
    engine, sep, name = voice.partition(":")
    if not sep or not name:
        raise ValueError(f"voice {voice!r} must look like 'engine:name', e.g. {VOICES}")
    if engine == "flite" and name in _FLITE_VOICES:
        return engine, name
    if engine == "festival" and name in _FESTIVAL_VOICES:
        return engine, name
    if engine == "espeak" and _ESPEAK_NAME.match(name):
        return engine, name
    raise ValueError(f"unknown test voice {voice!r}; known: {', '.join(VOICES)}")


def _need(binary: str, voice: str, package: str) -> str:
    path = shutil.which(binary)
    if path is None:
        raise VoiceUnavailable(voice, package, f"'{binary}' is not on PATH")
    return path


def check_voice(voice: str) -> None:
    """Raise :class:`VoiceUnavailable` (or ValueError) unless ``voice`` can be rendered here."""
    engine, _name = parse_voice(voice)
    if engine == "flite":
        _need("flite", voice, "flite")
    elif engine == "espeak":
        _need("espeak-ng", voice, "espeak-ng")
    else:
        _need("text2wave", voice, "festival")


def available(voice: str) -> bool:
    try:
        check_voice(voice)
    except (VoiceUnavailable, ValueError):
        return False
    return True


def _read_wav(path: Path) -> tuple[np.ndarray, int]:
    try:
        with wave.open(str(path), "rb") as w:
            if w.getsampwidth() != 2:
                raise AudioFormatError(f"{path}: expected 16-bit PCM from the synthesiser")
            rate, channels = w.getframerate(), w.getnchannels()
            pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    except (wave.Error, EOFError) as exc:
        raise AudioFormatError(f"{path}: synthesiser wrote no readable WAV ({exc})") from exc
    if channels > 1:
        pcm = pcm.reshape(-1, channels)[:, 0]
    return pcm.astype(np.int16), rate


def synthesize(text: str, voice: str, *, speed: float = 1.0) -> tuple[np.ndarray, int]:
    """Raw synthesiser output as ``(int16 mono, sample_rate)``; no line shaping.

    ``speed`` > 1 speaks faster, < 1 slower (a hesitant or elderly caller).
    """
    if not text or not text.strip():
        raise ValueError("nothing to say: text is empty")
    if not 0.3 <= speed <= 3.0:
        raise ValueError(f"speed {speed} is outside 0.3-3.0")
    engine, name = parse_voice(voice)
    with tempfile.TemporaryDirectory(prefix="careline-voice-") as tmp:
        txt, out = Path(tmp) / "say.txt", Path(tmp) / "out.wav"
        txt.write_text(text.strip() + "\n", encoding="utf-8")
        if engine == "flite":
            cmd = [
                _need("flite", voice, "flite"),
                "-voice",
                name,
                "--setf",
                f"duration_stretch={1.0 / speed:.4f}",
                "-f",
                str(txt),
                "-o",
                str(out),
            ]
            package = "flite"
        elif engine == "espeak":
            cmd = [
                _need("espeak-ng", voice, "espeak-ng"),
                "-v",
                name,
                "-s",
                str(round(175 * speed)),
                "-w",
                str(out),
                "-f",
                str(txt),
            ]
            package = "espeak-ng"
        else:
            fn, package = _FESTIVAL_VOICES[name]
            cmd = [
                _need("text2wave", voice, "festival"),
                "-eval",
                f"({fn})",
                "-eval",
                f"(set! hts_engine_params (append hts_engine_params "
                f'(list (list "-r" {speed:.4f}))))',
                str(txt),
                "-o",
                str(out),
            ]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ModelError(f"{voice}: synthesiser timed out on {text[:40]!r}") from exc
        err = proc.stderr.decode("utf-8", "replace").strip()
        if proc.returncode != 0 or not out.exists() or out.stat().st_size <= 44:
            if engine == "festival" and ("unbound variable" in err or "SIOD ERROR" in err):
                raise VoiceUnavailable(voice, package, err.splitlines()[-1] if err else "")
            raise ModelError(f"{voice}: synthesiser failed (exit {proc.returncode}): {err[-300:]}")
        return _read_wav(out)


# --------------------------------------------------------------------------------------------
# Signal helpers (numpy only)


def _band_mask(n: int, rate: int, band: tuple[float, float] = BAND) -> np.ndarray:
    """Raised-cosine skirts centred on the band edges (-6 dB at each edge, as sox's sinc)."""
    f = np.fft.rfftfreq(n, 1.0 / rate)
    lo, hi = band
    a, b = lo - _SKIRT_LOW / 2, lo + _SKIRT_LOW / 2
    c, d = hi - _SKIRT_HIGH / 2, hi + _SKIRT_HIGH / 2
    mask = np.zeros_like(f)
    mask[(f >= b) & (f <= c)] = 1.0
    rise = (f > a) & (f < b)
    mask[rise] = 0.5 - 0.5 * np.cos(np.pi * (f[rise] - a) / _SKIRT_LOW)
    fall = (f > c) & (f < d)
    mask[fall] = 0.5 + 0.5 * np.cos(np.pi * (f[fall] - c) / _SKIRT_HIGH)
    return mask


def band_pass(x: np.ndarray, rate: int, band: tuple[float, float] = BAND) -> np.ndarray:
    """Zero-phase FFT band-pass (float in, float out); the telephone band by default."""
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return x
    n = int(2 ** np.ceil(np.log2(x.size + rate // 10)))  # pad so the ends don't wrap around
    spec = np.fft.rfft(x, n) * _band_mask(n, rate, band)
    return np.fft.irfft(spec, n)[: x.size]


def _dbfs_frames(
    x: np.ndarray, rate: int, frame_s: float, hop_s: float
) -> tuple[np.ndarray, int, int]:
    win = max(1, round(frame_s * rate))
    hop = max(1, round(hop_s * rate))
    if x.size < win:
        x = np.pad(x, (0, win - x.size))
    c = np.concatenate(([0.0], np.cumsum(x * x)))
    starts = np.arange(0, x.size - win + 1, hop)
    energy = (c[starts + win] - c[starts]) / win
    return 10.0 * np.log10(np.maximum(energy, 1e-13)), win, hop


def _as_unit(pcm: np.ndarray) -> np.ndarray:
    pcm = np.asarray(pcm)
    if pcm.dtype.kind in "iu":
        return pcm.astype(np.float64) / 32768.0
    return pcm.astype(np.float64)


def speech_span(
    pcm: np.ndarray,
    rate: int = SAMPLE_RATE,
    *,
    frame_s: float = 0.010,
    hop_s: float = 0.0025,
    margin_db: float = 9.0,
    range_db: float = 45.0,
    min_dbfs: float = -70.0,
    min_run_s: float = 0.020,
) -> tuple[float, float]:
    """Where speech starts and ends, in seconds, by short-time energy.

    A 10 ms window (2.5 ms hop) counts as loud when its level is ``margin_db`` above the
    clip's noise floor (the 10th percentile of all windows), within ``range_db`` of the loudest
    window, and above ``min_dbfs``. Runs of loud windows shorter than ``min_run_s`` (clicks,
    noise bursts) are ignored. The span runs from the start of the first loud run to the end
    of the last one, so it contains all the detected speech (errs by < 10 ms).
    Returns ``(0.0, 0.0)`` when nothing stands out (silence, steady noise, an empty clip).
    Integer arrays are read as int16 full scale, float arrays as -1..1.
    """
    x = _as_unit(pcm)
    if x.size == 0:
        return (0.0, 0.0)
    db, win, hop = _dbfs_frames(x, rate, frame_s, hop_s)
    peak, floor = float(db.max()), float(np.percentile(db, 10))
    threshold = max(floor + margin_db, peak - range_db, min_dbfs)
    loud = np.concatenate(([0], (db > threshold).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(loud)).reshape(-1, 2)  # [first, last + 1] of each run
    min_run = max(1, round(min_run_s / (hop / rate)))
    runs = edges[(edges[:, 1] - edges[:, 0]) >= min(min_run, len(db))]
    if runs.size == 0:
        return (0.0, 0.0)
    start = runs[0, 0] * hop / rate
    end = min(x.size, (runs[-1, 1] - 1) * hop + win) / rate
    return (round(float(start), 4), round(float(end), 4))


def trim_silence(pcm: np.ndarray, rate: int = SAMPLE_RATE, *, pad: float = 0.0) -> np.ndarray:
    """``pcm`` cut to its :func:`speech_span`, keeping ``pad`` seconds either side."""
    start, end = speech_span(pcm, rate)
    if end <= start:
        return pcm[:0]
    a = max(0, int((start - pad) * rate))
    b = min(len(pcm), int(np.ceil((end + pad) * rate)))
    return pcm[a:b]


def active_level_dbfs(pcm: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """RMS level (dBFS) over the windows that carry speech (a simple active speech level)."""
    x = _as_unit(pcm)
    db, _, _ = _dbfs_frames(x, rate, 0.020, 0.010)
    if db.size == 0:
        return -120.0
    active = db[db > max(db.max() - 30.0, -70.0)]
    return float(10.0 * np.log10(np.mean(10.0 ** (active / 10.0))))


def _to_int16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x * 32768.0), -32768, 32767).astype(np.int16)


def phone_line(
    pcm: np.ndarray,
    rate: int,
    *,
    seed: int = 0,
    pad: tuple[float, float] = DEFAULT_PAD,
) -> PhoneClip:
    """Shape speech like a telephone call; see :func:`render_phone` (text/voice left empty)."""
    rng = np.random.default_rng([seed & 0xFFFFFFFF, 0x7E1E])
    level = rng.uniform(*SPEECH_LEVEL_DBFS)
    noise_db = rng.uniform(*NOISE_DBFS)

    x = band_pass(_as_unit(trim_silence(np.asarray(pcm), rate)), rate)
    if x.size == 0:
        raise ValueError("the synthesiser produced no audible speech")
    gain = 10.0 ** ((level - active_level_dbfs(x, rate)) / 20.0)
    peak = float(np.max(np.abs(x))) * gain
    if peak > 0.89:  # keep peaks under -1 dBFS
        gain *= 0.89 / peak
    lead, trail = (np.zeros(round(p * rate)) for p in pad)
    x = np.concatenate((lead, x * gain, trail))

    clean = resample(_to_int16(x), rate, LINE_RATE)  # soxr HQ: anti-aliased
    span = speech_span(clean, LINE_RATE)

    noise = rng.standard_normal(clean.size)
    noise = band_pass(noise, LINE_RATE, (200.0, 3500.0))
    noise *= 10.0 ** (noise_db / 20.0) / max(float(np.sqrt(np.mean(noise**2))), 1e-12)
    line = _to_int16(_as_unit(clean) + noise)
    line = ulaw_decode(ulaw_encode(line))  # what a PCMU leg delivers
    return PhoneClip(pcm=line, span=span, text="", voice="", seed=seed)


# --------------------------------------------------------------------------------------------
# Rendering with a cache


def cache_key(
    text: str, voice: str, seed: int, speed: float = 1.0, pad: tuple[float, float] = DEFAULT_PAD
) -> str:
    blob = json.dumps(
        [
            PIPELINE_VERSION,
            text,
            voice,
            int(seed),
            round(float(speed), 4),
            [round(float(p), 4) for p in pad],
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _cache_load(cache_dir: Path, key: str) -> tuple[np.ndarray, tuple[float, float]] | None:
    wav, meta = cache_dir / f"{key}.wav", cache_dir / f"{key}.json"
    if not (wav.exists() and meta.exists()):
        return None
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        pcm, rate = _read_wav(wav)
    except (OSError, ValueError, AudioFormatError):
        return None
    if rate != LINE_RATE or info.get("samples") != len(pcm):
        return None
    return pcm, (float(info["span"][0]), float(info["span"][1]))


def _cache_store(cache_dir: Path, key: str, clip: PhoneClip, speed: float) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp_wav = cache_dir / f".{key}.{os.getpid()}.wav"
    save_wav(tmp_wav, clip.pcm, LINE_RATE)
    os.replace(tmp_wav, cache_dir / f"{key}.wav")
    meta = {
        "text": clip.text,
        "voice": clip.voice,
        "seed": clip.seed,
        "speed": speed,
        "span": list(clip.span),
        "samples": len(clip.pcm),
        "pipeline": PIPELINE_VERSION,
    }
    tmp_meta = cache_dir / f".{key}.{os.getpid()}.json"
    tmp_meta.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp_meta, cache_dir / f"{key}.json")


def render_phone(
    text: str,
    voice: str,
    *,
    seed: int = 0,
    speed: float = 1.0,
    pad: tuple[float, float] = DEFAULT_PAD,
    cache_dir: str | Path | None = None,
) -> PhoneClip:
    """``text`` said by ``voice`` over a phone line: 8 kHz int16 plus the clean speech span.

    Steps: synthesise; trim the synthesiser's silence; band-pass 300-3400 Hz; set a seeded
    caller level; add ``pad`` seconds of line before and after; resample to 8 kHz; add seeded
    line noise; G.711 mu-law encode and decode. ``span`` is measured after resampling but before
    the noise and codec, so it is where the speech really is. Same arguments, same samples.
    """
    key = cache_key(text, voice, seed, speed, pad)
    if cache_dir is not None:
        hit = _cache_load(Path(cache_dir), key)
        if hit is not None:
            return PhoneClip(pcm=hit[0], span=hit[1], text=text, voice=voice, seed=seed)
    raw, rate = synthesize(text, voice, speed=speed)
    shaped = phone_line(raw, rate, seed=seed, pad=pad)
    clip = PhoneClip(pcm=shaped.pcm, span=shaped.span, text=text, voice=voice, seed=seed)
    if cache_dir is not None:
        _cache_store(Path(cache_dir), key, clip, speed)
    return clip


def render(
    text: str,
    voice: str,
    *,
    seed: int = 0,
    speed: float = 1.0,
    pad: tuple[float, float] = DEFAULT_PAD,
    cache_dir: str | Path | None = None,
) -> np.ndarray:
    """``text`` said by ``voice`` over a phone line, as 16 kHz mono int16 (see render_phone)."""
    clip = render_phone(text, voice, seed=seed, speed=speed, pad=pad, cache_dir=cache_dir)
    return resample(clip.pcm, LINE_RATE, SAMPLE_RATE)


__all__ = [
    "BOT_VOICES",
    "LINE_RATE",
    "SAMPLE_RATE",
    "VOICES",
    "PhoneClip",
    "VoiceUnavailable",
    "active_level_dbfs",
    "available",
    "band_pass",
    "cache_key",
    "check_voice",
    "parse_voice",
    "phone_line",
    "render",
    "render_phone",
    "speech_span",
    "synthesize",
    "trim_silence",
]
