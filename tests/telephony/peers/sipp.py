"""sipp: built-in or XML scenarios, and how a run ended (SippResult)."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.telephony.peers.base import (
    LOOPBACK,
    Peer,
    PeerProcessError,
    _check_loopback,
    _tail,
    _udp_port_bound,
    free_port,
)


@dataclass(frozen=True, slots=True)
class SippResult:
    """How a sipp run ended: exit code and the last line of its ``-trace_stat`` CSV."""

    returncode: int
    successful: int
    failed: int
    stats: Mapping[str, str]
    errors: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.failed == 0 and self.successful > 0


class Sipp(Peer):
    """sipp running a built-in scenario (``"uac"``, ``"uas"``...) or a scenario XML string.

    sipp's exit code: 0 all calls succeeded, 1 some failed, 255 fatal or global timeout
    (``-timeout_error``), 254 could not bind.
    """

    name = "sipp"

    def __init__(
        self,
        scenario: str,
        target: str | None = None,
        *,
        workdir: Path | str | None = None,
        port: int | None = None,
        calls: int = 1,
        timeout: float = 10.0,
        service: str | None = None,
        media_port: int | None = None,
        rtp_echo: bool = False,
        rate: float | None = None,
        limit: int | None = None,
        transport: str = "u1",
        trace_msg: bool = True,
        extra_args: Sequence[str] = (),
        lifetime: float | None = None,
    ) -> None:
        super().__init__(workdir, lifetime=lifetime if lifetime is not None else timeout + 10)
        if target is not None:
            _check_loopback(target)
        self.scenario = scenario
        self.target = target
        self.port = port if port is not None else free_port("udp")
        # sipp binds the media port and the one two above it (video).
        self.media_port = media_port if media_port is not None else free_port("udp", span=4)
        self.calls = calls
        self.timeout = timeout
        self.service = service
        self.rtp_echo = rtp_echo
        self.rate = rate
        self.limit = limit
        self.transport = transport
        self.trace_msg = trace_msg
        self.extra_args = list(extra_args)
        self.stats_path = self.workdir / "stats.csv"
        self.errors_path = self.workdir / "errors.log"
        self.messages_path = self.workdir / "messages.log"

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    @property
    def is_xml(self) -> bool:
        return self.scenario.lstrip().startswith("<")

    def prepare(self) -> None:
        if self.is_xml:
            (self.workdir / "scenario.xml").write_text(self.scenario, encoding="iso-8859-1")

    def command(self) -> list[str]:
        argv = ["sipp"]
        argv += ["-sf", "scenario.xml"] if self.is_xml else ["-sn", self.scenario]
        if self.target is not None:
            argv.append(self.target)
        argv += ["-i", LOOPBACK, "-p", str(self.port), "-mp", str(self.media_port)]
        argv += ["-t", self.transport, "-m", str(self.calls), "-nostdin"]
        argv += ["-timeout", f"{max(1, math.ceil(self.timeout))}s", "-timeout_error"]
        argv += ["-trace_stat", "-stf", self.stats_path.name]
        argv += ["-trace_err", "-error_file", self.errors_path.name]
        if self.trace_msg:
            argv += ["-trace_msg", "-message_file", self.messages_path.name]
        if self.service is not None:
            argv += ["-s", self.service]
        if self.rtp_echo:
            argv.append("-rtp_echo")
        if self.rate is not None:
            argv += ["-r", f"{self.rate:g}"]
        if self.limit is not None:
            argv += ["-l", str(self.limit)]
        return argv + self.extra_args

    def ready(self, deadline: float) -> None:
        if not self.transport.startswith("u"):
            return
        while not _udp_port_bound(self.port):
            if not self.running:
                raise PeerProcessError(f"sipp exited before binding\n{self.describe()}")
            if time.monotonic() >= deadline:
                raise PeerProcessError(f"sipp did not bind {self.address}\n{self.describe()}")
            time.sleep(0.01)

    def result(self, timeout: float | None = None) -> SippResult:
        """Wait for sipp to finish its calls (bounded) and read its statistics."""
        returncode = self.wait(timeout if timeout is not None else self.timeout + 5)
        stats = self._read_stats()

        def count(column: str) -> int:
            value = stats.get(column, "0")
            return int(value) if value.isdigit() else 0

        return SippResult(
            returncode=returncode,
            successful=count("SuccessfulCall(C)"),
            failed=count("FailedCall(C)"),
            stats=stats,
            errors=_tail(self.errors_path),
        )

    def run(self) -> SippResult:
        """Start, let the scenario finish, stop: the usual way to drive a uac."""
        with self:
            return self.result()

    def _read_stats(self) -> dict[str, str]:
        try:
            lines = [ln for ln in self.stats_path.read_text().splitlines() if ln.strip()]
        except OSError:
            return {}
        if len(lines) < 2:
            return {}
        return dict(zip(lines[0].split(";"), lines[-1].split(";"), strict=False))
