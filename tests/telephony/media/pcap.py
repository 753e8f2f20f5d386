"""A tiny pcap reader for extracting RTP fixtures from captures (test support, not product).

    .venv/bin/python -m tests.telephony.media.pcap          # rewrite tests/data/rtp/*.bin

Reads classic libpcap files (either byte order) holding Ethernet or raw IPv4 frames and
yields the UDP payloads; that is all the sip-tester captures need.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CAPTURES = Path("/usr/share/sip-tester")
FIXTURES = Path(__file__).resolve().parents[2] / "data" / "rtp"

_LINKTYPE_ETHERNET = 1
_LINKTYPE_RAW = 101


@dataclass(frozen=True)
class UdpDatagram:
    time: float
    src: tuple[str, int]
    dst: tuple[str, int]
    payload: bytes


def _ip(raw: bytes) -> str:
    return ".".join(str(b) for b in raw)


def read_udp(path: Path) -> Iterator[UdpDatagram]:
    data = path.read_bytes()
    magic = data[:4]
    if magic == b"\xd4\xc3\xb2\xa1":
        endian = "<"
    elif magic == b"\xa1\xb2\xc3\xd4":
        endian = ">"
    else:
        raise ValueError(f"{path} is not a classic pcap file")
    linktype = struct.unpack_from(endian + "I", data, 20)[0]
    pos = 24
    while pos + 16 <= len(data):
        sec, usec, incl, _ = struct.unpack_from(endian + "IIII", data, pos)
        frame = data[pos + 16 : pos + 16 + incl]
        pos += 16 + incl
        if linktype == _LINKTYPE_ETHERNET:
            if frame[12:14] != b"\x08\x00":  # IPv4 only
                continue
            ip = frame[14:]
        elif linktype == _LINKTYPE_RAW:
            ip = frame
        else:
            raise ValueError(f"unsupported pcap link type {linktype}")
        if ip[0] >> 4 != 4 or ip[9] != 17:  # IPv4 carrying UDP
            continue
        ihl = (ip[0] & 0x0F) * 4
        total = struct.unpack_from("!H", ip, 2)[0]
        udp = ip[ihl:total]
        sport, dport, length = struct.unpack_from("!HHH", udp)
        yield UdpDatagram(
            sec + usec / 1e6, (_ip(ip[12:16]), sport), (_ip(ip[16:20]), dport), udp[8:length]
        )


# fixture name -> (capture file, index of the UDP datagram in it)
SELECTION = {
    "g711a_first": ("g711a.pcap", 0),
    "g711a_second": ("g711a.pcap", 1),
    "g711a_speech": ("g711a.pcap", 80),
    "dtmf_1_start": ("dtmf_2833_1.pcap", 0),
    "dtmf_1_update": ("dtmf_2833_1.pcap", 3),
    "dtmf_1_end": ("dtmf_2833_1.pcap", 7),
    "dtmf_pound_start": ("dtmf_2833_pound.pcap", 0),
    "dtmf_pound_end": ("dtmf_2833_pound.pcap", 9),
    "dtmf_star_end": ("dtmf_2833_star.pcap", 9),
}


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, (capture, index) in SELECTION.items():
        datagrams = list(read_udp(CAPTURES / capture))
        (FIXTURES / f"{name}.bin").write_bytes(datagrams[index].payload)
        print(f"{name}.bin  <- {capture} #{index} ({len(datagrams[index].payload)} bytes)")


if __name__ == "__main__":
    main()
