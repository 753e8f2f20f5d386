"""Testing the store on both backends: a throwaway PostgreSQL server and pytest fixtures.

Fixtures (in a conftest: ``from agent.store.testing import *  # noqa: F403``, or list
``"agent.store.testing"`` in the root conftest's ``pytest_plugins`` so that every folder shares
one server):

- ``pg_server`` (session): a private PostgreSQL cluster, started on first use, stopped at
  the end of the session. Missing server binaries FAIL the test, naming the package to
  install: CI installs PostgreSQL, so a skip would hide a broken set-up.
- ``store_url``: parametrised over ``sqlite`` and ``postgresql``; a fresh, migrated database
  per test (a copy of a file / ``CREATE DATABASE ... TEMPLATE``, so the migrations run once
  per session; ``fresh_databases`` keeps the templates). PostgreSQL starts with the first
  test that asks for it.
- ``empty_store_url``: the same, but with no schema at all.
- ``store``: a ``Store`` opened on ``store_url``.

The cluster runs as the ``postgres`` system user when the tests run as root (``initdb``
refuses root), listens on 127.0.0.1 on a free port with its socket in its own temporary
folder, trusts local connections (it is throwaway and unreachable from elsewhere), and runs
without fsync. It is stopped by the pid of its postmaster, even when a test fails.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from agent.store.engine import sqlite_url
from agent.store.store import Store

PG_BIN_ENV = "CARELINE_PG_BIN"
DEBIAN_PG_ROOT = Path("/usr/lib/postgresql")
INSTALL_HINT = "apt-get install postgresql (scripts/setup.sh installs it)"
SUPERUSER = "postgres"
_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PostgresMissing(RuntimeError):
    pass


def find_pg_bin() -> Path:
    """The folder holding ``initdb`` and ``postgres``: $CARELINE_PG_BIN, Debian's
    /usr/lib/postgresql/<newest>/bin, or the PATH."""
    candidates: list[Path] = []
    if os.environ.get(PG_BIN_ENV):
        candidates.append(Path(os.environ[PG_BIN_ENV]))
    if DEBIAN_PG_ROOT.is_dir():
        versions = [p for p in DEBIAN_PG_ROOT.iterdir() if p.name.isdigit()]
        candidates += [p / "bin" for p in sorted(versions, key=lambda p: -int(p.name))]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    raise PostgresMissing(
        f"PostgreSQL server binaries (initdb, postgres) not found: {INSTALL_HINT}"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    root: Path
    port: int
    process: subprocess.Popen[bytes]
    _names: Iterator[int] = field(default_factory=itertools.count)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        )

    def create_database(self, name: str | None = None, *, template: str | None = None) -> str:
        """Create a database (named ``t<n>`` unless given) and return its URL."""
        name = name or f"t{next(self._names)}"
        if not _DB_NAME.match(name) or (template and not _DB_NAME.match(template)):
            raise ValueError("database names here are lower-case identifiers")
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
        with self._admin() as conn:
            conn.execute(statement)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = (self.root / "server.log").read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 10.0) -> None:
        """Fast shutdown (SIGINT: roll back and disconnect clients), then harder if needed."""
        for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGKILL):
            if self.process.poll() is not None:
                return
            os.kill(self.process.pid, sig)
            try:
                self.process.wait(timeout)
                return
            except subprocess.TimeoutExpired:
                continue


def _as_postgres_user() -> pwd.struct_passwd | None:
    """The account to run the server as: ``postgres`` when we are root, else ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PostgresMissing(
            f"running as root but there is no 'postgres' user: {INSTALL_HINT}"
        ) from None


def _run(cmd: list[str], account: pwd.struct_passwd | None, log: Path) -> None:
    with open(log, "ab") as out:
        subprocess.run(
            cmd,
            check=True,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            user=account.pw_uid if account else None,
            group=account.pw_gid if account else None,
            extra_groups=[] if account else None,
        )


