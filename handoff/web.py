"""Running the console app on the server's own event loop (uvicorn, no second process).

One loop owns SIP, RTP, the sessions and the console, so a hub message reaches a call
without crossing threads. ``serving`` starts uvicorn as a task and stops it on exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

__all__ = ["serving"]

log = logging.getLogger("careline.console")


@asynccontextmanager
async def serving(
    app: FastAPI,
    host: str,
    port: int,
    *,
    certfile: Path | None = None,
    keyfile: Path | None = None,
    max_ws_message: int = 1024 * 1024,  # above it: close 1009; the app refuses >256 KB itself
) -> AsyncIterator[uvicorn.Server]:
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        lifespan="off",
        log_config=None,  # careline's logging, which keeps request paths out of INFO lines
        access_log=False,  # an access log would list call ids next to who opened them
        ws_max_size=max_ws_message,
        ssl_certfile=str(certfile) if certfile else None,
        ssl_keyfile=str(keyfile) if keyfile else None,
    )
    server = _Embedded(config)
    # Our own socket: a port in use is an OSError here, not uvicorn's exit of the process.
    sock = socket.create_server((host, port), family=_family(host), reuse_port=False)
    task = asyncio.create_task(server.serve(sockets=[sock]), name="console-http")
    try:
        while not server.started:
            if task.done():
                why = task.exception()
                raise OSError(f"the console could not start on {host}:{port}: {why}") from why
            await asyncio.sleep(0.01)
        scheme = "https" if certfile else "http"
        log.info("agent console on %s://%s:%d/console", scheme, host, port)
        yield server
    finally:
        server.should_exit = True
        await asyncio.gather(task, return_exceptions=True)
        sock.close()


class _Embedded(uvicorn.Server):
    """uvicorn inside careline's loop: careline's own signal handlers drain the server, so
    uvicorn must not take SIGINT/SIGTERM for itself."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
