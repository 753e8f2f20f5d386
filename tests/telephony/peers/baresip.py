"""baresip: a headless softphone, driven through its ctrl_tcp interface."""

from __future__ import annotations

import itertools
import json
import os
import re
import socket
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tests.telephony.peers.base import (
    LOOPBACK,
    Peer,
    PeerProcessError,
    _check_loopback,
    _module_path,
    free_port,
)
from tests.telephony.peers.wav import wav_info


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


_BARESIP_MODULES = ("/usr/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


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
