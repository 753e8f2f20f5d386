"""G.711 mu-law and A-law, vectorised with lookup tables (ITU-T G.711)."""

from __future__ import annotations

import numpy as np


def _ulaw_decode_table() -> np.ndarray:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(sign != 0, -magnitude, magnitude).astype(np.int16)


def _alaw_decode_table() -> np.ndarray:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    sign = a & 0x80
    exponent = (a >> 4) & 0x07
    mantissa = a & 0x0F
    magnitude = np.where(
        exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0)
    )
    return np.where(sign != 0, magnitude, -magnitude).astype(np.int16)


_ULAW_DEC = _ulaw_decode_table()
_ALAW_DEC = _alaw_decode_table()


def _build_encoder(decode: np.ndarray) -> np.ndarray:
    # Encode by nearest decoded value: exact inverse on every code, and a 64k table keeps
    # encoding a single fancy-index per frame.
    order = np.argsort(decode, kind="stable")
    values = decode[order].astype(np.int32)
    x = np.arange(-32768, 32768, dtype=np.int32)
    idx = np.clip(np.searchsorted(values, x), 1, len(values) - 1)
    lo, hi = values[idx - 1], values[idx]
    pick = np.where((x - lo) <= (hi - x), idx - 1, idx)
    return order[pick].astype(np.uint8)


_ULAW_ENC = _build_encoder(_ULAW_DEC)
_ALAW_ENC = _build_encoder(_ALAW_DEC)


def ulaw_decode(data: bytes) -> np.ndarray:
    return _ULAW_DEC[np.frombuffer(data, dtype=np.uint8)]


def alaw_decode(data: bytes) -> np.ndarray:
    return _ALAW_DEC[np.frombuffer(data, dtype=np.uint8)]


def ulaw_encode(pcm: np.ndarray) -> bytes:
    return _ULAW_ENC[pcm.astype(np.int32) + 32768].tobytes()


def alaw_encode(pcm: np.ndarray) -> bytes:
    return _ALAW_ENC[pcm.astype(np.int32) + 32768].tobytes()
