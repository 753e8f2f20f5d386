"""Calls from careline's own web page: each is a :class:`BrowserLeg` given to the engine.

The page is public (a patient portal's click-to-call), so what it can reach is small: start
a call with an SDP offer, hang it up. No patient data comes back to it beyond the call's
audio. At most ``max_calls`` web calls run at once; past that the page is told to try the
phone number instead (503). And one address may start at most ``per_address`` calls a minute
(429), so one script cannot hold every web line or keep the agent talking to itself.
Behind a reverse proxy every caller has the proxy's address: raise ``per_address`` there
(``careline serve --web-calls-per-minute``, or ``web_calls_per_minute`` in ``[telephony]``).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handoff.browser_leg import BrowserLeg

if TYPE_CHECKING:
    from agent.engine import Engine
    from handoff.port import Handoff

__all__ = ["WebCallError", "WebCalls"]

log = logging.getLogger("careline.webcall")
MAX_TRACKED = 10_000  # addresses remembered for the per-minute limit


class WebCallError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class WebCalls:
    def __init__(
        self,
        engine: Engine,
        *,
        handoff: Handoff | None = None,
        max_calls: int = 10,
        media_timeout: float = 30.0,
        records_dir: Path | None = None,
        on_record: Any = None,
        per_address: int = 6,
        clock: Any = time.monotonic,
    ) -> None:
        self.engine, self.handoff = engine, handoff
        self.max_calls, self.media_timeout = max_calls, media_timeout
        self.records_dir = records_dir
        self.on_record = on_record  # called with each finished record (the day's figures)
        self.legs: dict[str, BrowserLeg] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.finished = 0
        self.per_address, self.clock = per_address, clock
        self._starts: dict[str, deque[float]] = {}  # address -> its starts in the last minute

    def _allow(self, address: str | None) -> bool:
        """At most ``per_address`` starts a minute from one address (every try counts)."""
        if address is None:
            return True
        now = self.clock()
        if len(self._starts) > MAX_TRACKED:  # forget the quiet ones before growing further
            for quiet in [a for a, q in self._starts.items() if not q or q[-1] < now - 60]:
                del self._starts[quiet]
        starts = self._starts.setdefault(address, deque())
        while starts and starts[0] < now - 60:
            starts.popleft()
        if len(starts) >= self.per_address:
            return False
        starts.append(now)
        return True

    async def start(self, offer_sdp: str, address: str | None = None) -> tuple[str, str]:
        if not self._allow(address):
            raise WebCallError(429, "too many calls from here; please wait a minute")
        if len(self.legs) >= self.max_calls:
            raise WebCallError(503, "all web lines are busy; please call the clinic's number")
        if "m=audio" not in offer_sdp or len(offer_sdp) > 64_000:
            raise WebCallError(400, "the offer has no audio")
        call_id = "web-" + secrets.token_hex(6)
        leg = BrowserLeg(call_id, media_timeout=self.media_timeout)
        try:
            answer = await leg.accept(offer_sdp)
        except Exception as exc:
            await leg.close()
            raise WebCallError(400, "the browser's offer could not be used") from exc
        self.legs[call_id] = leg
        task = asyncio.create_task(self._converse(leg), name=f"web-call:{call_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        log.info("web call %s started", call_id)
        return call_id, answer

    def hangup(self, call_id: str) -> bool:
        leg = self.legs.get(call_id)
        if leg is None:
            return False
        leg.remote_hangup("caller_hangup")
        return True

    async def _converse(self, leg: BrowserLeg) -> None:
        try:
            call = self.engine.new_call(
                leg, call_id=leg.call_id, leg_kind="webrtc", clock_kind="realtime",
                handoff=self.handoff,
            )  # fmt: skip
            async with asyncio.TaskGroup() as tg:
                media = tg.create_task(leg.run_media(), name=f"web-media:{leg.call_id}")
                record = await call.run()
                leg.remote_hangup("ended")
                await media
            if self.records_dir is not None:
                self.records_dir.mkdir(parents=True, exist_ok=True)
                record.save(self.records_dir / f"{leg.call_id}.json")
            if self.on_record is not None:
                self.on_record(record.data)
        except Exception:
            log.exception("web call %s failed", leg.call_id)
        finally:
            self.legs.pop(leg.call_id, None)
            self.finished += 1
            await leg.close()

    async def close(self) -> None:
        for leg in list(self.legs.values()):
            leg.remote_hangup("shutdown")
        await asyncio.gather(*self._tasks, return_exceptions=True)
