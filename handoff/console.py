"""The agent console and the supervisor's view, as a FastAPI app that ``careline serve`` hosts.

Everything the page loads is served from ``handoff/static`` (no CDN). Sign-in is a JSON POST
that sets an HttpOnly, SameSite=Strict session cookie (Secure under HTTPS); every route that
touches patient data checks the session and the role, and a WebSocket from another origin is
refused, so another site cannot ride an agent's session.

Routes (``PUBLIC`` needs no session):

- ``GET /health``: counts only, for load balancers (public).
- ``GET /``, ``/console``, ``/supervisor``, ``/static/*``: the pages (public: they hold no
  data; they ask the API, which checks).
- ``POST /api/login``, ``POST /api/logout``, ``GET /api/me``.
- ``GET /api/queue``: waiting calls, agents and today's figures (supervisor).
- ``GET /api/calls/{call_id}/context``: a call's card (its agent, or a supervisor); audited.
- ``GET /call``, ``POST /api/web-calls``, ``POST /api/web-calls/{id}/hangup``: a caller on a
  web page (public, like a phone number: the caller is asked who they are, as on the phone).
- ``WS /ws/agent``: the agent's live channel (agent): offers, accept, WebRTC signalling,
  transcript, hold, mute, hang-up, back to the assistant, transfer, wrap-up.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from handoff.accounts import Accounts, Sessions, Staff
from handoff.hub import ConsoleError, HandoffHub
from handoff.web_calls import WebCallError, WebCalls

__all__ = ["COOKIE", "PUBLIC", "create_console"]

log = logging.getLogger("careline.console")
STATIC = Path(__file__).parent / "static"
COOKIE = "careline_session"
PUBLIC = {
    "/health", "/", "/console", "/supervisor", "/call", "/api/login", "/api/logout",
    # the "call the clinic" page: start a web call, hang it up (its random id is the key)
    "/api/web-calls", "/api/web-calls/{call_id}/hangup",
}  # fmt: skip
MAX_WS_MESSAGE = 256 * 1024  # an SDP is ~5 KB, a note at most 4,000 characters


def create_console(
    hub: HandoffHub,
    accounts: Accounts,
    *,
    sessions: Sessions | None = None,
    health: Callable[[], dict[str, Any]] | None = None,
    secure_cookies: bool = False,
    web_calls: WebCalls | None = None,
) -> FastAPI:
    app = FastAPI(title="careline console", docs_url=None, redoc_url=None, openapi_url=None)
    sessions = sessions or Sessions()
    app.state.hub, app.state.sessions = hub, sessions
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def now() -> float:
        return asyncio.get_running_loop().time()

    def staff_for(token: str | None, role: str | None = None) -> Staff:
        session = sessions.lookup(token, now())
        if session is None:
            raise HTTPException(401, "sign in first")
        if role is not None and session.staff.role != role:
            raise HTTPException(403, f"this needs the {role} role")
        return session.staff

    @app.get("/health")
    async def get_health() -> dict[str, Any]:
        return health() if health else {"status": "ok"}

    @app.get("/")
    async def root() -> RedirectResponse:
        return RedirectResponse("/console")

    @app.get("/console")
    async def console_page() -> FileResponse:
        return FileResponse(STATIC / "console.html", headers=_PAGE_HEADERS)

    @app.get("/supervisor")
    async def supervisor_page() -> FileResponse:
        return FileResponse(STATIC / "supervisor.html", headers=_PAGE_HEADERS)

    @app.get("/call")
    async def call_page() -> FileResponse:
        return FileResponse(STATIC / "call.html", headers=_PAGE_HEADERS)

    @app.post("/api/web-calls")
    async def start_web_call(request: Request) -> Response:
        if web_calls is None:
            return JSONResponse({"error": "web calls are not enabled here"}, 404)
        try:
            body = json.loads((await request.body())[:70_000])
            offer = str(body["sdp"])
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": "send the browser's offer as JSON {sdp}"}, 400)
        try:
            peer = request.client.host if request.client else None
            call_id, answer = await web_calls.start(offer, peer)
        except WebCallError as exc:
            return JSONResponse({"error": str(exc)}, exc.status)
        return JSONResponse({"call_id": call_id, "sdp": answer})

    @app.post("/api/web-calls/{call_id}/hangup")
    async def hang_up_web_call(call_id: str) -> Response:
        if web_calls is None or not web_calls.hangup(call_id[:64]):
            return JSONResponse({"error": "no such call"}, 404)
        return JSONResponse({"ok": True})

    @app.post("/api/login")
    async def login(request: Request) -> Response:
        try:
            body = json.loads((await request.body())[:4096])
            username, password = str(body["username"]), str(body["password"])
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": "send username and password as JSON"}, 400)
        staff = await asyncio.to_thread(accounts.authenticate, username, password)
        if staff is None:
            log.info("console sign-in refused")
            return JSONResponse({"error": "wrong username or password"}, 401)
        session = sessions.start(staff, now())
        hub.audit(staff.username, "sign_in", None, {"role": staff.role})
        response = JSONResponse(_me(staff))
        response.set_cookie(
            COOKIE, session.token, httponly=True, samesite="strict", secure=secure_cookies,
            max_age=int(sessions.lifetime),
        )  # fmt: skip
        return response

    @app.post("/api/logout")
    async def logout(request: Request) -> Response:
        sessions.end(request.cookies.get(COOKIE))
        response = JSONResponse({"ok": True})
        response.delete_cookie(COOKIE)
        return response

    @app.get("/api/me")
    async def me(request: Request) -> dict[str, Any]:
        return _me(staff_for(request.cookies.get(COOKIE)))

    @app.get("/api/queue")
    async def queue(request: Request) -> dict[str, Any]:
        staff_for(request.cookies.get(COOKIE), "supervisor")
        return hub.queue.snapshot(now()) | {"today": hub.stats.as_dict()}

    @app.get("/api/calls/{call_id}/context")
    async def call_context(call_id: str, request: Request) -> dict[str, Any]:
        staff = staff_for(request.cookies.get(COOKIE))
        try:
            return hub.context_for(staff, call_id[:64])
        except ConsoleError as exc:
            raise HTTPException(404 if exc.code == "unknown_call" else 403, str(exc)) from exc

    @app.websocket("/ws/agent")
    async def agent_socket(ws: WebSocket) -> None:
        session = sessions.lookup(ws.cookies.get(COOKIE), now())
        if not _same_origin(ws):
            await ws.close(code=4403, reason="cross-origin")
            return
        if session is None or session.staff.role != "agent":
            await ws.close(code=4401, reason="sign in as an agent")
            return
        staff = session.staff
        await ws.accept()
        send_lock = asyncio.Lock()

        async def send(msg: dict[str, Any]) -> None:
            async with send_lock:
                await ws.send_json(msg)

        hub.console_opened(staff, send)
        log.info("console connected: %s", staff.username)
        try:
            while True:
                raw = await ws.receive_text()
                if sessions.lookup(ws.cookies.get(COOKIE), now()) is None:
                    await send({"type": "error", "code": "session_expired",
                                "message": "sign in again"})  # fmt: skip
                    break
                if len(raw) > MAX_WS_MESSAGE:
                    await send({"type": "error", "code": "too_large", "message": "too large"})
                    continue
                try:
                    msg = json.loads(raw)
                except ValueError:
                    await send({"type": "error", "code": "bad_json", "message": "not JSON"})
                    continue
                await hub.handle(staff, msg)
        except WebSocketDisconnect:
            pass
        finally:
            hub.console_closed(staff)
            log.info("console disconnected: %s", staff.username)

    return app


_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; media-src 'self' blob:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _me(staff: Staff) -> dict[str, Any]:
    return {"username": staff.username, "name": staff.display_name, "role": staff.role,
            "skills": sorted(staff.skills)}  # fmt: skip


def _same_origin(ws: WebSocket) -> bool:
    origin = ws.headers.get("origin")
    if origin is None:
        return True  # not a browser (a browser always sends Origin on a WebSocket)
    host = ws.headers.get("host", "")
    return origin.split("://", 1)[-1] == host
