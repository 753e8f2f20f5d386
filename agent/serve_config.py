"""Where ``careline serve`` gets its settings: the command line, then the environment
(``CARELINE_SIP`` ...), then the ``[telephony]`` table of careline.toml, then defaults.
Every bad value is a :class:`ConfigError` naming where it came from, raised before any model
loads."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from agent.errors import ConfigError
from agent.serve import ServeConfig
from telephony.sip.registration import RegistrationConfig
from telephony.sip.transaction import Address
from telephony.sip.uri import is_number

__all__ = ["parse_hostport", "resolve_serve_config"]


def parse_hostport(text: str, where: str) -> tuple[str, int]:
    host, sep, port = str(text).strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not is_number(port) or not 0 <= int(port) < 65536:
        raise ConfigError(f"{where}: expected HOST:PORT such as 127.0.0.1:5060, got {text!r}")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host != "localhost":
            raise ConfigError(f"{where}: {host!r} is not an IP address") from None
        host = "127.0.0.1"
    return host, int(port)


def _port_range(text: str, where: str) -> tuple[int, int]:
    first, sep, last = str(text).partition("-")
    if not sep or not is_number(first.strip()) or not is_number(last.strip()):
        raise ConfigError(f"{where}: expected FIRST-LAST such as 20000-20999, got {text!r}")
    lo, hi = int(first), int(last)
    if not 1024 <= lo < hi <= 65535 or hi - lo < 2:
        raise ConfigError(f"{where}: the range must lie in 1024-65535 and hold at least one pair")
    return lo, hi


def _allow(value: Any, where: str) -> frozenset[str] | None:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ConfigError(f"{where}: expected a list of IP addresses")
    peers = {str(i).strip() for i in items if str(i).strip()}
    for peer in peers:
        try:
            ipaddress.ip_address(peer)
        except ValueError:
            raise ConfigError(f"{where}: {peer!r} is not an IP address") from None
    return frozenset(peers) or None


def _registration(value: Any, env: Mapping[str, str], where: str) -> RegistrationConfig:
    """USER@HOST:PORT[;transport=tcp|tls]; the password only ever from CARELINE_SIP_PASSWORD,
    so it is never on a command line (where ps shows it) or in a file that gets shared."""
    text = str(value).strip()
    text, _, params = text.partition(";")
    user, at, hostport = text.rpartition("@")
    if not at or not user:
        raise ConfigError(f"{where}: expected USER@HOST:PORT, got {value!r}")
    host, port = parse_hostport(hostport, where)
    param = params.strip().lower() or "transport=udp"
    transport = param.removeprefix("transport=")
    if transport == param or transport not in ("udp", "tcp", "tls"):
        raise ConfigError(f"{where}: after ';' expected transport=udp, tcp or tls, got {params!r}")
    password = env.get("CARELINE_SIP_PASSWORD")
    if not password:
        raise ConfigError(f"{where}: registering needs the password in CARELINE_SIP_PASSWORD")
    return RegistrationConfig(Address(transport, host, port), f"{host}:{port}", user, password)


def _tls(pick: Any, source: str) -> dict[str, Any]:
    port, where = pick("tls_port", "CARELINE_TLS_PORT")
    if port is None:
        return {}
    if not is_number(str(port)) or not 0 <= int(port) < 65536:
        raise ConfigError(f"{where}: expected a port number")
    found: dict[str, Any] = {"tls_port": int(port)}
    for key in ("tls_cert", "tls_key"):
        value, where = pick(key, f"CARELINE_{key.upper()}")
        if not value or not Path(value).is_file():
            raise ConfigError(f"{where}: SIP over TLS needs a readable PEM file ({key})")
        found[key] = Path(value)
    return found


def _tls_ca(pick: Any) -> dict[str, Any]:
    value, where = pick("tls_ca", "CARELINE_TLS_CA")
    if value is None:
        return {}
    if not value or not Path(value).is_file():
        raise ConfigError(f"{where}: expected a readable PEM file of trusted certificates")
    return {"tls_ca": Path(value)}


def _console_tls(pick: Any) -> dict[str, Any]:
    cert, where = pick("console_cert", "CARELINE_CONSOLE_CERT")
    key, where_key = pick("console_key", "CARELINE_CONSOLE_KEY")
    if cert is None and key is None:
        return {}
    found: dict[str, Any] = {}
    for value, name, at in ((cert, "console_cert", where), (key, "console_key", where_key)):
        if not value or not Path(value).is_file():
            raise ConfigError(f"{at}: HTTPS for the console needs a readable PEM file ({name})")
        found[name] = Path(value)
    return found


def _seconds(value: Any, where: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: expected a number of seconds") from None
    if not 0 <= seconds <= 86_400:
        raise ConfigError(f"{where}: expected 0 to 86400 seconds")
    return seconds


def _per_minute(value: Any, where: str) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        n = -1
    if isinstance(value, bool) or not 1 <= n <= 10_000:
        raise ConfigError(f"{where}: expected a whole number of calls a minute, 1 to 10000")
    return n


def resolve_serve_config(
    cli: Mapping[str, Any], env: Mapping[str, str], table: Mapping[str, Any], source: str
) -> tuple[ServeConfig, tuple[str, int] | None]:
    """The SIP settings and the console's HTTP address (None: no console)."""

    def pick(key: str, env_key: str) -> tuple[Any, str]:
        if cli.get(key) is not None:
            return cli[key], f"--{key.replace('_', '-')}"
        if env.get(env_key):
            return env[env_key], env_key
        if key in table:
            return table[key], f"{source}: telephony.{key}"
        return None, key

    sip, where = pick("sip", "CARELINE_SIP")
    sip_host, sip_port = parse_hostport(sip or "127.0.0.1:5060", where)
    http, where = pick("http", "CARELINE_HTTP")
    http_addr = parse_hostport(http, where) if http else None
    ports, where = pick("rtp_ports", "CARELINE_RTP_PORTS")
    rtp = _port_range(ports or "20000-20999", where)
    allow, where = pick("allow_from", "CARELINE_ALLOW_FROM")
    allow_from = _allow(allow or [], where)
    drain, where = pick("drain_timeout", "CARELINE_DRAIN_TIMEOUT")
    media, where2 = pick("media_timeout", "CARELINE_MEDIA_TIMEOUT")
    ring, where3 = pick("answer_after", "CARELINE_ANSWER_AFTER")
    register_to, where4 = pick("register", "CARELINE_REGISTER")
    register = _registration(register_to, env, where4) if register_to else None
    web, where5 = pick("web_calls_per_minute", "CARELINE_WEB_CALLS_PER_MINUTE")
    config = ServeConfig(
        sip_host=sip_host,
        sip_port=sip_port,
        rtp_ports=rtp,
        allow_from=allow_from,
        drain_timeout=_seconds(drain if drain is not None else 60, where),
        media_timeout=_seconds(media if media is not None else 30, where2),
        answer_after=_seconds(ring if ring is not None else 0, where3),
        register=register,
        web_calls_per_minute=_per_minute(web, where5) if web is not None else 6,
        **_tls(pick, source),
        **_tls_ca(pick),
        **_console_tls(pick),
    )
    return config, http_addr
