"""The human side as ``careline serve`` runs it: hub, accounts and console, on the server's loop.

The console is served only when an HTTP address is given. Staff accounts live in the clinic's
database; with the built-in demo clinic and no accounts yet, two demo accounts are made with
random passwords printed once to the terminal (never logged), so a newcomer can try a warm
transfer at once. A real deployment adds its people with ``careline staff add``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.record import amend_saved
from agent.store import Store
from handoff.accounts import Accounts
from handoff.bridge import WebRtcBridge, limit_ice_hosts
from handoff.console import create_console
from handoff.hub import HandoffHub
from handoff.queue import TransferQueue
from handoff.web import serving
from handoff.web_calls import WebCalls

if TYPE_CHECKING:
    from agent.engine import Engine

__all__ = ["DEMO_STAFF", "console_service", "ensure_demo_staff"]

log = logging.getLogger("careline.handoff")
DEMO_STAFF: tuple[tuple[str, str, set[str]], ...] = (
    ("demo-nurse", "agent", {"nurse", "general"}),
    ("demo-supervisor", "supervisor", set()),
)


def ensure_demo_staff(accounts: Accounts, out: Any = None) -> dict[str, str]:
    """Make the demo accounts when there are none at all; their passwords, shown once."""
    if accounts.count():
        return {}
    made = {}
    for username, role, skills in DEMO_STAFF:
        password = secrets.token_urlsafe(12)
        accounts.add(username, password, role=role, skills=skills, display_name=username)
        made[username] = password
    stream = out or sys.stderr
    print("careline: demo console accounts (shown once):", file=stream)
    for username, password in made.items():
        print(f"  {username}  {password}", file=stream)
    return made


@asynccontextmanager
async def console_service(
    store: Store | None,
    http: tuple[str, int],
    *,
    media_host: str,
    demo: bool,
    health: Callable[[], dict[str, Any]],
    cert: Path | None = None,
    key: Path | None = None,
    offer_timeout: float = 20.0,
    engine: Engine | None = None,
    records_dir: Path | None = None,
    web_calls_per_minute: int = 6,
) -> AsyncIterator[HandoffHub]:
    """The hub for the server's calls, with the console listening on ``http``."""
    if store is None:
        log.warning("no clinic database: the agent console is off, transfers find no agents")
        yield HandoffHub(TransferQueue(offer_timeout=offer_timeout))  # no bridge: no_agents
        return
    # ICE candidates only on the address careline serves on, when it is a specific one.
    specific = media_host not in ("0.0.0.0", "::") and _is_ip(media_host)
    limit_ice_hosts([media_host] if specific else None)

    def audit(actor: str, action: str, call_id: str | None, detail: dict[str, Any]) -> None:
        store.audit(actor, action, call_id=call_id, detail=detail)

    def disposition(call_id: str, detail: dict[str, Any]) -> None:
        # Written after the call ended: into the database's call events and, where the call's
        # record was saved as a file, into that record too, so both say how it ended.
        if records_dir is not None:
            amend_saved(records_dir, call_id, "disposition", detail)
        store.call_event(call_id, "disposition", detail)

    hub = HandoffHub(
        TransferQueue(offer_timeout=offer_timeout),
        bridge_factory=WebRtcBridge,
        audit=lambda *a: _in_background(audit, *a),
        record_disposition=lambda *a: _in_background(disposition, *a),
    )
    accounts = Accounts(store)
    if demo:
        await asyncio.to_thread(ensure_demo_staff, accounts)
    elif not await asyncio.to_thread(accounts.count):
        log.warning("no staff accounts: nobody can sign in until 'careline staff add'")
    web_calls = (
        WebCalls(
            engine,
            handoff=hub,
            records_dir=records_dir,
            on_record=hub.call_ended,
            per_address=web_calls_per_minute,
        )
        if engine is not None
        else None
    )
    app = create_console(
        hub, accounts, health=health, secure_cookies=cert is not None, web_calls=web_calls
    )
    async with serving(app, *http, certfile=cert, keyfile=key):
        runner = asyncio.create_task(hub.run(), name="handoff-hub")
        try:
            yield hub
        finally:
            if web_calls is not None:
                await web_calls.close()
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
            await hub.close()
            limit_ice_hosts(None)


def _in_background(fn: Callable[..., None], *args: Any) -> None:
    """Database writes off the event loop; a failure is logged, the call goes on."""
    task = asyncio.get_running_loop().run_in_executor(None, fn, *args)
    task.add_done_callback(_report)


def _report(future: asyncio.Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("audit or disposition write failed: %s", type(future.exception()).__name__)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
