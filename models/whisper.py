"""Whisper speech-to-text (faster-whisper / CTranslate2) behind :class:`SpeechToText`.

Why not just ``WhisperModel.transcribe``: it pads every input to Whisper's 30 s window, so a
2 s caller turn costs the encoder work of 30 s (~0.4 s with tiny.en on 2 cores). The fast path
here computes log-mel features for the audio plus zero padding up to a window of
max(audio + 1 s, 10 s) only, runs the CTranslate2 encoder on that matrix and decodes greedily
without timestamps: 3-4x faster on short turns, with the same word error rate on our test
clips. The ordinary path stays available (``fast_encoder=False``) to compare accuracy. Audio
longer than ~28 s is cut at quiet points into pieces that each fit one window.

Whisper's own safety rules are kept: a turn whose no-speech probability is high *and* whose
average log-probability is low is silence (empty text), and decoding loops ("thank you thank
you thank you ...", caught by the gzip compression ratio) are truncated or dropped.
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from ctranslate2 import StorageView
from faster_whisper import WhisperModel
from faster_whisper.tokenizer import Tokenizer

from agent.errors import ConfigError, InputError, ModelError
from agent.speech import Transcript
from models.resolve import ModelRef, resolve_whisper
from telephony.leg import SAMPLE_RATE

log = logging.getLogger(__name__)

HOP = 160  # samples per mel frame (10 ms)
MAX_FRAMES = 3000  # Whisper's 30 s window
PAD_FRAMES = 100  # ~1 s of silence after the speech: Whisper wants to "hear" the turn end
# Measured on flite-voiced clips: with a window of only audio + 1 s, short turns came out wrong
# or looping ("N O N O ...", "...blood pressure tablets. I need"); tiny.en WER 15.8 % against
# 10.1 % for the full 30 s window. With a 10 s minimum window it is 10.1 % again, and the
# encoder still does a third of the 30 s work. Longer turns (> 6 s) need only the 1 s pad.
MIN_WINDOW_FRAMES = 1000
# A final transcript of a short piece is decoded with a beam of at least SHORT_BEAM. Greedy
# decoding is where one- or two-word phone-line turns go wrong ("Front left. Front left.",
# "Fear, left." for "rear left"): they carry too little context to recover from one bad
# token. Measured on the real recordings' phone versions (tests/replay, all under 2.1 s):
# WER 0.30 greedy, 0.15 with a beam of 2 or 3, 0.05 with 5 on one machine (the same files
# gave at most 0.25 greedy on another CPU: greedy is at the mercy of rounding). A beam's
# cost grows with the piece (a 2 s piece about +40 ms, a 3.6 s one about +200 ms), and at
# 4 s it put the latency benchmark's p50 over 500 ms, so only pieces under 2.5 s get it;
# longer ones, with a sentence's context, keep the configured beam.
SHORT_PIECE_S = 2.5
SHORT_BEAM = 5
SILENCE_DBFS = -60.0  # quieter than this is no caller; Whisper would "hear" "you" in it
MAX_PIECE_S = 28.0  # longer audio is cut so every piece plus padding fits one window
SPLIT_SEARCH_S = 4.0  # look this far back from a piece's end for the quietest cut point
MAX_TOKENS = 448  # Whisper's decoder context
TOKENS_PER_S = 12  # generous upper bound on speech rate; caps runaway (looping) decodes


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    avg_logprob: float
    no_speech: float
    seconds: float


class WhisperStt:
    """Whisper STT. Thread-safe: concurrent ``transcribe`` calls are serialised by a lock."""

    sample_rate = SAMPLE_RATE

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        compute_type: str = "int8",
        cpu_threads: int = 2,
        language: str | None = "en",
        beam_size: int = 1,
        fast_encoder: bool = True,
        no_speech_threshold: float = 0.6,
        log_prob_threshold: float = -1.0,
        compression_ratio_threshold: float = 2.4,
        silence_dbfs: float = SILENCE_DBFS,
        cache_dir: os.PathLike[str] | None = None,
        initial_prompt: str | None = None,
    ) -> None:
        """``model``: None/"tiny.en" (embedded), "base" (embedded, multilingual), a CT2 model
        directory, or a hub name (downloaded by faster-whisper on the operator's machine).
        ``language`` None auto-detects per turn on multilingual models."""
        if beam_size < 1 or cpu_threads < 0:
            raise ConfigError("beam_size must be >= 1 and cpu_threads >= 0")
        self.ref: ModelRef = resolve_whisper(
            model, cache_dir=Path(cache_dir) if cache_dir else None
        )
        try:
            self._model = WhisperModel(
                self.ref.location, device="cpu", compute_type=compute_type, cpu_threads=cpu_threads
            )
        except Exception as exc:  # CTranslate2/hub raise many types; callers need one
            hint = (
                " (a hub name needs network access to download)" if self.ref.source == "hub" else ""
            )
            raise ModelError(
                f"could not load Whisper model {self.ref.location}{hint}: {exc}"
            ) from exc
        self.multilingual: bool = bool(self._model.model.is_multilingual)
        if language is not None and not self.multilingual and language != "en":
            raise ConfigError(
                f"Whisper model {self.ref.name} is English-only; "
                f"language={language!r} needs a multilingual model (e.g. base)"
            )
        self.language = language
        self.beam_size = beam_size
        self.fast_encoder = fast_encoder
        self.no_speech_threshold = no_speech_threshold
        self.log_prob_threshold = log_prob_threshold
        self.compression_ratio_threshold = compression_ratio_threshold
        self.silence_dbfs = silence_dbfs
        # Text Whisper sees as "what was said before": biases it towards the words callers
        # to a clinic use (refill, appointment, breathe...) without any training.
        self.initial_prompt = initial_prompt
        self._tokenizers: dict[str, Tokenizer] = {}
        # CTranslate2 itself would queue concurrent calls, but the feature extractor and the
        # tokenizer cache are plain Python state; one lock keeps every call simple and safe.
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.ref.name

    # --- public --------------------------------------------------------------------------

    def transcribe(
        self, audio: np.ndarray, *, final: bool, context: str | None = None
    ) -> Transcript:
        samples = _to_float(audio)
        if samples.size == 0 or _dbfs(samples) < self.silence_dbfs:
            # Digital silence (muted phone, RTP silence suppression) makes Whisper produce
            # "you" with a log-prob good enough to pass its own silence rule; skip decoding.
            return Transcript("", confidence=0.0, no_speech=1.0)
        with self._lock:
            prompt = self._prompt_text(context)
            if not self.fast_encoder:
                return self._transcribe_ordinary(samples, final=final, prompt=prompt)
            pieces = [self._decode_piece(p, final=final, prompt=prompt) for p in _split(samples)]
        return self._combine(pieces)

    def warmup(self) -> None:
        """One dummy decode so the first caller turn doesn't pay one-time setup costs."""
        # Low noise rather than zeros: zeros are answered by the silence gate without a decode.
        noise = np.random.default_rng(0).normal(0.0, 300.0, SAMPLE_RATE).astype(np.int16)
        self.transcribe(noise, final=True)

    # --- fast path -----------------------------------------------------------------------

    def _decode_piece(self, samples: np.ndarray, *, final: bool, prompt: str) -> _Piece:
        seconds = samples.size / SAMPLE_RATE
        if _dbfs(samples) < self.silence_dbfs:  # a silent piece of a long recording
            return _Piece("", -10.0, 1.0, seconds)
        n_frames = samples.size // HOP
        window = min(MAX_FRAMES, max(n_frames + PAD_FRAMES, MIN_WINDOW_FRAMES))
        pad = max(0, window - n_frames)
        # Padding the *audio* with zeros (not the feature matrix) gives the padded frames
        # exactly the log-mel value real silence has after Whisper's per-input normalisation.
        feats = self._model.feature_extractor(samples, padding=pad * HOP)[:, : n_frames + pad]
        feats = np.ascontiguousarray(feats[None], dtype=np.float32)
        encoded = self._model.model.encode(StorageView.from_array(feats), to_cpu=False)
        tokenizer = self._tokenizer_for(encoded)
        tokens_in = [
            *self._prompt_tokens(tokenizer, prompt),
            *tokenizer.sot_sequence,
            tokenizer.no_timestamps,
        ]
        budget = min(MAX_TOKENS, len(tokens_in) + 16 + math.ceil(seconds * TOKENS_PER_S))
        beam = decode_beam(seconds, final=final, configured=self.beam_size)
        result = self._model.model.generate(
            encoded,
            [tokens_in],
            beam_size=beam,
            max_length=budget,
            return_scores=True,
            return_no_speech_prob=True,
        )[0]
        tokens: list[int] = result.sequences_ids[0]
        # CTranslate2 returns the length-normalised cumulative log-prob; recover the per-token
        # average the way faster-whisper does (the +1 counts the end-of-text token).
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1) if tokens else -10.0
        text = say_once(tokenizer.decode(tokens).strip())
        hit_cap = len(tokens_in) + len(tokens) >= budget
        text, avg_logprob = self._guard(text, avg_logprob, result.no_speech_prob, hit_cap)
        return _Piece(text, avg_logprob, float(result.no_speech_prob), seconds)

    def _prompt_text(self, context: str | None) -> str:
        # Whisper was trained with the preceding transcript in its context slot: the clinic
        # vocabulary first, then the words just before this turn (they matter most, last).
        return " ".join(p.strip() for p in (self.initial_prompt, context) if p and p.strip())

    @staticmethod
    def _prompt_tokens(tokenizer: Tokenizer, prompt: str) -> list[int]:
        if not prompt:
            return []
        # Whisper's context slot holds at most 223 tokens (half its 448-token window).
        tokens = tokenizer.encode(" " + prompt)[-223:]
        return [tokenizer.sot_prev, *tokens]

    def _tokenizer_for(self, encoded: Any) -> Tokenizer:
        language = self.language or "en"
        if self.multilingual and self.language is None:
            # detect_language accepts the encoder output, so detection costs no second encode.
            best, _prob = self._model.model.detect_language(encoded)[0][0]
            language = best.strip("<|>")
        if language not in self._tokenizers:
            self._tokenizers[language] = Tokenizer(
                self._model.hf_tokenizer, self.multilingual, task="transcribe", language=language
            )
        return self._tokenizers[language]

    def _guard(
        self, text: str, avg_logprob: float, no_speech: float, hit_cap: bool
    ) -> tuple[str, float]:
        """Whisper's silence rule plus loop protection; returns (text, adjusted logprob)."""
        if no_speech > self.no_speech_threshold and avg_logprob < self.log_prob_threshold:
            return "", avg_logprob
        if not any(ch.isalnum() for ch in text):
            return "", avg_logprob  # "." or "..." from noise
        if hit_cap or compression_ratio(text) > self.compression_ratio_threshold:
            collapsed = collapse_repeats(text)
            if collapsed == text and not hit_cap:
                return "", avg_logprob  # highly repetitive yet no loop found: distrust it all
            if compression_ratio(collapsed) > self.compression_ratio_threshold:
                return "", avg_logprob
            log.debug("whisper decode looped; kept %d of %d chars", len(collapsed), len(text))
            # Halve the confidence (log 2): the caller should likely be asked to confirm.
            return collapsed, avg_logprob - math.log(2)
        return text, avg_logprob

    def _combine(self, pieces: list[_Piece]) -> Transcript:
        spoken = [p for p in pieces if p.text]
        no_speech = min(p.no_speech for p in pieces)
        if not spoken:
            return Transcript("", confidence=0.0, no_speech=no_speech)
        total = sum(p.seconds for p in spoken)
        avg = sum(p.avg_logprob * p.seconds for p in spoken) / total
        text = " ".join(p.text for p in spoken)
        return Transcript(text, confidence=_confidence(avg), no_speech=no_speech)

    # --- ordinary path (for comparison) ---------------------------------------------------

    def _transcribe_ordinary(self, samples: np.ndarray, *, final: bool, prompt: str) -> Transcript:
        segments, _info = self._model.transcribe(
            samples,
            initial_prompt=prompt or None,
            language=self.language if self.multilingual else "en",
            beam_size=self.beam_size if final else 1,
            without_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,
            no_speech_threshold=self.no_speech_threshold,
            log_prob_threshold=self.log_prob_threshold,
            compression_ratio_threshold=self.compression_ratio_threshold,
        )
        segs = list(segments)
        texts = [s.text.strip() for s in segs if s.text.strip()]
        if not texts:
            # faster-whisper drops segments it judged silent, so their no-speech probability
            # is not reported; 1.0 records that the whole input was judged silence.
            return Transcript("", confidence=0.0, no_speech=1.0)
        weights = [max(1, len(s.tokens)) for s in segs]
        avg = sum(s.avg_logprob * w for s, w in zip(segs, weights, strict=True)) / sum(weights)
        return Transcript(
            " ".join(texts),
            confidence=_confidence(avg),
            no_speech=min(s.no_speech_prob for s in segs),
        )


