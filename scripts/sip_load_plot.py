"""The SIP load benchmark's figure, ``sip_load.png`` (scripts/bench_sip_load.py).

Set-up times over the run (idle and loaded, with the ``/health`` round trip as loop lag) above;
calls in progress, careline's CPU and its event-loop thread's below.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from sip_load_careline import CLK_TCK, Sample
from sip_load_setup_times import CallSetup
from sip_load_stats import TARGET_P95_MS


def plot(
    path: Path,
    t0: float,
    idle: list[CallSetup],
    loaded: list[CallSetup],
    samples: list[Sample],
    loaded_window: tuple[float, float],
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(10, 7), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    for calls, colour, label in ((idle, "tab:blue", "idle"), (loaded, "tab:orange", "loaded")):
        ok = [c for c in calls if c.setup_ms is not None]
        top.scatter(
            [c.t_invite - t0 for c in ok],
            [c.setup_ms for c in ok],
            s=14,
            c=colour,
            label=f"set-up, {label} (n={len(ok)})",
        )
        bad = [c for c in calls if c.setup_ms is None]
        if bad:
            top.scatter(
                [c.t_invite - t0 for c in bad],
                [TARGET_P95_MS * 3] * len(bad),
                marker="x",
                c="red",
                label=f"not answered ({len(bad)})",
            )
    probe = [(s.t - t0, s.health_ms) for s in samples if s.health_ms is not None]
    if probe:
        top.plot(
            *zip(*probe, strict=True),
            color="grey",
            linewidth=0.7,
            alpha=0.7,
            label="/health round trip (event-loop lag)",
        )
    top.axhline(TARGET_P95_MS, color="k", linestyle="--", linewidth=1, label="target p95")
    top.axvspan(loaded_window[0] - t0, loaded_window[1] - t0, color="tab:orange", alpha=0.07)
    top.set_yscale("log")
    top.set_ylabel("INVITE -> 200 OK (ms)")
    top.set_title("careline serve: SIP call set-up time over the run (sipp on 127.0.0.1)")
    top.legend(fontsize=8, loc="upper left")
    active = [(s.t - t0, s.calls_active) for s in samples if s.calls_active is not None]
    if active:
        bottom.step(
            *zip(*active, strict=True), where="post", color="tab:green", label="calls in progress"
        )
    bottom.set_ylabel("calls in progress")
    bottom.set_xlabel("seconds since careline was ready")
    cpu_ax = bottom.twinx()
    pts = [
        (b.t - t0, 100 * (b.cpu_ticks - a.cpu_ticks) / CLK_TCK / (b.t - a.t))
        for a, b in itertools.pairwise(samples)
        if b.t - a.t > 0.05
    ]
    if pts:
        cpu_ax.plot(
            *zip(*pts, strict=True),
            color="tab:red",
            linewidth=0.8,
            alpha=0.8,
            label="careline CPU (% of one core)",
        )
    loop_pts = [
        (b.t - t0, 100 * (b.loop_ticks - a.loop_ticks) / CLK_TCK / (b.t - a.t))
        for a, b in itertools.pairwise(samples)
        if b.t - a.t > 0.05
    ]
    if loop_pts:
        cpu_ax.plot(
            *zip(*loop_pts, strict=True),
            color="tab:purple",
            linewidth=0.8,
            alpha=0.8,
            label="its event-loop thread",
        )
    cpu_ax.set_ylabel("CPU % of one core")
    lines = bottom.get_legend_handles_labels()
    more = cpu_ax.get_legend_handles_labels()
    bottom.legend(lines[0] + more[0], lines[1] + more[1], fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
