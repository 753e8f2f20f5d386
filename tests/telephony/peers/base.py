"""What every peer shares: loopback only, free ports, and the process lifecycle (Peer)."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import ClassVar, Literal, Self

LOOPBACK = "127.0.0.1"


class PeerProcessError(RuntimeError):
    """A peer did not start, did not answer, or reported a failure."""


def free_port(kind: Literal["udp", "tcp", "both"] = "udp", *, span: int = 1) -> int:
    """A port on 127.0.0.1 free for ``kind`` right now, with the ``span - 1`` ports above it.

    ``both`` means free for UDP and TCP (SIP listens on both). Another process may still take
    the port before the peer binds it; tests live with that small race.
    """
    kinds = {
        "udp": (socket.SOCK_DGRAM,),
        "tcp": (socket.SOCK_STREAM,),
        "both": (socket.SOCK_DGRAM, socket.SOCK_STREAM),
    }[kind]
    for _ in range(200):
        with contextlib.ExitStack() as held:
            first = held.enter_context(socket.socket(socket.AF_INET, kinds[0]))
            first.bind((LOOPBACK, 0))
            base: int = first.getsockname()[1]
            if base + span > 65536:
                continue
            try:
                for offset, sock_type in itertools.product(range(span), kinds):
                    if offset == 0 and sock_type == kinds[0]:
                        continue
                    other = held.enter_context(socket.socket(socket.AF_INET, sock_type))
                    other.bind((LOOPBACK, base + offset))
            except OSError:
                continue
            return base
    raise PeerProcessError(f"no free {kind} port range of {span} on {LOOPBACK}")


def _udp_port_bound(port: int) -> bool:
    """Whether anything has bound UDP ``port`` (read from /proc, so no probe socket races)."""
    suffix = f":{port:04X}"
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as rows:
            next(rows, None)
            if any(row.split()[1].endswith(suffix) for row in rows if len(row.split()) > 1):
                return True
    return False


def _check_loopback(target: str) -> None:
    host = target.rsplit(":", 1)[0] if target.count(":") == 1 else target
    if target.startswith("[::1]"):
        return
    if host != LOOPBACK:
        raise ValueError(f"peers only talk to {LOOPBACK}, not {target!r}")


def _tail(path: Path, limit: int = 2000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return ""


def _module_path(*candidates: str) -> str:
    for candidate in candidates:
        if Path(candidate).is_dir():
            return candidate
    raise PeerProcessError(f"no module folder among {candidates}")


class Peer:
    """One external process with a bounded lifetime, stopped by its own pid."""

    name: ClassVar[str] = "peer"
    #: seconds between SIGTERM and SIGKILL
    grace: ClassVar[float] = 3.0

    def __init__(self, workdir: Path | str | None = None, *, lifetime: float = 30.0) -> None:
        base = Path(workdir) if workdir is not None else None
        if base is not None:
            base.mkdir(parents=True, exist_ok=True)
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{self.name}-", dir=base))
        self.lifetime = lifetime
        self.stdout_path = self.workdir / f"{self.name}.stdout"
        self.stderr_path = self.workdir / f"{self.name}.stderr"
        self.returncode: int | None = None
        #: True when the watchdog had to stop the process
        self.expired = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._watchdog: threading.Timer | None = None

    # -- what subclasses provide

    def command(self) -> list[str]:
        raise NotImplementedError

    def prepare(self) -> None:
        """Write configuration into ``workdir`` before the process starts."""

    def ready(self, deadline: float) -> None:
        """Return once the process serves; raise :class:`PeerProcessError` by ``deadline``."""

    def environment(self) -> dict[str, str] | None:
        return None

    # -- lifecycle

    @property
    def pid(self) -> int:
        if self._proc is None:
            raise PeerProcessError(f"{self.name} is not started")
        return self._proc.pid

    @property
    def running(self) -> bool:
        return self._proc is not None and self.returncode is None and not self._exited()

    def start(self) -> Self:
        if self._proc is not None:
            raise PeerProcessError(f"{self.name} was already started")
        self.prepare()
        argv = self.command()
        if shutil.which(argv[0]) is None:
            raise PeerProcessError(f"{argv[0]} is not installed (see scripts/setup.sh)")
        # The peer dies with the thread that started it: only wire that for the main thread,
        # which outlives the test; the watchdog covers the rest.
        wrap: list[str] = []
        if shutil.which("setpriv") and threading.current_thread() is threading.main_thread():
            wrap = ["setpriv", "--pdeathsig", "KILL", "--"]
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self._proc = subprocess.Popen(
                [*wrap, *argv],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=self.workdir,
                env=self.environment(),
                start_new_session=True,
            )
        self._watchdog = threading.Timer(self.lifetime, self._expire)
        self._watchdog.daemon = True
        self._watchdog.start()
        try:
            self.ready(time.monotonic() + min(self.lifetime, 15.0))
        except BaseException:
            self.stop()
            raise
        return self

    def wait(self, timeout: float) -> int:
        """Wait for the process to end by itself; :class:`PeerProcessError` if it has not."""
        deadline = time.monotonic() + timeout
        while not self._exited():
            if time.monotonic() >= deadline:
                raise PeerProcessError(f"{self.name} still running after {timeout:.1f}s")
            time.sleep(0.02)
        with self._lock:
            self._reap()
        assert self.returncode is not None
        return self.returncode

    def stop(self) -> int | None:
        """Stop the process (SIGTERM, then SIGKILL after ``grace``) and return its exit code."""
        watchdog = self._watchdog
        if watchdog is not None:
            watchdog.cancel()
            if watchdog is not threading.current_thread():
                watchdog.join(self.grace * 3)
        self._halt()
        return self.returncode

    def output(self) -> str:
        """Everything the process wrote so far, stdout then stderr."""
        return _tail(self.stdout_path, 10**7) + _tail(self.stderr_path, 10**7)

    def describe(self) -> str:
        """The ends of stdout and stderr, for assertion messages."""
        return (
            f"{self.name} in {self.workdir} (rc={self.returncode})\n"
            f"--- stdout\n{_tail(self.stdout_path)}\n--- stderr\n{_tail(self.stderr_path)}"
        )

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- internals

    def _exited(self) -> bool:
        """Whether the process ended, without reaping it: its pid stays ours until _reap."""
        if self._proc is None or self.returncode is not None:
            return True
        try:
            state = os.waitid(os.P_PID, self._proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return True
        return state is not None

    def _wait_exited(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self._exited():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    def _halt(self) -> None:
        with self._lock:
            proc = self._proc
            if proc is None or self.returncode is not None:
                return
            if not self._exited():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGTERM)
                if not self._wait_exited(self.grace):
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    self._wait_exited(self.grace)
            self._reap()

    def _reap(self) -> None:
        proc = self._proc
        if proc is None or self.returncode is not None:
            return
        # The leader is a zombie until reaped, so its group id cannot have been reused:
        # this only reaches workers it left behind.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        self.returncode = proc.wait()

    def _expire(self) -> None:
        self.expired = True
        self._halt()
