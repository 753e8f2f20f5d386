"""Real SIP peers for careline's tests: sipp, baresip and kamailio on 127.0.0.1.

Each peer is a context manager around one process (see /work/shared/PEERS.md):

* it runs in a folder of its own under the folder a test gives it (``tmp_path``), where its
  configuration, stdout and stderr (``<name>.stdout`` / ``<name>.stderr``) and recordings go;
* it has a bounded ``lifetime``: a watchdog stops it when the time is up, and it gets
  ``PR_SET_PDEATHSIG`` so it dies with the test process too;
* ``stop()`` (also on ``__exit__``) sends SIGTERM to its own pid, then SIGKILL to the process
  group it leads (kamailio forks workers), and reaps it. Nothing is ever killed by name.

Only 127.0.0.1 is used: targets elsewhere are refused, baresip's DNS server is set to loopback.
"""

from __future__ import annotations

import array
import contextlib
import itertools
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import wave
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Literal, Self

__all__ = [
    "LOOPBACK",
    "Baresip",
    "BaresipControl",
    "BaresipTls",
    "Kamailio",
    "LoopbackUdp",
    "Peer",
    "PeerProcessError",
    "Sipp",
    "SippResult",
    "WavInfo",
    "free_port",
    "wav_info",
    "write_tone_wav",
]

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


# ----------------------------------------------------------------------------------- sipp


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


# -------------------------------------------------------------------------------- baresip


@dataclass(frozen=True, slots=True)
class BaresipTls:
    """Hook for the TLS + SRTP variant: a test certificate and what media encryption to use.

    Not exercised by tests yet: the TLS tests will build on it.
    """

    certificate: Path
    cafile: Path | None = None
    mediaenc: str = "srtp-mand"


