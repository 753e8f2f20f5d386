"""A real ``careline serve`` in the test's own event loop, on loopback ports picked free.

The call server runs as a named task beside the test; the test talks to it with real SIP
peers (sipp, baresip) and reads each call's record from ``records``. Leaving the block
drains the server and waits for it to finish, so no task or socket outlives the test.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import wave
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from agent.engine import Engine
from agent.serve import CallServer, ServeConfig
from tests.telephony.peers import free_port

SCENARIOS = Path(__file__).parent / "scenarios"


@dataclass
class RunningServer:
    server: CallServer
    port: int
    records: Path

    async def wait_finished(self, calls: int, within: float = 30.0) -> None:
        async with asyncio.timeout(within):
            await self.server.wait_finished(calls)

    def call_records(self) -> list[dict[str, Any]]:
        return [json.loads(p.read_text()) for p in sorted(self.records.glob("*.json"))]


@asynccontextmanager
async def running_server(
    engine: Engine, tmp_path: Path, **overrides: Any
) -> AsyncIterator[RunningServer]:
    port = free_port("both")
    rtp = free_port("udp", span=40)
    config = ServeConfig(
        sip_port=port,
        rtp_ports=(rtp + rtp % 2, rtp + 38),
        records_dir=tmp_path / "records",
        drain_timeout=5.0,
    )
    config = replace(config, **overrides)
    server = CallServer(engine, config)
    stop, ready = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(server.serve(stop, ready), name="careline-serve")
    try:
        await asyncio.wait_for(ready.wait(), 10)
        yield RunningServer(server, port, config.records_dir or tmp_path)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


def phone_audio(text: str, out_dir: Path, voice: str = "slt") -> tuple[Path, Path, float]:
    """A caller saying ``text``: a phone-band 8 kHz WAV and the same as raw A-law (what
    sipp's rtp_stream sends), with its length in seconds."""
    out_dir.mkdir(parents=True, exist_ok=True)
    raw_wav, wav, alaw = out_dir / "tts.wav", out_dir / "caller.wav", out_dir / "caller.alaw"
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw_wav)], check=True)
    subprocess.run(
        ["sox", str(raw_wav), "-r", "8000", "-c", "1", "-b", "16", str(wav), "sinc", "300-3400"],
        check=True,
    )
    subprocess.run(["sox", str(wav), "-e", "a-law", "-t", "raw", str(alaw)], check=True)
    with wave.open(str(wav)) as w:
        seconds = w.getnframes() / w.getframerate()
    return wav, alaw, seconds


def scenario(name: str, **values: object) -> str:
    text = (SCENARIOS / name).read_text(encoding="iso-8859-1")
    for key, value in values.items():
        text = text.replace(f"@{key}@", str(value))
    return text


def self_signed_certificate(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1: (cert, key, cert+key PEM)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key, both = folder / "cert.pem", folder / "key.pem", folder / "both.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    both.write_bytes(cert.read_bytes() + key.read_bytes())
    return cert, key, both
