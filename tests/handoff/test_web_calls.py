"""The public "call the clinic" endpoint's limits, without media: every try counts."""

from __future__ import annotations

from typing import Any

import pytest

from handoff.web_calls import WebCallError, WebCalls


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def status_of(calls: WebCalls, address: str) -> int:
    try:
        await calls.start("v=0\r\nm=video 9 RTP/AVP 96", address)  # no audio: refused, 400
    except WebCallError as exc:
        return exc.status
    raise AssertionError("a video-only offer was accepted")


async def test_one_address_may_start_only_so_many_calls_a_minute() -> None:
    clock = Clock()
    engine: Any = None  # never reached: every offer here is refused before a call starts
    calls = WebCalls(engine, per_address=3, clock=clock)
    assert [await status_of(calls, "192.0.2.7") for _ in range(4)] == [400, 400, 400, 429]
    assert await status_of(calls, "198.51.100.9") == 400  # someone else is not held up
    clock.now += 30
    assert await status_of(calls, "192.0.2.7") == 429  # still within the minute
    clock.now += 31
    assert await status_of(calls, "192.0.2.7") == 400  # a minute on: allowed again


async def test_the_memory_of_addresses_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import handoff.web_calls

    monkeypatch.setattr(handoff.web_calls, "MAX_TRACKED", 50)
    clock = Clock()
    calls = WebCalls(None, clock=clock)  # type: ignore[arg-type]
    for i in range(200):
        await status_of(calls, f"addr-{i}")
        clock.now += 1
    assert len(calls._starts) <= 61  # only those seen in the last minute, plus one
