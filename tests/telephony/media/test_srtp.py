"""SRTP around an RTP session: round trip, tampering, and the wrong key."""

from __future__ import annotations

import numpy as np

from telephony.leg import FRAME_SAMPLES
from telephony.media.codecs import codec_for
from telephony.media.session import RtpSession
from telephony.media.srtp import SrtpTransform

SUITE = "AES_CM_128_HMAC_SHA1_80"
KEY_A, KEY_B = bytes(range(30)), bytes(range(30, 60))


def test_protected_audio_round_trips_and_tampering_is_dropped() -> None:
    alice = SrtpTransform(SUITE, KEY_A, SUITE, KEY_B)
    bob = SrtpTransform(SUITE, KEY_B, SUITE, KEY_A)
    sender = RtpSession(codec_for("PCMU"), remote=("127.0.0.1", 4000))
    tone = (8000 * np.sin(np.arange(FRAME_SAMPLES) / 5)).astype(np.int16)
    ((plain, _),) = sender.send_frame(tone, 0.0)
    secret = alice.protect(plain)
    assert secret is not None and secret != plain and len(secret) == len(plain) + 10
    assert bob.unprotect(secret) == plain
    assert bob.unprotect(secret) is None  # a replay
    ((plain2, _),) = sender.send_frame(tone, 0.02)
    forged = bytearray(alice.protect(plain2) or b"")
    forged[-1] ^= 1
    assert bob.unprotect(bytes(forged)) is None
    assert bob.counters["srtp_auth_failed"] == 2


def test_plain_rtcp_is_dropped_and_counted_apart_from_media() -> None:
    # baresip sends an RTCP APP "PING" in the clear before its SRTP context exists.
    bob = SrtpTransform(SUITE, KEY_B, SUITE, KEY_A)
    ping = bytes.fromhex("80cc00037d2ebc6550494e47504f4e47")
    assert bob.unprotect(ping) is None
    assert bob.counters == {"srtp_auth_failed": 0, "srtcp_auth_failed": 1, "srtp_protect_failed": 0}


def test_the_wrong_key_authenticates_nothing() -> None:
    alice = SrtpTransform(SUITE, KEY_A, SUITE, KEY_B)
    mallory = SrtpTransform(SUITE, KEY_B, SUITE, bytes(30))
    sender = RtpSession(codec_for("PCMA"), remote=("127.0.0.1", 4000))
    ((plain, _),) = sender.send_frame(np.zeros(FRAME_SAMPLES, np.int16), 0.0)
    assert mallory.unprotect(alice.protect(plain) or b"") is None
    assert "KEY" not in repr(alice) and repr(KEY_A) not in repr(alice)
