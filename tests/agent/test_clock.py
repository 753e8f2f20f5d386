from __future__ import annotations

import asyncio
import time

from agent.clock import Clock, run_virtual


def test_virtual_time_jumps_over_sleeps():
    async def main():
        clock = Clock()
        t0 = clock.now()
        await asyncio.sleep(3600)
        return clock.now() - t0

    started = time.perf_counter()
    assert run_virtual(main()) == 3600
    assert time.perf_counter() - started < 1.0


def test_thread_pool_work_holds_virtual_time_still():
    async def main():
        loop = asyncio.get_running_loop()
        clock = Clock()
        t0 = clock.now()
        # A timer is due in 10 ms, but the blocking work takes 200 ms of real time.
        timer = asyncio.create_task(asyncio.sleep(0.01))
        await loop.run_in_executor(None, time.sleep, 0.2)
        elapsed = clock.now() - t0
        await timer
        return elapsed

    assert run_virtual(main()) == 0.0


def test_timers_fire_in_order():
    async def main():
        order = []

        async def at(delay, name):
            await asyncio.sleep(delay)
            order.append((name, asyncio.get_running_loop().time()))

        async with asyncio.TaskGroup() as tg:
            for d, n in [(0.3, "c"), (0.1, "a"), (0.2, "b")]:
                tg.create_task(at(d, n))
        return order

    order = run_virtual(main())
    assert [n for n, _ in order] == ["a", "b", "c"]
    assert [round(t, 6) for _, t in order] == [0.1, 0.2, 0.3]
