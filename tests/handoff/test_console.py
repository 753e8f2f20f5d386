"""The console app: every route refuses the wrong caller, sign-in works, audits are written,
and the agent's WebSocket over a real uvicorn on loopback carries a whole warm transfer."""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from fastapi.routing import APIRoute, APIWebSocketRoute

from agent.store import Store
from handoff.accounts import Accounts
from handoff.console import COOKIE, PUBLIC, create_console
from handoff.hub import HandoffHub
from handoff.queue import TransferQueue
from handoff.web import serving
from tests.handoff.test_hub import RECORD, FakeBridge, FakeLine
from tests.telephony.peers import free_port
from tests.telephony.sip_server import self_signed_certificate

PASSWORD = "a long enough password"


@pytest.fixture
async def desk(tmp_path) -> AsyncIterator[dict[str, Any]]:
    store = Store.open(data_dir=tmp_path)
    accounts = Accounts(store)
    accounts.add("nina", PASSWORD, role="agent", skills={"nurse"})
    accounts.add("omar", PASSWORD, role="agent", skills={"billing"})
    accounts.add("sue", PASSWORD, role="supervisor")
    hub = HandoffHub(
        TransferQueue(),
        bridge_factory=FakeBridge,
        audit=lambda actor, action, call_id, detail: store.audit(
            actor, action, call_id=call_id, detail=detail
        ),
    )
    app = create_console(hub, accounts, health=lambda: {"calls_active": 0})
    runner = asyncio.create_task(hub.run())
    yield {"app": app, "hub": hub, "store": store}
    runner.cancel()
    await asyncio.gather(runner, return_exceptions=True)
    await hub.close()
    store.close()


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@asynccontextmanager
async def signed_in(app: Any, username: str) -> AsyncIterator[httpx.AsyncClient]:
    async with client(app) as c:
        r = await c.post("/api/login", json={"username": username, "password": PASSWORD})
        assert r.status_code == 200, r.text
        yield c


async def test_every_route_refuses_an_unauthenticated_or_wrongly_roled_request(desk) -> None:
    app = desk["app"]
    private = [r for r in app.routes if isinstance(r, APIRoute) and r.path not in PUBLIC]
    assert {r.path for r in private} == {"/api/me", "/api/queue", "/api/calls/{call_id}/context"}
    async with client(app) as anonymous:
        for route in private:
            path = route.path.replace("{call_id}", "call-1")
            for method in route.methods:
                r = await anonymous.request(method, path)
                assert r.status_code == 401, (path, r.status_code)
            forged = await anonymous.get(path, headers={"Cookie": f"{COOKIE}=forged-token"})
            assert forged.status_code == 401
    async with signed_in(app, "nina") as nina:
        assert (await nina.get("/api/queue")).status_code == 403  # an agent is no supervisor
        assert (await nina.get("/api/calls/call-1/context")).status_code == 404
    sockets = [r for r in app.routes if isinstance(r, APIWebSocketRoute)]
    assert [s.path for s in sockets] == ["/ws/agent"]  # walked by the WebSocket test below


async def test_sign_in_pages_and_the_supervisor_queue(desk) -> None:
    app = desk["app"]
    async with client(app) as c:
        page = await c.get("/console")
        assert page.status_code == 200 and '<script src="/static/console.js"' in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert (await c.get("/static/console.js")).status_code == 200
        assert (await c.get("/health")).json() == {"calls_active": 0}
        bad = await c.post("/api/login", json={"username": "nina", "password": "nope"})
        assert bad.status_code == 401 and bad.json()["error"] == "wrong username or password"
        assert (await c.post("/api/login", content=b"{not json")).status_code == 400
        assert (await c.post("/api/login", json={"username": "nina"})).status_code == 400
    async with signed_in(app, "sue") as sue:
        cookie = sue.cookies.get(COOKIE)
        assert cookie and len(cookie) > 30
        q = (await sue.get("/api/queue")).json()
        assert q["waiting"] == [] and q["today"]["calls"] == 0
        assert (await sue.get("/api/me")).json()["role"] == "supervisor"
        await sue.post("/api/logout")
        sue.cookies.clear()
        old = await sue.get("/api/me", headers={"Cookie": f"{COOKIE}={cookie}"})
        assert old.status_code == 401  # the session ended on the server, not just the cookie
    actions = [e.action for e in desk["store"].audit_entries()]
    assert actions.count("sign_in") == 1  # the failed attempts are not sign-ins


@pytest.fixture
async def live(desk) -> AsyncIterator[dict[str, Any]]:
    port = free_port("tcp")
    async with serving(desk["app"], "127.0.0.1", port):
        yield desk | {"url": f"127.0.0.1:{port}"}


