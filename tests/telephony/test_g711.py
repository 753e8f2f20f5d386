from __future__ import annotations

import numpy as np

from telephony.g711 import alaw_decode, alaw_encode, ulaw_decode, ulaw_encode


def test_every_code_round_trips():
    codes = bytes(range(256))
    for enc, dec in ((ulaw_encode, ulaw_decode), (alaw_encode, alaw_decode)):
        decoded = dec(codes)
        again = dec(enc(decoded))
        assert np.array_equal(again, decoded)


def test_known_values():
    # mu-law 0xFF and A-law 0xD5 are the codes for (near) zero.
    assert ulaw_decode(b"\xff")[0] == 0
    assert abs(int(alaw_decode(b"\xd5")[0])) == 8
    assert ulaw_decode(b"\x00")[0] == -32124
    assert alaw_decode(b"\xaa")[0] == 32256


def test_quantisation_error_is_bounded():
    x = np.linspace(-32000, 32000, 20001).astype(np.int16)
    for enc, dec in ((ulaw_encode, ulaw_decode), (alaw_encode, alaw_decode)):
        err = np.abs(dec(enc(x)).astype(np.int32) - x)
        assert (err <= np.maximum(16, np.abs(x.astype(np.int32)) // 16)).all()