class BaresipControl:
    """baresip's ``ctrl_tcp`` interface: netstring-framed JSON (``<len>:<json>,``).

    Commands are ``{"command": "dial", "params": "sip:...", "token": "7"}`` and get
    ``{"response": true, "ok": true, "data": "...", "token": "7"}``. Events arrive on the same
    connection, unasked: ``{"event": true, "type": "CALL_ESTABLISHED", "class": "call",
    "accountaor": ..., "direction": ..., "peeruri": ..., "id": ..., "param": ...}``.
    """

    def __init__(self, port: int, *, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._sock = socket.create_connection((LOOPBACK, port), timeout=1.0)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
        self._buffer = bytearray()
        self._tokens = itertools.count(1)
        #: every event seen, oldest first (bounded: a chatty call cannot grow it forever)
        self.events: deque[dict[str, Any]] = deque(maxlen=2000)
        self._pending: deque[dict[str, Any]] = deque(maxlen=2000)

    def close(self) -> None:
        self._sock.close()

    def command(self, command: str, params: str = "", *, timeout: float = 5.0) -> str:
        """Run a long command (as typed after ``/`` in the menu); return its ``data``."""
        token = str(next(self._tokens))
        payload = json.dumps({"command": command, "params": params, "token": token}).encode()
        self._sock.sendall(b"%d:%s," % (len(payload), payload))
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message is None:
                raise PeerProcessError(f"baresip did not answer {command!r} within {timeout}s")
            if message.get("response") and message.get("token") == token:
                if not message.get("ok"):
                    raise PeerProcessError(f"baresip refused {command!r}: {message.get('data')!r}")
                return str(message.get("data", ""))

    def wait_event(
        self,
        kind: str,
        *,
        timeout: float = 5.0,
        where: Callable[[dict[str, Any]], bool] | None = None,
    ) -> dict[str, Any]:
        """The first not yet taken event of type ``kind`` (matching ``where``), waiting."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self._pending:
                if event.get("type") == kind and (where is None or where(event)):
                    self._pending.remove(event)
                    return event
            if self._receive(deadline) is None:
                seen = [e.get("type") for e in self.events]
                raise PeerProcessError(f"no {kind} event within {timeout}s; saw {seen}")

    def _receive(self, deadline: float) -> dict[str, Any] | None:
        """The next message; events are also queued. None when ``deadline`` passes."""
        while True:
            message = self._take_netstring()
            if message is not None:
                if message.get("event"):
                    self.events.append(message)
                    self._pending.append(message)
                return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self._sock.settimeout(min(remaining, 0.25))
            try:
                chunk = self._sock.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                raise PeerProcessError("baresip closed the ctrl_tcp connection")
            self._buffer += chunk

    def _take_netstring(self) -> dict[str, Any] | None:
        colon = self._buffer.find(b":")
        if colon < 0:
            if len(self._buffer) > 10:
                raise PeerProcessError(f"bad netstring header {bytes(self._buffer[:16])!r}")
            return None
        header = bytes(self._buffer[:colon])
        if not header.isdigit():
            raise PeerProcessError(f"bad netstring length {header[:16]!r}")
        end = colon + 1 + int(header)
        if len(self._buffer) < end + 1:
            return None
        if self._buffer[end] != ord(","):
            raise PeerProcessError("netstring does not end with ','")
        payload = bytes(self._buffer[colon + 1 : end])
        del self._buffer[: end + 1]
        decoded = json.loads(payload)
        if not isinstance(decoded, dict):
            raise PeerProcessError(f"ctrl_tcp sent {decoded!r}, not an object")
        return decoded


def _module_path(*candidates: str) -> str:
    for candidate in candidates:
        if Path(candidate).is_dir():
            return candidate
    raise PeerProcessError(f"no module folder among {candidates}")


_BARESIP_MODULES = ("/usr/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules")


class Baresip(Peer):
    """A headless baresip softphone driven through ``ctrl_tcp``.

    Quirk of baresip 1.0: when the ``aufile`` source reaches the end of the WAV, the menu
    module ends the call ("end of file"). Give it a WAV longer than the call.
    """

    name = "baresip"

    def __init__(
        self,
        user: str = "caller",
        *,
        wav: Path | str,
        workdir: Path | str | None = None,
        answer_auto: bool = False,
        registrar: str | None = None,
        password: str | None = None,
        regint: int | None = None,
        codecs: Sequence[str] = ("pcmu", "pcma"),
        account_params: Mapping[str, str] | None = None,
        tls: BaresipTls | None = None,
        sip_port: int | None = None,
        ctrl_port: int | None = None,
        lifetime: float = 30.0,
    ) -> None:
        super().__init__(workdir, lifetime=lifetime)
        if registrar is not None:
            _check_loopback(registrar)
        self.user = user
        self.wav = Path(wav).resolve()
        self.answer_auto = answer_auto
        self.registrar = registrar
        self.password = password
        self.regint = regint if regint is not None else (60 if registrar else 0)
        self.codecs = tuple(codecs)
        self.account_params = dict(account_params or {})
        self.tls = tls
        # UDP and TCP on the SIP port; baresip also listens for TLS on the port above.
        self.sip_port = sip_port if sip_port is not None else free_port("both", span=2)
        self.ctrl_port = ctrl_port if ctrl_port is not None else free_port("tcp")
        self.config_dir = self.workdir / "config"
        self.rec_dir = self.workdir / "rec"
        self.control: BaresipControl | None = None

    @property
    def uri(self) -> str:
        """Where to call this instance directly (its TLS port is the SIP port + 1)."""
        if self.tls is not None:
            return f"sip:{self.user}@{LOOPBACK}:{self.sip_port + 1};transport=tls"
        return f"sip:{self.user}@{LOOPBACK}:{self.sip_port}"

    def config(self) -> str:
        modules = ["g711", "g722", "aufile", "alsa", "sndfile"]
        if self.tls is not None:
            modules.append("srtp")
        lines = [
            "poll_method epoll",
            f"net_interface {LOOPBACK}",
            f"sip_listen {LOOPBACK}:{self.sip_port}",
            f"dns_server {LOOPBACK}:53",
            # ALSA's null device plays into the void: no sound card needed.
            "audio_player alsa,null",
            "audio_alert alsa,null",
            f"audio_source aufile,{self.wav}",
            "call_local_timeout 30",
            f"module_path {_module_path(*_BARESIP_MODULES)}",
            *(f"module {name}.so" for name in modules),
            "module_tmp account.so",
            "module_app menu.so",
            "module_app ctrl_tcp.so",
            f"ctrl_tcp_listen {LOOPBACK}:{self.ctrl_port}",
            f"snd_path {self.rec_dir}",
        ]
        if self.tls is not None:
            lines.append(f"sip_certificate {self.tls.certificate}")
            if self.tls.cafile is not None:
                lines.append(f"sip_cafile {self.tls.cafile}")
        return "\n".join(lines) + "\n"

    def account(self) -> str:
        host = self.registrar or f"{LOOPBACK}:{self.sip_port}"
        uri_params = ";transport=tls" if self.tls is not None else ""
        params = {"regint": str(self.regint), "audio_codecs": ",".join(self.codecs)}
        if self.answer_auto:
            params["answermode"] = "auto"
        if self.password is not None:
            params["auth_pass"] = self.password
        if self.tls is not None:
            params["mediaenc"] = self.tls.mediaenc
        params.update(self.account_params)
        tail = "".join(f";{key}={value}" for key, value in params.items())
        return f"<sip:{self.user}@{host}{uri_params}>{tail}\n"

    def prepare(self) -> None:
        info = wav_info(self.wav)
        if (info.rate, info.channels, info.sample_width) != (8000, 1, 2):
            raise ValueError(f"{self.wav} must be 8 kHz 16-bit mono, not {info}")
        self.config_dir.mkdir()
        self.rec_dir.mkdir()
        (self.config_dir / "config").write_text(self.config())
        (self.config_dir / "accounts").write_text(self.account())

    def environment(self) -> dict[str, str]:
        return {**os.environ, "HOME": str(self.workdir)}

    def command(self) -> list[str]:
        return ["baresip", "-4", "-f", str(self.config_dir)]

    def ready(self, deadline: float) -> None:
        while True:
            try:
                self.control = BaresipControl(self.ctrl_port, timeout=0.2)
                return
            except OSError:
                if not self.running:
                    raise PeerProcessError(f"baresip exited at start\n{self.describe()}") from None
                if time.monotonic() >= deadline:
                    raise PeerProcessError(
                        f"baresip ctrl_tcp never opened\n{self.describe()}"
                    ) from None

    def stop(self) -> int | None:
        if self.control is not None:
            self.control.close()
            self.control = None
        return super().stop()

    # -- driving the softphone

    def _ctl(self) -> BaresipControl:
        if self.control is None:
            raise PeerProcessError("baresip is not started")
        return self.control

    def command_line(self, command: str, params: str = "", *, timeout: float = 5.0) -> str:
        """Any menu long command (``reginfo``, ``hold``, ``transfer``...); returns its text."""
        return self._ctl().command(command, params, timeout=timeout)

    def wait_event(
        self,
        kind: str,
        *,
        timeout: float = 5.0,
        where: Callable[[dict[str, Any]], bool] | None = None,
    ) -> dict[str, Any]:
        return self._ctl().wait_event(kind, timeout=timeout, where=where)

    def dial(self, uri: str, *, wait: bool = True, timeout: float = 10.0) -> dict[str, Any] | None:
        """Place a call; with ``wait``, return its CALL_ESTABLISHED event."""
        self.command_line("dial", uri)
        if not wait:
            return None
        return self.wait_event("CALL_ESTABLISHED", timeout=timeout)

    def accept(self) -> None:
        self.command_line("accept")

    def send_dtmf(self, digits: str, *, gap: float = 0.15) -> None:
        """Send digits one by one as RFC 4733 events (``/sndcode``), ``gap`` seconds apart."""
        for digit in digits:
            if digit not in "0123456789*#ABCD":
                raise ValueError(f"not a DTMF digit: {digit!r}")
            self.command_line("sndcode", digit)
            time.sleep(gap)

    def hangup(self) -> None:
        self.command_line("hangup")

    def registered(self) -> bool:
        """Whether the account's registration succeeded (from ``/reginfo``)."""
        # "> sip:alice@127.0.0.1:5080   \x1b[32mOK \x1b[;m kamailio ... Expires 60s"
        text = _ANSI.sub("", self.command_line("reginfo"))
        return re.search(r"^> \S+\s+OK\b", text, re.MULTILINE) is not None

    def recordings(self, kind: Literal["dec", "enc"] = "dec") -> list[Path]:
        """WAVs sndfile wrote: ``dec`` is what was received, ``enc`` what was sent."""
        return sorted(self.rec_dir.glob(f"*-{kind}.wav"))


# ------------------------------------------------------------------------------- kamailio

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SAFE = re.compile(r"^[A-Za-z0-9._~+*!-]+$")


class Kamailio(Peer):
    """Kamailio as a registrar with digest auth and a record-routing proxy, on loopback.

    Passwords live in the generated script (``pv_www_authenticate`` with a per-user
    ``$var(pw)``), so no database is needed. ``challenge_invite`` also asks INVITEs from known
    users for Proxy-Authorization (407).
    """

    name = "kamailio"

    def __init__(
        self,
        users: Mapping[str, str] | None = None,
        *,
        realm: str = "careline.test",
        workdir: Path | str | None = None,
        port: int | None = None,
        algorithm: Literal["MD5", "SHA-256"] = "MD5",
        qop: Literal["auth", "auth-int", ""] = "auth",
        challenge_invite: bool = False,
        nonce_expire: int = 300,
        debug: int = 2,
        lifetime: float = 60.0,
        tcp: bool = False,
    ) -> None:
        super().__init__(workdir, lifetime=lifetime)
        self.tcp = tcp  # also listen on TCP (same port), for peers that register over TCP
        self.users = dict(users if users is not None else {"alice": "secret"})
        for text in [realm, *self.users, *self.users.values()]:
            if not _SAFE.match(text):
                raise ValueError(f"keep names, passwords and realm to {_SAFE.pattern}")
        self.realm = realm
        self.port = port if port is not None else free_port("both" if tcp else "udp")
        self.algorithm = algorithm
        self.qop = qop
        self.challenge_invite = challenge_invite
        self.nonce_expire = nonce_expire
        self.debug = debug
        self.config_path = self.workdir / "kamailio.cfg"
        self.run_dir = self.workdir / "run"

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    def uri(self, user: str | None = None) -> str:
        return f"sip:{user}@{self.address}" if user else f"sip:{self.address}"

    def config(self) -> str:
        flags = {"auth": "1", "auth-int": "2", "": "0"}[self.qop]
        passwords = "\n".join(
            f'    if ($au == "{user}") {{ $var(pw) = "{password}"; }}'
            for user, password in self.users.items()
        )
        algorithm = (
            f'modparam("auth", "algorithm", "{self.algorithm}")\n'
            if self.algorithm != "MD5"
            else ""
        )
        invite_auth = "        route(AUTHINVITE);\n" if self.challenge_invite else ""
        modules = "\n".join(
            f'loadmodule "{m}.so"'
            for m in (
                "tm sl rr pv maxfwd textops siputils xlog sanity usrloc registrar auth".split()
            )
        )
        mpath = _module_path(
            "/usr/lib/x86_64-linux-gnu/kamailio/modules", "/usr/lib/kamailio/modules"
        )
        return f"""#!KAMAILIO
# Generated by tests/telephony/peers.py: registrar + proxy on {self.address} only.
debug={self.debug}
log_stderror=yes
fork=yes
children=1
disable_tcp={"no" if self.tcp else "yes"}
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=off
listen=udp:{self.address}
{f"listen=tcp:{self.address}" if self.tcp else ""}
alias="{self.address}"

mpath="{mpath}/"
{modules}

modparam("usrloc", "db_mode", 0)
modparam("registrar", "max_expires", 3600)
modparam("rr", "enable_full_lr", 1)
modparam("auth", "qop", "{self.qop}")
modparam("auth", "nonce_expire", {self.nonce_expire})
{algorithm}
request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (!sanity_check()) {{ xlog("L_WARN", "malformed $rm from $si:$sp\\n"); exit; }}
    if (is_method("OPTIONS") && uri == myself && $rU == $null) {{
        sl_send_reply("200", "Keepalive");
        exit;
    }}
    if (has_totag()) {{
        if (loose_route()) {{ route(RELAY); }}
        if (is_method("ACK") && t_check_trans()) {{ route(RELAY); }}
        if (!is_method("ACK")) {{ sl_send_reply("404", "Not here"); }}
        exit;
    }}
    if (is_method("CANCEL")) {{
        if (t_check_trans()) {{ route(RELAY); }}
        exit;
    }}
    if (!t_newtran()) {{ sl_reply_error(); exit; }}
    remove_hf("Route");
    if (is_method("REGISTER")) {{ route(REGISTRAR); }}
    if (is_method("INVITE")) {{
{invite_auth}        record_route();
    }}
    if ($rU == $null) {{ t_reply("484", "Address Incomplete"); exit; }}
    if (!lookup("location")) {{ t_reply("404", "Not Found"); exit; }}
    route(RELAY);
}}

route[PASSWORD] {{
    $var(pw) = "";
{passwords}
}}

route[REGISTRAR] {{
    route(PASSWORD);
    if ($var(pw) == "" || !pv_www_authenticate("{self.realm}", "$var(pw)", "0")) {{
        www_challenge("{self.realm}", "{flags}");
        exit;
    }}
    if ($au != $tU) {{ t_reply("403", "Forbidden"); exit; }}
    consume_credentials();
    xlog("L_NOTICE", "careline: REGISTER from $au authenticated\n");
    if (!save("location")) {{ sl_reply_error(); }}
    exit;
}}

route[AUTHINVITE] {{
    route(PASSWORD);
    if ($var(pw) == "" || !pv_proxy_authenticate("{self.realm}", "$var(pw)", "0")) {{
        xlog("L_NOTICE", "careline: 407 for $rm from $fU\n");
        proxy_challenge("{self.realm}", "{flags}");
        exit;
    }}
    xlog("L_NOTICE", "careline: $rm from $au authenticated\n");
    consume_credentials();
}}

route[RELAY] {{
    if (!t_relay()) {{ sl_reply_error(); }}
    exit;
}}
"""

    def prepare(self) -> None:
        self.run_dir.mkdir()
        self.config_path.write_text(self.config())
        self.check()

    def check(self) -> None:
        """``kamailio -c``: refuse to start on a config kamailio rejects."""
        checked = subprocess.run(
            ["kamailio", "-c", "-f", str(self.config_path)],
            capture_output=True,
            timeout=30,
            check=False,
        )
        if checked.returncode != 0:
            text = (checked.stdout + checked.stderr).decode(errors="replace")[-3000:]
            raise PeerProcessError(f"kamailio rejects {self.config_path}:\n{text}")

    def command(self) -> list[str]:
        return [
            "kamailio",
            "-f", str(self.config_path),
            "-DD", "-E",
            "-Y", str(self.run_dir),
            "-m", "32", "-M", "4",
        ]  # fmt: skip

    def ready(self, deadline: float) -> None:
        with LoopbackUdp() as udp:
            for attempt in itertools.count(1):
                if not self.running:
                    raise PeerProcessError(f"kamailio exited at start\n{self.describe()}")
                if time.monotonic() >= deadline:
                    raise PeerProcessError(f"kamailio never answered OPTIONS\n{self.describe()}")
                udp.send(_options(self.address, udp.port, attempt), self.port)
                reply = udp.recv(0.1)
                if reply is not None and reply.startswith(b"SIP/2.0 200"):
                    return


def _options(target: str, local_port: int, n: int) -> bytes:
    return (
        f"OPTIONS sip:{target} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP {LOOPBACK}:{local_port};branch=z9hG4bK-probe-{os.getpid()}-{n}\r\n"
        "Max-Forwards: 70\r\n"
        f"From: <sip:probe@{LOOPBACK}>;tag=probe{n}\r\n"
        f"To: <sip:{target}>\r\n"
        f"Call-ID: probe-{os.getpid()}-{n}@{LOOPBACK}\r\n"
        "CSeq: 1 OPTIONS\r\n"
        "Content-Length: 0\r\n\r\n"
    ).encode()


# -------------------------------------------------------------------------------- helpers


class LoopbackUdp:
    """A UDP socket on 127.0.0.1 for tests that speak raw SIP to a peer."""

    def __init__(self, port: int = 0) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self._sock.bind((LOOPBACK, port))
        except OSError:
            self._sock.close()
            raise
        self.port: int = self._sock.getsockname()[1]

    def send(self, data: bytes | str, port: int) -> None:
        self._sock.sendto(data.encode() if isinstance(data, str) else data, (LOOPBACK, port))

    def recv(self, timeout: float) -> bytes | None:
        """The next datagram, or None after ``timeout`` seconds."""
        self._sock.settimeout(max(timeout, 0.001))
        try:
            data, _ = self._sock.recvfrom(65536)
        except (TimeoutError, ConnectionRefusedError):
            return None
        return data

    def recv_from(self, timeout: float) -> tuple[bytes, int] | None:
        self._sock.settimeout(max(timeout, 0.001))
        try:
            data, (_, port) = self._sock.recvfrom(65536)
        except (TimeoutError, ConnectionRefusedError):
            return None
        return data, port

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class WavInfo:
    rate: int
    channels: int
    sample_width: int
    frames: int
    #: root mean square of the samples, 0..32767 (16-bit only; 0.0 otherwise)
    rms: float

    @property
    def seconds(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def wav_info(path: Path | str) -> WavInfo:
    with wave.open(str(path), "rb") as wav:
        frames = wav.getnframes()
        raw = wav.readframes(frames)
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
    rms = 0.0
    if width == 2 and raw:
        samples = array.array("h", raw[: len(raw) - len(raw) % 2])
        rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    return WavInfo(rate, channels, width, frames, rms)


def write_tone_wav(
    path: Path | str,
    *,
    seconds: float = 5.0,
    frequency: float = 440.0,
    amplitude: float = 0.5,
    rate: int = 8000,
) -> Path:
    """A 16-bit mono sine WAV, the kind baresip's aufile plays as a caller's voice."""
    count = int(seconds * rate)
    peak = amplitude * 32767
    samples = array.array(
        "h", (round(peak * math.sin(2 * math.pi * frequency * i / rate)) for i in range(count))
    )
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return Path(path)
