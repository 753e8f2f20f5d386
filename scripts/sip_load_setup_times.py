"""Call set-up times (INVITE -> 200 OK) for the SIP load benchmark (scripts/bench_sip_load.py).

Two views of each call: sipp's ``-trace_msg`` log (the caller's side, with sipp's own
scheduling in it), and a packet capture on ``lo`` with the kernel's timestamps (careline's
time alone; needs CAP_NET_RAW). ``CallSetup`` holds both and gives the figure reported.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

# ---------------------------------------------------------------------------- sipp's log

_HEAD = re.compile(r"^-{10,} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)$")


@dataclass
class CallSetup:
    call_id: str
    t_invite: float
    t_answer: float | None = None
    status: int | None = None  # the final response to the INVITE
    invites_sent: int = 0
    provisional: list[int] = field(default_factory=list)
    wire_ms: float | None = None  # from the capture on lo, when there is one

    @property
    def sipp_ms(self) -> float | None:
        """Set-up time as sipp logged it (includes sipp's own scheduling)."""
        if self.t_answer is None or self.status != 200:
            return None
        return (self.t_answer - self.t_invite) * 1000

    @property
    def setup_ms(self) -> float | None:
        """The figure reported: on the wire when captured, else sipp's."""
        if self.status != 200:
            return None
        return self.wire_ms if self.wire_ms is not None else self.sipp_ms


def parse_messages(path: Path) -> list[CallSetup]:
    """Each call's first INVITE sent and the final response to it, from ``-trace_msg``."""
    calls: dict[str, CallSetup] = {}
    blocks: list[tuple[float, bool, list[str]]] = []
    with contextlib.suppress(OSError), open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = _HEAD.match(line)
            if m:
                when = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()
                blocks.append((when, False, []))
            elif blocks:
                if not blocks[-1][2] and " message sent " in line:
                    blocks[-1] = (blocks[-1][0], True, blocks[-1][2])
                blocks[-1][2].append(line)
    for when, sent, lines in blocks:
        text = [ln for ln in lines[1:] if ln.strip()]
        if not text:
            continue
        first = text[0]
        heads: dict[str, str] = {}
        for ln in text[1:]:
            name, _, value = ln.partition(":")
            heads.setdefault(name.strip().lower(), value.strip())
        call_id, cseq = heads.get("call-id", ""), heads.get("cseq", "")
        if sent and first.startswith("INVITE "):
            call = calls.setdefault(call_id, CallSetup(call_id, when))
            call.invites_sent += 1
        elif not sent and first.startswith("SIP/2.0 ") and cseq.endswith("INVITE"):
            answered = calls.get(call_id)
            code = int(first.split()[1])
            if answered is None or answered.status is not None:
                continue  # a retransmitted final response
            if code < 200:
                answered.provisional.append(code)
            else:
                answered.status, answered.t_answer = code, when
    return sorted(calls.values(), key=lambda c: c.t_invite)


# ------------------------------------------------------------------------ SIP on the wire

SO_TIMESTAMPNS = 35  # Linux; the kernel's receive time of each packet, in ns
SO_ATTACH_FILTER = 26


def _udp_port_filter(port: int) -> bytes:
    """Classic BPF for a cooked (network-header) packet socket: IPv4 UDP to or from ``port``."""
    ins = [
        (0x30, 0, 0, 0),  # ldb [0]
        (0x54, 0, 0, 0xF0),  # and #0xf0
        (0x15, 0, 7, 0x40),  # jeq #IPv4, else drop
        (0x30, 0, 0, 9),  # ldb [9]
        (0x15, 0, 5, 17),  # jeq #UDP, else drop
        (0xB1, 0, 0, 0),  # ldxb 4*([0]&0xf)
        (0x48, 0, 0, 0),  # ldh [x+0]  source port
        (0x15, 3, 0, port),  # jeq #port -> accept
        (0x48, 0, 0, 2),  # ldh [x+2]  destination port
        (0x15, 1, 0, port),  # jeq #port -> accept
        (0x06, 0, 0, 0),  # drop
        (0x06, 0, 0, 0x40000),  # accept
    ]
    return b"".join(struct.pack("HBBI", *i) for i in ins)


class WireCapture:
    """SIP to and from careline on ``lo``, with the kernel's timestamps (needs CAP_NET_RAW).

    sipp's ``-trace_msg`` stamps a message when sipp gets round to logging it, so on two busy
    cores its set-up times carry sipp's own scheduling (sub-0.1 ms set-ups appear when sipp logs
    its INVITE late). The kernel stamps the packet as it is sent on loopback: INVITE in -> 200
    out is careline's time alone."""

    def __init__(self, sip_port: int) -> None:
        self.port = sip_port
        self.messages: list[tuple[float, bool, str, str, str]] = []  # t, to_careline, line...
        self._stop = threading.Event()
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
        program = _udp_port_filter(sip_port)
        buf = ctypes.create_string_buffer(program)
        fprog = struct.pack("HL", len(program) // 8, ctypes.addressof(buf))
        self.sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
        self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.bind(("lo", 0))
        self.sock.settimeout(0.2)
        self._thread = threading.Thread(target=self._run, name="sip-capture", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data, anc, _, addr = self.sock.recvmsg(65535, 64)
            except TimeoutError:
                continue
            except OSError:
                return
            if addr[2] == socket.PACKET_OUTGOING:
                continue  # loopback shows each packet twice; keep the received copy
            when = time.time()
            for level, kind, stamp in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    sec, nsec = struct.unpack("qq", stamp[:16])
                    when = sec + nsec / 1e9
            ihl = (data[0] & 0x0F) * 4
            _, dport = struct.unpack("!HH", data[ihl : ihl + 4])
            text = data[ihl + 8 :].decode("utf-8", "replace").split("\r\n")
            heads: dict[str, str] = {}
            for ln in text[1:]:
                if not ln:
                    break
                name, _, value = ln.partition(":")
                heads.setdefault(name.strip().lower(), value.strip())
            call_id = heads.get("call-id", heads.get("i", ""))
            self.messages.append(
                (when, dport == self.port, text[0], call_id, heads.get("cseq", ""))
            )

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()

    def setups(self, call_ids: set[str]) -> dict[str, float]:
        """Call-ID -> INVITE in -> first final 200 out, in ms, for these calls."""
        invite: dict[str, float] = {}
        out: dict[str, float] = {}
        for when, inbound, line, call_id, cseq in list(self.messages):
            if call_id not in call_ids:
                continue
            if inbound and line.startswith("INVITE ") and call_id not in invite:
                invite[call_id] = when
            elif (
                not inbound
                and line.startswith("SIP/2.0 200")
                and cseq.endswith("INVITE")
                and call_id in invite
                and call_id not in out
            ):
                out[call_id] = (when - invite[call_id]) * 1000
        return out