@contextmanager
def postgres_server(*, startup_timeout: float = 30.0) -> Iterator[PostgresServer]:
    """Start a private PostgreSQL cluster in a temporary folder; stop and delete it after."""
    bin_dir = find_pg_bin()
    account = _as_postgres_user()
    root = Path(tempfile.mkdtemp(prefix="careline-pg-"))
    server: PostgresServer | None = None
    try:
        if account is not None:
            os.chown(root, account.pw_uid, account.pw_gid)
        log = root / "server.log"
        initdb = [str(bin_dir / "initdb"), "-D", str(root / "data"), "-U", SUPERUSER]
        # --no-locale: byte order and no dependence on the machine's locales; names are
        # compared through keys computed in Python, never by the server's collation.
        initdb += ["-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]
        try:
            _run(initdb, account, log)
        except subprocess.CalledProcessError:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
            raise RuntimeError(f"initdb failed:\n{tail}") from None
        for _attempt in range(3):  # another process may grab the port between probe and bind
            server = _start(bin_dir, root, account, free_port())
            if _wait_ready(server, startup_timeout):
                break
            server.stop()
        else:
            raise RuntimeError(
                "PostgreSQL did not start:\n" + (server.log_tail() if server else "")
            )
        yield server
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _start(
    bin_dir: Path, root: Path, account: pwd.struct_passwd | None, port: int
) -> PostgresServer:
    cmd = [str(bin_dir / "postgres"), "-D", str(root / "data"), "-p", str(port)]
    cmd += ["-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={root}"]
    # Throwaway data: skip the disk flushes that make a test cluster slow.
    cmd += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
    with open(root / "server.log", "ab") as out:
        process = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a ^C to pytest must not kill it before we stop it
            user=account.pw_uid if account else None,
            group=account.pw_gid if account else None,
            extra_groups=[] if account else None,
        )
    return PostgresServer(root=root, port=port, process=process)


def _wait_ready(server: PostgresServer, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            with server._admin():
                return True
        except psycopg.OperationalError:
            time.sleep(0.05)
    return False


# -- pytest fixtures ------------------------------------------------------------------------

BACKENDS = ("sqlite", "postgresql")


class FreshDatabases:
    """Hands out new databases; migrated ones are copies of a template migrated once."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._sqlite_template: Path | None = None
        self._pg_templates: dict[int, str] = {}  # by server port

    def sqlite(self, folder: Path, *, migrated: bool = True) -> str:
        path = folder / "careline.sqlite3"
        if migrated:
            if self._sqlite_template is None:
                self._sqlite_template = self._root / "template.sqlite3"
                # Closing the last connection checkpoints the WAL into the one file we copy.
                Store.open(sqlite_url(self._sqlite_template)).close()
            shutil.copyfile(self._sqlite_template, path)
        return sqlite_url(path)

    def postgresql(self, server: PostgresServer, *, migrated: bool = True) -> str:
        if not migrated:
            return server.create_database()
        template = self._pg_templates.get(server.port)
        if template is None:
            template = self._pg_templates[server.port] = "careline_template"
            Store.open(server.create_database(template)).close()
        return server.create_database(template=template)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    try:
        with postgres_server() as server:
            yield server
    except PostgresMissing as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def fresh_databases(tmp_path_factory: pytest.TempPathFactory) -> FreshDatabases:
    return FreshDatabases(tmp_path_factory.mktemp("store-templates"))


def _database(request: pytest.FixtureRequest, folder: Path, *, migrated: bool) -> Iterator[str]:
    databases: FreshDatabases = request.getfixturevalue("fresh_databases")
    if request.param == "sqlite":
        yield databases.sqlite(folder, migrated=migrated)
        return
    # Only now is PostgreSQL started: a run of SQLite-only tests never needs it.
    server: PostgresServer = request.getfixturevalue("pg_server")
    url = databases.postgresql(server, migrated=migrated)
    yield url
    server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the current schema, on each backend in turn."""
    yield from _database(request, tmp_path, migrated=True)


@pytest.fixture(params=BACKENDS)
def empty_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database with no tables at all, on each backend in turn."""
    yield from _database(request, tmp_path / "empty", migrated=False)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


__all__ = [
    "BACKENDS",
    "FreshDatabases",
    "PostgresMissing",
    "PostgresServer",
    "empty_store_url",
    "find_pg_bin",
    "fresh_databases",
    "pg_server",
    "postgres_server",
    "store",
    "store_url",
]
