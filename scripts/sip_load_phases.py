"""The two phases of the SIP load benchmark (scripts/bench_sip_load.py), run with sipp.

Idle: a warm-up call, then sequential calls with nothing else in progress. Loaded: sipp places
calls at a rate, up to a number at once, while careline is sampled every ``--poll`` s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from sip_load_careline import ROOT, CarelineServe, Sample, sample
from sip_load_scenario import scenario, talking_scenario
from sip_load_setup_times import CallSetup, parse_messages

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.telephony.peers import LOOPBACK, PeerProcessError, Sipp, free_port


def wait_idle(server: CarelineServe, samples: list[Sample], within: float) -> None:
    """Until careline has no call in progress (bounded)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        s = sample(server)
        samples.append(s)
        if s.calls_active == 0:
            return
        time.sleep(0.25)
    print(f"warning: calls still active after {within:.0f} s", file=sys.stderr)


def idle_phase(
    args: argparse.Namespace, server: CarelineServe, run: Path, samples: list[Sample]
) -> tuple[list[CallSetup], CallSetup | None]:
    xml = scenario(f'  <pause milliseconds="{args.idle_hold_ms}"/>')
    setups: list[CallSetup] = []
    warmup: CallSetup | None = None
    for i in range(args.idle_calls + 1):
        wait_idle(server, samples, 30)
        time.sleep(0.5)
        sipp = Sipp(
            xml,
            f"{LOOPBACK}:{server.sip}",
            workdir=run / "sipp-idle",
            calls=1,
            timeout=args.idle_hold_ms / 1000 + 25,
        )
        with sipp:
            result = sipp.result()
        calls = parse_messages(sipp.messages_path)
        if not result.ok:
            print(f"idle call {i} failed: {result.errors[-300:]}", file=sys.stderr)
        if i == 0:
            warmup = calls[0] if calls else None
        else:
            setups += calls
        samples.append(sample(server))
    wait_idle(server, samples, 30)
    return setups, warmup


def loaded_phase(
    args: argparse.Namespace, server: CarelineServe, run: Path, samples: list[Sample], audio: Path
) -> tuple[list[CallSetup], Any, float, float]:
    loops = -1 if args.say_every > 0 else 1
    xml = talking_scenario(audio, loops, args.greeting_ms, int(args.hold * 1000))
    media_base = free_port("udp", span=2 * args.n_calls + 8)
    if media_base <= server.rtp[1] and server.rtp[0] <= media_base + 2 * args.n_calls + 8:
        raise PeerProcessError("sipp's RTP ports overlap careline's; run again")
    budget = args.n_calls / args.rate + args.hold + 60
    sipp = Sipp(
        xml,
        f"{LOOPBACK}:{server.sip}",
        workdir=run / "sipp-loaded",
        calls=args.n_calls,
        rate=args.rate,
        limit=args.concurrent,
        timeout=budget,
        media_port=media_base,
    )
    start = time.time()
    with sipp:
        deadline = time.monotonic() + budget + 5
        next_print = 0.0
        while sipp.running and time.monotonic() < deadline:
            s = sample(server)
            samples.append(s)
            if time.monotonic() >= next_print:
                next_print = time.monotonic() + 10
                print(
                    f"  t={s.t - start:5.0f}s calls_active={s.calls_active} "
                    f"/health {s.health_ms or -1:.0f} ms",
                    file=sys.stderr,
                )
            time.sleep(args.poll)
        end = time.time()
        samples.append(sample(server))
        if sipp.running:
            print("warning: sipp still running at the deadline; stopping it", file=sys.stderr)
            sipp.stop()
        result = sipp.result(timeout=10)
    return parse_messages(sipp.messages_path), result, start, end
