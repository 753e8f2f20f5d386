from __future__ import annotations

import numpy as np
import pytest
import soxr

from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE
from telephony.media.codecs import Codec, G711Codec, G722Codec, codec_for
from telephony.media.resample import FirResampler, SoxrResampler
from telephony.media.rtp import RtpPacket
from tests.telephony.media.mutate import fixture


def tone(freqs, seconds=1.0, rate=SAMPLE_RATE, amplitude=6000.0):
    t = np.arange(int(seconds * rate)) / rate
    x = sum(np.sin(2 * np.pi * f * t + i) for i, f in enumerate(freqs))
    return (amplitude * x / len(freqs)).astype(np.int16)


def voice_band_noise(seconds: float = 1.0, rms: float = 3000.0) -> np.ndarray:
    """Seeded noise limited to 300-3400 Hz: speech-like in spectrum, periodic in nothing,
    so alignment searches cannot lock onto the wrong period."""
    n = int(seconds * SAMPLE_RATE)
    spectrum = np.fft.rfft(np.random.default_rng(1).standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    spectrum[(freqs < 300) | (freqs > 3400)] = 0
    x = np.fft.irfft(spectrum, n)
    return (x * rms / np.sqrt(np.mean(x**2))).astype(np.int16)


def through(codec: Codec, pcm: np.ndarray) -> np.ndarray:
    out = []
    for i in range(0, len(pcm), FRAME_SAMPLES):
        payload = codec.encode(pcm[i : i + FRAME_SAMPLES])
        out.append(codec.decode(payload))
    return np.concatenate(out)


def snr_db(reference: np.ndarray, decoded: np.ndarray, max_delay: int = 120) -> float:
    """SNR after the best alignment (codec and filter delays), on the steady middle part."""
    ref = reference.astype(np.float64)[2000:-2000]
    delays = range(0, max_delay)
    best = max(delays, key=lambda d: float(np.dot(ref, decoded[2000 + d : -2000 + d])))
    got = decoded.astype(np.float64)[2000 + best : -2000 + best]
    return float(10 * np.log10(np.sum(ref**2) / np.sum((ref - got) ** 2)))


def level_db(pcm: np.ndarray, reference: np.ndarray) -> float:
    tail = pcm.astype(np.float64)[4000:]
    ref = reference.astype(np.float64)[4000:]
    return float(10 * np.log10(np.sum(tail**2) / np.sum(ref**2) + 1e-12))


@pytest.mark.parametrize("name", ["PCMU", "PCMA"])
def test_g711_round_trip_snr(name):
    codec = codec_for(name)
    pcm = voice_band_noise()
    assert snr_db(pcm, through(codec, pcm)) > 33  # G.711 itself gives ~38 dB


def test_g722_round_trip_snr_and_wideband():
    pcm = voice_band_noise()
    assert snr_db(pcm, through(codec_for("G722"), pcm)) > 27
    high = tone((5000,))  # above the narrowband limit: G.722 keeps it, G.711 cannot
    assert level_db(through(codec_for("G722"), high), high) > -3
    assert level_db(through(codec_for("PCMU"), high), high) < -50


def test_frame_and_payload_sizes():
    frame = tone((440,), seconds=0.02)
    for codec, size in ((codec_for("PCMU"), 160), (codec_for("PCMA"), 160), (G722Codec(), 160)):
        payload = codec.encode(frame)
        assert len(payload) == size
        assert codec.decode(payload).shape == (FRAME_SAMPLES,)
        assert codec.decode(payload).dtype == np.int16
        assert codec.clock_rate == 8000  # G.722 too (RFC 3551 4.5.2): 160 ticks per frame


def test_real_30ms_alaw_packet_decodes_to_30ms():
    packet = RtpPacket.parse(fixture("g711a_speech"))
    pcm = codec_for("PCMA").decode(packet.payload)
    assert pcm.shape == (480,)
    assert np.abs(pcm.astype(np.int32)).max() > 5000  # it is speech, not silence


def test_short_and_empty_frames():
    codec = codec_for("PCMU")
    assert len(codec.encode(np.zeros(100, np.int16))) == 160  # padded to a frame
    assert len(codec.decode(b"")) == 0
    g722 = G722Codec()
    assert len(g722.decode(b"")) == 0


def test_concealment_fades_the_last_frame_to_silence():
    codec = codec_for("PCMA")
    frame = tone((440,), seconds=0.02)
    for _ in range(3):
        good = codec.decode(codec.encode(frame))
    peaks = [int(np.abs(codec.conceal().astype(np.int32)).max()) for _ in range(5)]
    top = int(np.abs(good.astype(np.int32)).max())
    assert peaks[0] < top and peaks[0] > peaks[1] > peaks[2] > 0
    assert peaks[3:] == [0, 0]
    codec.decode(codec.encode(frame))  # a good frame resets the fade
    assert int(np.abs(codec.conceal().astype(np.int32)).max()) == peaks[0]


def test_codec_for():
    assert isinstance(codec_for("pcmu"), G711Codec)
    assert codec_for("PCMA").payload_type == 8
    assert codec_for("G.722").name == "G722" and codec_for("g722").payload_type == 9
    assert codec_for("PCMU", payload_type=96).payload_type == 96
    assert codec_for("PCMU") is not codec_for("PCMU")  # stateful: one per call
    for codec in (codec_for("PCMU"), codec_for("G722")):
        assert isinstance(codec, Codec)
    with pytest.raises(ValueError, match="unsupported"):
        codec_for("opus")


def test_fir_resampler_is_chunking_independent():
    pcm = tone((440, 2500), seconds=0.3)
    for up, data in ((False, pcm), (True, pcm[::2].copy())):
        whole = FirResampler(up).process(data)
        r = FirResampler(up)
        sizes = [1, 7, 320, 33, 160, 2, 999]
        pieces, pos = [], 0
        for size in sizes * 10:
            pieces.append(r.process(data[pos : pos + size]))
            pos += size
            if pos >= len(data):
                break
        assert np.array_equal(np.concatenate(pieces), whole[: sum(len(p) for p in pieces)])


def test_fir_resampler_passband_and_stopband():
    for freq, lo, hi in (
        (1000, -0.2, 0.2),
        (3300, -1.0, 0.2),
        (4500, -200, -50),
        (6000, -200, -60),
    ):
        x = tone((freq,), seconds=0.5)
        y = np.concatenate([FirResampler(False).process(x)])
        assert lo <= level_db(y.repeat(2), x) <= hi, freq


def test_why_not_soxr_directly():
    """The measurements behind resample.py's choice (see its docstring)."""
    frame = np.zeros(FRAME_SAMPLES, np.int16)
    hq = soxr.ResampleStream(16000, 8000, 1, dtype="int16", quality="HQ")
    released = [len(hq.resample_chunk(frame)) for _ in range(5)]
    assert released[:4] == [0, 0, 0, 0]  # nothing for 80 ms or more: latency
    qq = soxr.ResampleStream(16000, 8000, 1, dtype="int16", quality="QQ")
    alias = tone((6000,), seconds=0.5)
    folded = np.concatenate([qq.resample_chunk(alias[i : i + 320]) for i in range(0, 8000, 320)])
    assert level_db(folded.repeat(2), alias) > -3  # 6 kHz folded to 2 kHz at full level


def test_soxr_resampler_option_gives_whole_frames():
    up = SoxrResampler(8000, 16000)
    lengths = {len(up.process(np.zeros(160, np.int16))) for _ in range(20)}
    assert lengths == {320}
    codec = G711Codec("PCMU", resampler="soxr")
    pcm = voice_band_noise(seconds=4)
    decoded = through(codec, pcm).astype(np.float64)
    steady = pcm[40000:60000].astype(np.float64)  # after soxr's first blocks

    def match(d: int) -> float:
        return float(np.dot(steady, decoded[40000 + d : 60000 + d]))

    delay = max(range(4000), key=match)
    error = steady - decoded[40000 + delay : 60000 + delay]
    assert 10 * np.log10(np.sum(steady**2) / np.sum(error**2)) > 30
    assert delay >= 0.06 * SAMPLE_RATE  # the latency the FIR default avoids (it has 4 ms)
