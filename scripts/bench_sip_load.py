#!/usr/bin/env python3
"""Benchmark ``careline serve`` under SIP load: call set-up time idle and with N concurrent calls.

In one run, against one ``careline serve`` this script starts on 127.0.0.1 (and stops by its
pid, also on Ctrl-C or SIGTERM):

1. **idle set-up time**: a warm-up call, then ``--idle-calls`` sequential sipp calls with nothing
   else in progress (each waits until careline reports no call active). Set-up time is INVITE
   in -> 200 OK out, stamped by the kernel on ``lo`` (a packet socket filtered to careline's SIP
   port; needs root or CAP_NET_RAW). sipp's ``-trace_msg`` timestamps are kept beside it as
   the caller's view, and used alone without the capture: they carry sipp's own scheduling.
2. **loaded**: sipp places calls at ``--rate`` per second, at most ``--concurrent`` at once
   (``-r RATE -l CONCURRENT -m CALLS``); each caller waits for the greeting, says a sentence
   (streamed as A-law RTP) and the agent answers, then the caller stays on the line (a pause;
   ``--say-every S`` repeats the sentence every S s instead) and hangs up after ``--hold`` s.
   Reported: calls answered / failed, set-up p50/p95 (target p95 < 100 ms) over all loaded
   calls and over those placed at full load (after the ramp), loaded p95 / idle p95.
3. **media health on careline's side**: per call, the speaker underruns written in the call
   records (``--records-dir``: a gap the caller hears because synthesis fell behind); the media
   clocks' ``clock_skips`` / ``dropped_frames`` summed over calls in progress (the ``media``
   field of ``/health``), polled every ``--poll`` s; the ``/health`` round trip itself, which
   runs on careline's event loop and so shows how late that loop is (loop lag).
4. **CPU** of the careline process (utime + stime from /proc/PID/stat, descendants included)
   during the loaded phase: % of one core, per concurrent call, and CPU seconds per call.

Writes ``OUT/sip_load.json`` and ``OUT/sip_load.png`` (set-up times over the run, with calls
in progress, CPU and loop lag); sipp's logs, careline's log and the call records go to
``OUT/run-*/``. Traffic stays on 127.0.0.1; every count and wait is bounded.

    .venv/bin/python scripts/bench_sip_load.py                        # 20 concurrent, 2 min
    .venv/bin/python scripts/bench_sip_load.py --calls 3 --seconds 20 # a quick look
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import shlex
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.telephony.peers import LOOPBACK, free_port  # noqa: E402

# The parts are sibling modules: make them importable however this file is loaded (run as a
# script, imported with scripts/ on sys.path, by file path, or as scripts.bench_sip_load).
# sip_load_scenario: the caller sipp plays; sip_load_careline: careline serve and its samples;
# sip_load_setup_times: sipp's log and the capture on lo; sip_load_stats: the numbers;
# sip_load_phases: the idle and loaded phases; sip_load_plot: sip_load.png.
_SCRIPTS = str(Path(__file__).resolve().parent)
if _SCRIPTS not in sys.path:
    sys.path.append(_SCRIPTS)

from sip_load_careline import CarelineServe, Sample  # noqa: E402
from sip_load_phases import idle_phase, loaded_phase, wait_idle  # noqa: E402
from sip_load_plot import plot  # noqa: E402
from sip_load_scenario import SENTENCE, caller_audio  # noqa: E402
from sip_load_setup_times import WireCapture  # noqa: E402
from sip_load_stats import (  # noqa: E402
    TARGET_P95_MS,
    cpu_between,
    ratio,
    read_records,
    record_health,
    stats,
)

# --------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--calls",
        type=int,
        metavar="N",
        help="calls placed in the loaded phase (sipp -m; default RATE x SECONDS)",
    )
    p.add_argument(
        "--concurrent",
        type=int,
        default=20,
        metavar="N",
        help="most calls up at once in the loaded phase (sipp -l; default 20)",
    )
    p.add_argument(
        "--rate",
        type=float,
        default=1.0,
        metavar="CPS",
        help="new calls per second in the loaded phase (sipp -r; default 1)",
    )
    p.add_argument(
        "--seconds",
        type=float,
        default=120.0,
        metavar="S",
        help="how long the loaded phase keeps placing calls (default 120)",
    )
    p.add_argument(
        "--hold",
        type=float,
        metavar="S",
        help="how long each loaded call stays up (default CONCURRENT/RATE + 1, "
        "so CONCURRENT calls are up at once)",
    )
    p.add_argument(
        "--say-every",
        type=float,
        default=0.0,
        metavar="S",
        help="repeat the sentence every S s until hang-up, for a heavier load "
        "(default 0: the caller says it once, then stays on the line silent)",
    )
    p.add_argument(
        "--greeting-ms",
        type=int,
        default=7000,
        metavar="MS",
        help="the caller waits this long for the greeting before speaking",
    )
    p.add_argument(
        "--idle-calls",
        type=int,
        default=10,
        metavar="N",
        help="sequential idle calls measured, after one warm-up call (default 10)",
    )
    p.add_argument(
        "--idle-hold-ms",
        type=int,
        default=1000,
        metavar="MS",
        help="how long each idle call stays up (default 1000)",
    )
    p.add_argument(
        "--poll",
        type=float,
        default=0.5,
        metavar="S",
        help="/health and /proc sampling period during the load (default 0.5)",
    )
    p.add_argument(
        "--ready-timeout",
        type=float,
        default=180.0,
        metavar="S",
        help="how long careline may take to load its models (default 180)",
    )
    p.add_argument(
        "--vad",
        choices=["silero", "webrtc"],
        help="careline's speech detector for the run (default: careline's own default)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=ROOT / "out" / "bench_sip",
        metavar="DIR",
        help="where sip_load.json, sip_load.png and run-*/ go (default out/bench_sip)",
    )
    args = p.parse_args(argv)
    args.out = args.out.resolve()  # sipp runs in its own folder: its file paths must be absolute
    if args.rate <= 0 or args.concurrent < 1 or args.seconds <= 0 or args.idle_calls < 1:
        p.error("--rate, --concurrent, --seconds and --idle-calls must be positive")
    args.n_calls = args.calls if args.calls else max(1, round(args.rate * args.seconds))
    if args.n_calls < 1 or args.n_calls > 2000:
        p.error("--calls must be between 1 and 2000")
    if args.hold is None:
        args.hold = math.ceil(args.concurrent / args.rate) + 1
    if args.hold * 1000 <= args.greeting_ms:
        p.error("--hold must be longer than --greeting-ms")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(
        [".venv/bin/python", "scripts/bench_sip_load.py", *(sys.argv[1:] if argv is None else argv)]
    )
    args.out.mkdir(parents=True, exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix=f"run-{time.strftime('%Y%m%d-%H%M%S')}-", dir=args.out))
    records = run / "records"
    audio, sentence_s = caller_audio(run / "audio", args.say_every)

    sip_port, http_port = free_port("both"), free_port("tcp")
    rtp = free_port("udp", span=2 * args.concurrent + 24)
    rtp_range = (rtp + rtp % 2, rtp + 2 * args.concurrent + 22)
    budget = (
        args.ready_timeout + (args.idle_calls + 1) * 40 + args.n_calls / args.rate + args.hold + 240
    )
    server = CarelineServe(
        run,
        sip=sip_port,
        http=http_port,
        rtp=rtp_range,
        records=records,
        lifetime=budget,
        ready_timeout=args.ready_timeout,
        extra=["--vad", args.vad] if args.vad else None,
    )
    samples: list[Sample] = []
    print(
        f"starting careline serve on {LOOPBACK}:{sip_port} (models load first)...", file=sys.stderr
    )
    t_start = time.time()
    with server, contextlib.ExitStack() as stack:
        t0 = time.time()
        capture: WireCapture | None = None
        try:
            capture = WireCapture(sip_port)
            stack.callback(capture.close)
        except OSError as exc:  # no CAP_NET_RAW: sipp's own timestamps only
            print(f"no capture on lo ({exc}); set-up times from sipp's log", file=sys.stderr)
            capture = None
        print(
            f"careline ready in {t0 - t_start:.0f} s (pid {server.pid}); "
            f"idle: {args.idle_calls} calls",
            file=sys.stderr,
        )
        idle, warmup = idle_phase(args, server, run, samples)
        idle_end = time.time()
        idle_records = {p.name for p in records.glob("*.json")}
        print(
            f"loaded: {args.n_calls} calls at {args.rate:g}/s, at most {args.concurrent} "
            f"up, {args.hold:g} s each",
            file=sys.stderr,
        )
        loaded, sipp_result, load_start, load_end = loaded_phase(args, server, run, samples, audio)
        wait_idle(server, samples, 60)
        time.sleep(1.0)  # the last records are written as the calls end
        idle_recs = read_records(records, set())
        loaded_recs = read_records(records, idle_records)
        idle_recs = [r for r in idle_recs if f"{r['call_id']}.json" in idle_records]
        careline_pid, careline_cmd = server.pid, shlex.join(server.command())
        if capture is not None:
            wire = capture.setups({c.call_id for c in [*idle, *loaded]})
            for c in [*idle, *loaded] + ([warmup] if warmup else []):
                c.wire_ms = wire.get(c.call_id)
    careline_rc = server.returncode

    idle_ms = [c.setup_ms for c in idle if c.setup_ms is not None]
    loaded_ms = [c.setup_ms for c in loaded if c.setup_ms is not None]
    ramp_end = load_start + args.concurrent / args.rate
    full_ms = [c.setup_ms for c in loaded if c.setup_ms is not None and c.t_invite >= ramp_end]
    idle_stats, loaded_stats, full_stats = stats(idle_ms), stats(loaded_ms), stats(full_ms)
    answered_calls = [c for c in [*idle, *loaded] if c.status == 200]
    timing = {
        "source": "kernel timestamps of SIP packets on lo (INVITE in -> 200 out)"
        if capture is not None
        else "sipp -trace_msg (INVITE sent -> 200 received, as sipp logged them)",
        "calls_without_capture_fallback_to_sipp": sum(
            1 for c in answered_calls if c.wire_ms is None
        )
        if capture is not None
        else None,
        "sipp_log_idle_ms": stats([c.sipp_ms for c in idle if c.sipp_ms is not None]),
        "sipp_log_loaded_ms": stats([c.sipp_ms for c in loaded if c.sipp_ms is not None]),
    }
    answered = sum(1 for c in loaded if c.status == 200)
    not_answered = [c for c in loaded if c.status != 200]
    load_samples = [s for s in samples if load_start <= s.t <= load_end]
    skips = [s.clock_skips for s in load_samples if s.clock_skips is not None]
    dropped = [s.dropped_frames for s in load_samples if s.dropped_frames is not None]
    probe = [s.health_ms for s in load_samples if s.health_ms is not None]
    media = record_health(loaded_recs)
    active = [s.calls_active for s in load_samples if s.calls_active is not None]
    full_window = [
        s.t
        for s in load_samples
        if s.calls_active is not None and s.calls_active >= args.concurrent - 1
    ]
    report: dict[str, Any] = {
        "command": command,
        "careline_command": careline_cmd,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "loadavg_after": os.getloadavg(),
        },
        "settings": {
            "calls": args.n_calls,
            "concurrent": args.concurrent,
            "rate_cps": args.rate,
            "seconds": args.seconds,
            "hold_s": args.hold,
            "say_every_s": args.say_every,
            "sentence": SENTENCE,
            "sentence_s": round(sentence_s, 2),
            "greeting_wait_ms": args.greeting_ms,
            "idle_calls": args.idle_calls,
        },
        "careline_ready_s": round(t0 - t_start, 1),
        "setup_timing": timing,
        "idle": {
            "setup_ms": idle_stats,
            "warmup_call_setup_ms": None if warmup is None else warmup.setup_ms,
            "failed": sum(1 for c in idle if c.status != 200),
            "cpu": cpu_between(samples, t0, idle_end),
            "records": len(idle_recs),
        },
        "loaded": {
            "placed": len(loaded),
            "answered": answered,
            "failed": max(sipp_result.failed, len(not_answered)),
            "sipp": {
                "returncode": sipp_result.returncode,
                "successful": sipp_result.successful,
                "failed": sipp_result.failed,
                "errors_tail": sipp_result.errors[-500:],
            },
            "not_answered": [{"call_id": c.call_id, "status": c.status} for c in not_answered],
            "invite_retransmissions": sum(max(0, c.invites_sent - 1) for c in loaded),
            "setup_ms": loaded_stats,
            "setup_ms_at_full_load": full_stats,
            "ratio_loaded_over_idle": {
                "p50": ratio(loaded_stats, idle_stats, "p50"),
                "p95": ratio(loaded_stats, idle_stats, "p95"),
            },
            "target_p95_ms": TARGET_P95_MS,
            "target_met": bool(loaded_ms)
            and loaded_stats["p95"] < TARGET_P95_MS
            and (not full_ms or full_stats["p95"] < TARGET_P95_MS),
            "max_calls_active": max(active, default=0),
            "cpu": cpu_between(samples, load_start, load_end),
            "cpu_at_full_load": cpu_between(samples, min(full_window), max(full_window))
            if len(full_window) >= 2
            else {},
            "media": {
                "speaker_underruns_from_records": {
                    k: v for k, v in media.items() if k != "per_call"
                },
                "health_media_max": {
                    "clock_skips": max(skips, default=None),
                    "dropped_frames": max(dropped, default=None),
                },
                "event_loop_lag_ms_from_health": stats(probe),
            },
        },
        "per_call": {
            "idle": [
                {
                    "t_s": round(c.t_invite - t0, 3),
                    "setup_ms": c.setup_ms,
                    "sipp_ms": c.sipp_ms,
                    "status": c.status,
                }
                for c in idle
            ],
            "loaded": [
                {
                    "t_s": round(c.t_invite - t0, 3),
                    "setup_ms": c.setup_ms,
                    "sipp_ms": c.sipp_ms,
                    "status": c.status,
                    "invites_sent": c.invites_sent,
                }
                for c in loaded
            ],
            "loaded_records": media["per_call"],
        },
        "samples": [s.row(t0) for s in samples],
        "run_dir": str(run),
        "careline": {"pid": careline_pid, "returncode": careline_rc},
    }
    loaded_cpu = report["loaded"]["cpu"]
    if loaded_cpu and len(loaded):
        loaded_cpu["cpu_s_per_call"] = round(loaded_cpu["cpu_s"] / len(loaded), 2)
    (args.out / "sip_load.json").write_text(json.dumps(report, indent=2) + "\n")
    plot(args.out / "sip_load.png", t0, idle, loaded, samples, (load_start, load_end))
    print_table(report)
    print(f"\ncommand: {command}")
    print(f"wrote {args.out / 'sip_load.json'} and {args.out / 'sip_load.png'} (logs: {run})")
    ok = report["loaded"]["failed"] == 0 and answered == len(loaded) == args.n_calls
    return 0 if ok else 1


def print_table(r: dict[str, Any]) -> None:
    idle, loaded = r["idle"], r["loaded"]
    m = loaded["media"]
    und = m["speaker_underruns_from_records"]
    cpu, full = loaded["cpu"], loaded["cpu_at_full_load"]

    def ms(s: dict[str, Any], k: str) -> str:
        return f"{s[k]:.1f}" if k in s else "-"

    rows = [
        ("idle set-up p50 / p95 (ms)",
         f"{ms(idle['setup_ms'], 'p50')} / {ms(idle['setup_ms'], 'p95')}  "
         f"(n={idle['setup_ms']['n']}, first call {idle['warmup_call_setup_ms'] or 0:.1f})"),
        ("loaded set-up p50 / p95 (ms)",
         f"{ms(loaded['setup_ms'], 'p50')} / {ms(loaded['setup_ms'], 'p95')}  "
         f"(n={loaded['setup_ms']['n']}, max {ms(loaded['setup_ms'], 'max')})"),
        ("  at full load p50 / p95 (ms)",
         f"{ms(loaded['setup_ms_at_full_load'], 'p50')} / "
         f"{ms(loaded['setup_ms_at_full_load'], 'p95')}  "
         f"(n={loaded['setup_ms_at_full_load']['n']})"),
        ("  as sipp logged, idle / loaded p95",
         f"{ms(r['setup_timing']['sipp_log_idle_ms'], 'p95')} / "
         f"{ms(r['setup_timing']['sipp_log_loaded_ms'], 'p95')} ms"),
        ("loaded p95 / idle p95", f"{loaded['ratio_loaded_over_idle']['p95']}"),
        ("target p95 < 100 ms", "met" if loaded["target_met"] else "NOT met"),
        ("placed / answered / failed",
         f"{loaded['placed']} / {loaded['answered']} / {loaded['failed']}  "
         f"(max {loaded['max_calls_active']} up at once)"),
        ("speaker underruns (records)",
         f"{und['underruns_total']} in {und['calls_with_underruns']} of {und['records']} calls"),
        ("clock_skips / dropped_frames",
         f"{m['health_media_max']['clock_skips']} / {m['health_media_max']['dropped_frames']}"
         "  (max summed over calls up)"),
        ("loop lag (/health) p50 / p95",
         f"{ms(m['event_loop_lag_ms_from_health'], 'p50')} / "
         f"{ms(m['event_loop_lag_ms_from_health'], 'p95')} ms"),
        ("reply latency p50 / p95 (ms)",
         f"{ms(und['reply_latency_ms'], 'p50')} / {ms(und['reply_latency_ms'], 'p95')}"),
        ("careline CPU, loaded",
         f"{cpu.get('cpu_pct_of_one_core', '-')}% of a core, "
         f"{cpu.get('cpu_pct_per_concurrent_call', '-')}%/concurrent call, "
         f"{cpu.get('cpu_s_per_call', '-')} CPU-s/call"),
        ("  event-loop thread, loaded",
         f"{cpu.get('loop_thread_pct_of_one_core', '-')}% of a core, "
         f"{cpu.get('loop_thread_pct_per_concurrent_call', '-')}%/concurrent call"),
        ("careline CPU, full load",
         f"{full.get('cpu_pct_of_one_core', '-')}% of a core at "
         f"{full.get('mean_calls_active', '-')} calls "
         f"({full.get('cpu_pct_per_concurrent_call', '-')}%/call), event loop "
         f"{full.get('loop_thread_pct_of_one_core', '-')}%"),
    ]  # fmt: skip
    width = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print(f"set-up times: {r['setup_timing']['source']}")


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the peers like Ctrl-C: by pid, in the finally blocks


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    t_begin = time.perf_counter()
    try:
        code = main()
    except KeyboardInterrupt:
        print("interrupted: careline and sipp stopped", file=sys.stderr)
        code = 130
    print(f"benchmark took {time.perf_counter() - t_begin:.0f} s", file=sys.stderr)
    sys.exit(code)
