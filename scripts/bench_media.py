#!/usr/bin/env python3
"""Per-call CPU cost of the RTP media path, as a percentage of one core.

Both directions of one call, for each codec, over simulated minutes of audio:

* **receive**: RTP bytes -> parse -> jitter buffer -> decode -> 16 kHz frame
  (``RtpSession.receive`` + ``RtpSession.pull_frame``), with the datagrams arriving with
  network jitter, some reordered and some lost;
* **send**: 16 kHz frame -> resample -> encode -> RTP bytes (``RtpSession.send_frame``),
  plus the RTCP reports (``datagrams_to_send``).

The input datagrams are made beforehand and only the session calls are timed, with
``time.process_time``. Target: under 2 % of one core per call, both directions together.

    .venv/bin/python scripts/bench_media.py                     # 2 simulated minutes
    .venv/bin/python scripts/bench_media.py --seconds 600 --json out/media.json
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shlex
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE  # noqa: E402
from telephony.media import RtpSession, codec_for  # noqa: E402

FRAME = 0.02
TARGET_PERCENT = 2.0
CALLER = ("192.0.2.10", 40000)
AGENT = ("192.0.2.20", 50000)


def speechlike(seconds: float, seed: int) -> np.ndarray:
    """Voice-band noise under a 4 Hz syllable envelope with pauses: content matters little
    to G.711's cost but does to G.722's ADPCM, so it should not be silence."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SAMPLE_RATE)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    spectrum[(freqs < 200) | (freqs > 6000)] = 0
    noise = np.fft.irfft(spectrum, n)
    t = np.arange(n) / SAMPLE_RATE
    envelope = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) * (np.sin(2 * np.pi * 0.2 * t) > -0.3)
    pcm = noise / np.abs(noise).max() * 12000 * envelope
    return pcm.astype(np.int16)


def make_arrivals(
    codec: str, seconds: float, loss: float, reorder: float, seed: int
) -> list[tuple[float, bytes]]:
    """The caller's datagrams with arrival times: 30 ms +- 15 ms of jitter, ``reorder``
    of them held back behind their successor, ``loss`` of them never arriving."""
    rng = random.Random(seed)
    caller = RtpSession(codec_for(codec), remote=AGENT, rng=random.Random(seed))
    pcm = speechlike(seconds, seed)
    arrivals = []
    for k in range(int(seconds / FRAME)):
        now = k * FRAME
        frame = pcm[k * FRAME_SAMPLES : (k + 1) * FRAME_SAMPLES]
        for data, _ in caller.send_frame(frame, now) + caller.datagrams_to_send(now):
            if rng.random() < loss:
                continue
            delay = 0.03 + rng.uniform(-0.015, 0.015)
            if rng.random() < reorder:
                delay += 0.025  # arrives after the next packet
            arrivals.append((now + delay, data))
    arrivals.sort(key=lambda item: item[0])
    return arrivals


def bench(codec: str, seconds: float, loss: float, reorder: float, seed: int) -> dict[str, object]:
    arrivals = make_arrivals(codec, seconds, loss, reorder, seed)
    agent = RtpSession(codec_for(codec), remote=CALLER, rng=random.Random(seed + 1))
    frames = int(seconds / FRAME)
    outbound = speechlike(seconds, seed + 2)

    receive_cpu = send_cpu = 0.0
    pos = sent = 0
    for k in range(frames):  # one 20 ms tick of the call's media clock
        now = k * FRAME
        frame = outbound[k * FRAME_SAMPLES : (k + 1) * FRAME_SAMPLES]
        started = time.process_time()
        while pos < len(arrivals) and arrivals[pos][0] <= now:
            agent.receive(arrivals[pos][1], CALLER, arrivals[pos][0])
            pos += 1
        agent.pull_frame(now)
        middle = time.process_time()
        sent += len(agent.send_frame(frame, now)) + len(agent.datagrams_to_send(now))
        receive_cpu += middle - started
        send_cpu += time.process_time() - middle

    counters = agent.counters
    return {
        "codec": codec,
        "simulated_s": seconds,
        "receive_cpu_s": receive_cpu,
        "send_cpu_s": send_cpu,
        "receive_percent": 100 * receive_cpu / seconds,
        "send_percent": 100 * send_cpu / seconds,
        "total_percent": 100 * (receive_cpu + send_cpu) / seconds,
        "us_per_frame": 1e6 * (receive_cpu + send_cpu) / frames,
        "datagrams_sent": sent,
        "received": counters["rtp_received"],
        "lost": counters["jitter_lost"],
        "late": counters["jitter_late"],
        "jitter_target_ms": round(1000 * agent.jitter_buffer.target, 1),
    }


def main() -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--seconds", type=float, default=120.0, help="simulated audio per codec")
    p.add_argument("--codecs", default="PCMU,G722", help="comma-separated (PCMU, PCMA, G722)")
    p.add_argument("--loss", type=float, default=0.02, help="fraction of packets lost")
    p.add_argument("--reorder", type=float, default=0.05, help="fraction arriving late")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", type=Path, metavar="OUT", help="also write the results here")
    args = p.parse_args()

    results = [
        bench(codec.strip(), args.seconds, args.loss, args.reorder, args.seed)
        for codec in args.codecs.split(",")
    ]
    command = shlex.join([".venv/bin/python", "scripts/bench_media.py", *sys.argv[1:]])
    print(
        f"{'codec':<6} {'receive %':>10} {'send %':>8} {'total %':>8} {'us/frame':>9}  "
        f"{'lost':>5} {'late':>5} {'JB ms':>6}"
    )
    for r in results:
        print(
            f"{r['codec']:<6} {r['receive_percent']:>10.3f} {r['send_percent']:>8.3f} "
            f"{r['total_percent']:>8.3f} {r['us_per_frame']:>9.1f}  "
            f"{r['lost']:>5} {r['late']:>5} {r['jitter_target_ms']:>6}"
        )
    worst = max(r["total_percent"] for r in results)
    verdict = "within" if worst < TARGET_PERCENT else "OVER"
    print(
        f"percent of one core per call; {verdict} the {TARGET_PERCENT} % target "
        f"({args.seconds:.0f} s simulated per codec, {args.loss:.0%} loss, "
        f"{args.reorder:.0%} reordered, {platform.processor() or platform.machine()})"
    )
    print(f"command: {command}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {"command": command, "target_percent": TARGET_PERCENT, "results": results}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
