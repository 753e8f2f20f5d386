"""A raw UDP socket on loopback, for speaking SIP to a peer by hand."""

from __future__ import annotations

import socket
from typing import Self

from tests.telephony.peers.base import LOOPBACK


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