# --- helpers -----------------------------------------------------------------------------


def decode_beam(seconds: float, *, final: bool, configured: int) -> int:
    """The beam for one piece: greedy for partials, at least SHORT_BEAM for a short final."""
    if not final:
        return 1  # a partial is only a preview, and must keep up with the caller
    if seconds < SHORT_PIECE_S:
        return max(configured, SHORT_BEAM)
    return configured


def _to_float(audio: np.ndarray) -> np.ndarray:
    arr = np.asarray(audio)
    if arr.ndim == 2 and 1 in arr.shape:
        arr = arr.reshape(-1)
    if arr.ndim != 1:
        raise InputError(f"expected mono audio, got an array of shape {arr.shape}")
    if arr.dtype == np.int16:
        return arr.astype(np.float32) / 32768.0
    if np.issubdtype(arr.dtype, np.floating):
        return arr.astype(np.float32, copy=False)
    raise InputError(f"expected int16 (or float) samples, got {arr.dtype}")


def _dbfs(samples: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20.0 * math.log10(rms) if rms > 0 else -math.inf


def _confidence(avg_logprob: float) -> float:
    return float(min(1.0, max(0.0, math.exp(avg_logprob))))


def _split(samples: np.ndarray) -> list[np.ndarray]:
    """Cut audio into pieces of at most MAX_PIECE_S, each cut at the quietest 20 ms nearby."""
    limit = int(MAX_PIECE_S * SAMPLE_RATE)
    frame = SAMPLE_RATE // 50
    pieces, start = [], 0
    while samples.size - start > limit:
        lo, hi = start + limit - int(SPLIT_SEARCH_S * SAMPLE_RATE), start + limit
        window = samples[lo:hi]
        energy = np.square(window[: window.size // frame * frame].reshape(-1, frame)).sum(1)
        cut = lo + int(np.argmin(energy)) * frame + frame // 2
        pieces.append(samples[start:cut])
        start = cut
    pieces.append(samples[start:])
    return pieces


def compression_ratio(text: str) -> float:
    """Whisper's loop detector: repetitive text compresses far better than speech does."""
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


_WORD = re.compile(r"\S+")
_NORM = re.compile(r"[^\w']+")


def say_once(text: str) -> str:
    """A transcript that is one phrase of two or more words said over again, as that phrase.

    Whisper fills the silence after a short turn by saying the turn again ("Front left.
    Front left.", "I want to check my balance. I want to check my balance."), greedy or with a
    beam. Only the whole transcript is looked at, and one-word repeats ("No, no.") are left
    alone. On the corpus's caller turns under 2.5 s it took the beam's WER from 0.243 to
    0.179 (greedy 0.255 to 0.218); a caller who really says a sentence twice loses nothing
    of its meaning.
    """
    words = _WORD.findall(text)
    keys = [_NORM.sub("", w).lower() for w in words]
    n = len(words)
    for size in range(2, n // 2 + 1):
        if n % size == 0 and all(keys[i] == keys[i % size] for i in range(size, n)):
            return " ".join(words[:size])
    return text


def collapse_repeats(text: str, *, max_phrase: int = 10, min_reps: int = 3) -> str:
    """Keep one copy of any phrase (1..max_phrase words) repeated >= min_reps times in a row.

    Only called on text already flagged as looping, so a genuine "no, no, no" is safe in
    ordinary transcripts. Phrases without letters (digits) are never collapsed: "1 1 1" may
    be part of a phone number.
    """
    words = _WORD.findall(text)
    keys = [_NORM.sub("", w).lower() for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        step = 1
        for size in range(1, max_phrase + 1):
            if i + size * min_reps > len(words):
                break
            phrase = keys[i : i + size]
            reps = 1
            while keys[i + reps * size : i + (reps + 1) * size] == phrase:
                reps += 1
            if reps >= min_reps and any(c.isalpha() for k in phrase for c in k):
                step = reps * size
                break
        out.extend(words[i : i + (size if step > 1 else 1)])
        i += step
    return " ".join(out)
