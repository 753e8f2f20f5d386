"""Who may use the console: staff accounts in the clinic database and their signed-in sessions.

Passwords are kept only as argon2id hashes (argon2-cffi's defaults, RFC 9106's second
recommended setting). A failed sign-in says nothing about which part was wrong and costs as
much time for an unknown name as for a wrong password, so names cannot be probed. A session is
a random token with an absolute lifetime and an idle timeout; it lives in this process (a
restart signs everyone out, which for a contact centre's shift is acceptable and simple).

Roles: ``agent`` takes calls and sees the context of calls offered to or taken by them;
``supervisor`` sees the queue, every agent and the day's figures, and every call's context.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from agent.store import Store
from agent.store.errors import Conflict
from agent.store.schema import StaffAccountRow

__all__ = ["ROLES", "AccountError", "Accounts", "Sessions", "Staff", "StaffSession"]

ROLES = ("agent", "supervisor")
SKILLS = ("nurse", "scheduling", "billing", "general")
_HASHER = PasswordHasher()
# Verified against when the name is unknown, so both failures take the same time.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A staff account that cannot be created as asked (duplicate name, weak password...)."""


@dataclass(frozen=True, slots=True)
class Staff:
    username: str
    display_name: str
    role: str
    skills: frozenset[str]


class Accounts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self,
        username: str,
        password: str,
        *,
        display_name: str = "",
        role: str = "agent",
        skills: set[str] | frozenset[str] = frozenset({"general"}),
    ) -> Staff:
        username = username.strip().lower()
        if (
            not username
            or len(username) > 64
            or not username.replace(".", "").replace("-", "").replace("_", "").isalnum()
        ):
            raise AccountError("a username is letters, digits, '.', '-' or '_' (at most 64)")
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        unknown = set(skills) - set(SKILLS)
        if unknown:
            raise AccountError(f"unknown skill(s): {', '.join(sorted(unknown))}")
        if len(password) < 10:
            raise AccountError("a password needs at least 10 characters")
        row = StaffAccountRow(
            username=username,
            display_name=display_name.strip()[:128] or username,
            password_hash=_HASHER.hash(password),
            role=role,
            skills=sorted(skills),
            active=True,
            created_at=datetime.now(UTC),
        )
        try:
            with self.store.transaction(write=True) as s:
                s.add(row)
        except Conflict as exc:
            raise AccountError(f"there is already an account named {username!r}") from exc
        return Staff(row.username, row.display_name, row.role, frozenset(row.skills))

    def authenticate(self, username: str, password: str) -> Staff | None:
        """The account, or None for any failure (unknown, inactive, wrong password)."""
        name = username.strip().lower()[:64]
        with self.store.transaction(write=False) as s:
            row = s.scalars(
                select(StaffAccountRow).where(StaffAccountRow.username == name)
            ).one_or_none()
            found = (
                None
                if row is None or not row.active
                else (row.password_hash, Staff(row.username, row.display_name, row.role,
                                               frozenset(row.skills)))
            )  # fmt: skip
        try:
            _HASHER.verify(found[0] if found else _DUMMY_HASH, password[:1024])
        except (VerificationError, InvalidHashError):
            return None
        return found[1] if found else None

    def all(self) -> list[Staff]:
        with self.store.transaction(write=False) as s:
            rows = s.scalars(select(StaffAccountRow).order_by(StaffAccountRow.username))
            return [
                Staff(r.username, r.display_name, r.role, frozenset(r.skills))
                for r in rows
                if r.active
            ]

    def count(self) -> int:
        with self.store.transaction(write=False) as s:
            return len(s.scalars(select(StaffAccountRow.id)).all())


@dataclass(slots=True)
class StaffSession:
    token: str
    staff: Staff
    started: float
    last_seen: float


class Sessions:
    """Signed-in sessions by token. Bounded: past ``max_sessions`` the oldest is ended."""

    def __init__(
        self, *, lifetime: float = 12 * 3600, idle: float = 30 * 60, max_sessions: int = 1000
    ) -> None:
        self.lifetime, self.idle, self.max_sessions = lifetime, idle, max_sessions
        self._by_token: dict[str, StaffSession] = {}

    def start(self, staff: Staff, now: float) -> StaffSession:
        if len(self._by_token) >= self.max_sessions:
            oldest = min(self._by_token.values(), key=lambda s: s.started)
            self._by_token.pop(oldest.token)
        session = StaffSession(secrets.token_urlsafe(32), staff, now, now)
        self._by_token[session.token] = session
        return session

    def lookup(self, token: str | None, now: float) -> StaffSession | None:
        """The live session for a token (its idle clock restarts), or None."""
        session = self._by_token.get(token or "")
        if session is None:
            return None
        if now - session.started > self.lifetime or now - session.last_seen > self.idle:
            self._by_token.pop(session.token, None)
            return None
        session.last_seen = now
        return session

    def end(self, token: str | None) -> None:
        self._by_token.pop(token or "", None)
