"""Staff accounts on both databases, and session expiry on a fake clock."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from agent.store import Store
from agent.store.schema import StaffAccountRow
from handoff.accounts import AccountError, Accounts, Sessions, Staff


def test_accounts_hash_passwords_and_refuse_without_saying_why(store: Store) -> None:
    accounts = Accounts(store)
    made = accounts.add("Nina", "correct horse battery", display_name="Nina N", skills={"nurse"})
    assert made == Staff("nina", "Nina N", "agent", frozenset({"nurse"}))
    with store.transaction(write=False) as s:
        stored = s.scalars(select(StaffAccountRow.password_hash)).one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert accounts.authenticate("NINA ", "correct horse battery") == made
    assert accounts.authenticate("nina", "wrong password!") is None
    assert accounts.authenticate("nobody", "correct horse battery") is None
    assert accounts.authenticate("nina", "x" * 100_000) is None  # a huge password: just wrong


@pytest.mark.parametrize(
    ("username", "password", "kw"),
    [
        ("nina", "short", {}),
        ("bad name!", "long enough pw", {}),
        ("x" * 65, "long enough pw", {}),
        ("sue", "long enough pw", {"role": "admin"}),
        ("sue", "long enough pw", {"skills": {"surgery"}}),
    ],
)
def test_bad_accounts_are_refused(store: Store, username: str, password: str, kw: dict) -> None:
    with pytest.raises(AccountError):
        Accounts(store).add(username, password, **kw)


def test_a_duplicate_name_is_refused(store: Store) -> None:
    accounts = Accounts(store)
    accounts.add("sue", "long enough pw", role="supervisor")
    with pytest.raises(AccountError, match="already"):
        accounts.add("SUE", "another long pw")
    assert accounts.count() == 1


def test_sessions_expire_when_idle_and_after_their_lifetime() -> None:
    staff = Staff("nina", "Nina", "agent", frozenset())
    sessions = Sessions(lifetime=100, idle=10, max_sessions=2)
    s = sessions.start(staff, now=0)
    assert sessions.lookup(s.token, 9) is s
    assert sessions.lookup(s.token, 18) is s  # each use restarts the idle clock
    assert sessions.lookup(s.token, 29) is None
    long = sessions.start(staff, now=0)
    for t in range(5, 100, 5):
        assert sessions.lookup(long.token, t) is long
    assert sessions.lookup(long.token, 101) is None
    assert sessions.lookup("forged", 0) is None and sessions.lookup(None, 0) is None
    a, _b, c = (sessions.start(staff, now=i) for i in (200, 201, 202))
    assert sessions.lookup(a.token, 203) is None  # the oldest made room
    assert sessions.lookup(c.token, 203) is c