async def login_cookie(url: str, username: str) -> str:
    async with httpx.AsyncClient(base_url=f"http://{url}") as c:
        r = await c.post("/api/login", json={"username": username, "password": PASSWORD})
        return r.cookies[COOKIE]


async def next_of(ws: Any, kind: str) -> dict[str, Any]:
    while True:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 5))
        if msg["type"] == kind:
            return msg


async def refused(url: str, **kw: Any) -> int:
    with pytest.raises(websockets.InvalidStatus) as err:
        async with websockets.connect(f"ws://{url}/ws/agent", **kw):
            pass
    return err.value.response.status_code


async def test_the_agent_socket_refuses_strangers(live) -> None:
    url = live["url"]
    assert await refused(url) == 403
    assert await refused(url, additional_headers={"Cookie": f"{COOKIE}=forged"}) == 403
    sue = await login_cookie(url, "sue")  # a supervisor takes no calls
    assert await refused(url, additional_headers={"Cookie": f"{COOKIE}={sue}"}) == 403
    nina = await login_cookie(url, "nina")  # another site riding nina's cookie
    headers = {"Cookie": f"{COOKIE}={nina}"}
    assert await refused(url, additional_headers=headers, origin="http://evil.example") == 403


async def test_a_warm_transfer_over_the_socket_with_bad_messages_in_between(live) -> None:
    url, hub, store = live["url"], live["hub"], live["store"]
    nina = await login_cookie(url, "nina")
    async with websockets.connect(
        f"ws://{url}/ws/agent",
        additional_headers={"Cookie": f"{COOKIE}={nina}"},
        origin=f"http://{url}",
    ) as ws:
        assert (await next_of(ws, "hello"))["agent"] == "nina"
        await ws.send(json.dumps({"type": "available"}))
        await asyncio.sleep(0.05)
        line = FakeLine()
        context = {"record": RECORD, "reason": "triage_urgent", "skill": "nurse"}
        asking = asyncio.create_task(hub.request("call-1", context, line))
        offer = await next_of(ws, "offer")
        assert offer["card"]["triage"]["level"] == "urgent"
        for bad in ("{not json", json.dumps([1, 2]), json.dumps({"type": "x" * 10}),
                    "x" * 300_000):  # fmt: skip
            await ws.send(bad)
            assert (await next_of(ws, "error"))["code"] in (
                "bad_json", "bad_message", "unknown_type", "too_large"
            )  # fmt: skip
        await ws.send(json.dumps({"type": "accept", "offer_id": offer["offer_id"]}))
        assert (await next_of(ws, "connected"))["card"]["caller"]["identity_verified"]
        sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
        await ws.send(json.dumps({"type": "webrtc_offer", "call_id": "call-1", "sdp": sdp}))
        assert (await next_of(ws, "webrtc_answer"))["call_id"] == "call-1"
        assert await asyncio.wait_for(asking, 2) == "connected"
        await ws.send(json.dumps({"type": "hangup", "call_id": "call-1",
                                  "disposition": "resolved", "notes": "fine"}))  # fmt: skip
        assert (await next_of(ws, "call_ended"))["reason"] == "agent_hangup"
    await asyncio.sleep(0.05)
    assert hub.queue.agents["nina"].status == "offline"  # the page closed: signed out
    entries = [(e.actor, e.action, e.call_id) for e in store.audit_entries()]
    assert ("nina", "context_opened", "call-1") in entries
    assert ("nina", "call_taken", "call-1") in entries
    assert ("nina", "disposition", "call-1") in entries


@pytest.fixture
def certificate(tmp_path) -> tuple[Path, Path]:
    cert, key, _ = self_signed_certificate(tmp_path / "tls")
    return cert, key


async def test_the_console_over_https_sets_a_secure_cookie(desk, certificate) -> None:
    cert, key = certificate
    app = create_console(desk["hub"], Accounts(desk["store"]), secure_cookies=True)
    port = free_port("tcp")
    trust = ssl.create_default_context(cafile=str(cert))
    async with serving(app, "127.0.0.1", port, certfile=cert, keyfile=key):
        async with httpx.AsyncClient(base_url=f"https://127.0.0.1:{port}", verify=trust) as c:
            r = await c.post("/api/login", json={"username": "nina", "password": PASSWORD})
            assert r.status_code == 200
            cookie = r.headers["set-cookie"].lower()
            assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as plain:
            with pytest.raises(httpx.HTTPError):  # no plain HTTP on the HTTPS port
                await plain.get("/health")
