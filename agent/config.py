"""The organisation's configuration: one TOML file a clinic edits, read once at start-up.

Everything the agent says about the clinic itself (name, hours, where it is, what to bring,
who works there, which visits can be booked) comes from here, never from code, so a real
deployment changes words by editing ``careline.toml``. ``careline init`` writes a demo file
(:data:`DEMO_TOML`) beside a demo database, so the main job runs out of the box.

Errors name the file and the key (``careline.toml: hours.monday: expected "08:00-18:00"``)
and never a value a caller gave: this file holds no patient data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# One ConfigError for all of careline: a caller catching agent.errors.ConfigError catches a
# bad careline.toml too.
from agent.errors import ConfigError

CONFIG_NAME = "careline.toml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SKILLS = ("nurse", "scheduling", "billing", "general")
EMERGENCY_MODES = ("call_emergency_number", "nurse")


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    address: str
    directions: str = ""
    parking: str = ""


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    skill: str  # which queue a transfer for it goes to


@dataclass(frozen=True, slots=True)
class Provider:
    name: str  # as spoken: "Doctor Maria Nguyen"
    department: str
    key: str  # short, stable id used in the database and the schedule CSV


@dataclass(frozen=True, slots=True)
class AppointmentType:
    key: str  # as in the schedule and the database: "follow_up"
    name: str  # as spoken: "follow-up visit"
    minutes: int
    words: tuple[str, ...] = ()  # what callers say for it: "check up", "physical"


@dataclass(frozen=True, slots=True)
class OrgConfig:
    name: str = "Riverside Family Clinic"
    timezone: str = "America/New_York"
    greeting: str | None = None  # None: the built-in greeting with the clinic's name
    emergency_number: str = "911"
    emergency_mode: str = "call_emergency_number"
    pain_reliever: str = "acetaminophen"
    database_url: str | None = None  # None: an SQLite file beside the configuration
    hours: dict[str, tuple[time, time] | None] = field(default_factory=dict)
    locations: tuple[Location, ...] = ()
    departments: tuple[Department, ...] = ()
    providers: tuple[Provider, ...] = ()
    appointment_types: tuple[AppointmentType, ...] = ()
    faq: dict[str, str] = field(default_factory=dict)
    identity_attempts: int = 3
    # [telephony]: `careline serve`'s settings, read by agent/serve_config.py (which checks them)
    telephony: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def default_database_url(self, data_dir: Path) -> str:
        if self.database_url:
            return self.database_url
        base = self.source.parent if self.source is not None else data_dir
        return f"sqlite:///{(base / 'careline.db').resolve()}"


_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def _hours(value: object, where: str) -> tuple[time, time] | None:
    if isinstance(value, str) and value.strip().lower() == "closed":
        return None
    m = _HOURS.match(value) if isinstance(value, str) else None
    if m is None:
        raise ConfigError(f'{where}: expected "HH:MM-HH:MM" or "closed"')
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    try:
        opens, closes = time(h1, m1), time(h2, m2)
    except ValueError:
        raise ConfigError(f"{where}: not a time of day") from None
    if closes <= opens:
        raise ConfigError(f"{where}: closes before it opens")
    return opens, closes


class _Reader:
    """Typed access to a TOML table, with errors that say where."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data, self.where = data, where

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or (not value.strip() and default is None):
            raise ConfigError(f"{self.where}.{key}: expected text")
        return value.strip()

    def opt_text(self, key: str) -> str | None:
        """The text at ``key``; absent or empty is None."""
        return self.text(key, "") or None if key in self.data else None

    def integer(self, key: str, default: int, lo: int, hi: int) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise ConfigError(f"{self.where}.{key}: expected a whole number from {lo} to {hi}")
        return value

    def tables(self, key: str) -> list[_Reader]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ConfigError(f"{self.where}{key}: expected [[{key}]] tables")
        return [_Reader(v, f"{self.where}{key}[{i}]") for i, v in enumerate(value)]

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.where}{key}: expected a [{key}] table")
        return value


def parse_config(data: dict[str, Any], source: Path | None = None) -> OrgConfig:
    name = source.name if source is not None else CONFIG_NAME
    top = _Reader(data, f"{name}: ")
    clinic = _Reader(top.table("clinic"), f"{name}: clinic")
    tz = clinic.text("timezone", "America/New_York")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name}: clinic.timezone: unknown time zone {tz!r}") from None
    mode = clinic.text("emergency_mode", "call_emergency_number")
    if mode not in EMERGENCY_MODES:
        raise ConfigError(f"{name}: clinic.emergency_mode: one of {', '.join(EMERGENCY_MODES)}")
    number = clinic.text("emergency_number", "911")
    if not re.fullmatch(r"[0-9]{2,6}", number):
        raise ConfigError(f"{name}: clinic.emergency_number: expected 2 to 6 digits")

    hours_table = top.table("hours")
    unknown = set(hours_table) - set(WEEKDAYS)
    if unknown:
        raise ConfigError(f"{name}: hours: unknown day {sorted(unknown)[0]!r}")
    hours = {d: _hours(hours_table.get(d, "closed"), f"{name}: hours.{d}") for d in WEEKDAYS}

    departments = tuple(
        Department(r.text("name"), r.text("skill")) for r in top.tables("departments")
    )
    for i, d in enumerate(departments):
        if d.skill not in SKILLS:
            raise ConfigError(f"{name}: departments[{i}].skill: one of {', '.join(SKILLS)}")
    providers = tuple(
        Provider(r.text("name"), r.text("department"), r.text("key"))
        for r in top.tables("providers")
    )
    if len({p.key for p in providers}) != len(providers):
        raise ConfigError(f"{name}: providers: two providers share a key")
    types = []
    for r in top.tables("appointment_types"):
        words = r.data.get("words", [])
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ConfigError(f"{r.where}.words: expected a list of text")
        types.append(
            AppointmentType(
                r.text("key"), r.text("name"), r.integer("minutes", 20, 5, 240), tuple(words)
            )
        )
    if len({t.key for t in types}) != len(types):
        raise ConfigError(f"{name}: appointment_types: two types share a key")
    faq = top.table("faq")
    if not all(isinstance(v, str) for v in faq.values()):
        raise ConfigError(f"{name}: faq: every answer must be text")
    self_service = _Reader(top.table("self_service"), f"{name}: self_service")
    database = _Reader(top.table("database"), f"{name}: database")
    return OrgConfig(
        telephony=dict(top.table("telephony")),
        name=clinic.text("name", "Riverside Family Clinic"),
        timezone=tz,
        greeting=clinic.opt_text("greeting"),
        emergency_number=number,
        emergency_mode=mode,
        pain_reliever=clinic.text("pain_reliever", "acetaminophen"),
        database_url=database.opt_text("url") or None,
        hours=hours,
        locations=tuple(
            Location(
                r.text("name"), r.text("address"), r.text("directions", ""), r.text("parking", "")
            )
            for r in top.tables("locations")
        ),
        departments=departments,
        providers=providers,
        appointment_types=tuple(types),
        faq={k: v.strip() for k, v in faq.items()},
        identity_attempts=self_service.integer("identity_attempts", 3, 1, 5),
        source=source,
    )


def load_config(path: str | Path) -> OrgConfig:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such configuration file (careline init writes one)"
        ) from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    return parse_config(data, path)


def demo_config() -> OrgConfig:
    """The embedded demo clinic: what ``careline init`` writes, parsed."""
    return parse_config(tomllib.loads(DEMO_TOML))


DEMO_TOML = """\
# careline: the organisation's configuration. Edit and restart; `careline init` wrote this
# demo. Everything the agent says about the clinic comes from here.

[clinic]
name = "Riverside Family Clinic"
timezone = "America/New_York"
emergency_number = "911"
# "call_emergency_number": tell the caller to hang up and call it (a nurse if they can't);
# "nurse": keep them on the line while a nurse is connected.
emergency_mode = "call_emergency_number"
pain_reliever = "acetaminophen"
# greeting = "Hello, you've reached Riverside Family Clinic. ..."

[database]
# Empty: an SQLite file (careline.db) beside this file. Or a PostgreSQL URL:
# url = "postgresql+psycopg://careline@127.0.0.1/careline"
url = ""

[telephony]
# `careline serve`: where SIP listens (a trunk or PBX points here), the agent console's
# address, the RTP port range, and which peers may call (empty: anyone who can reach us).
# CARELINE_SIP, CARELINE_HTTP, CARELINE_RTP_PORTS and CARELINE_ALLOW_FROM override these,
# and the command line overrides both.
sip = "127.0.0.1:5060"
http = "127.0.0.1:8080"
rtp_ports = "20000-20999"
allow_from = []
drain_timeout = 60
media_timeout = 30
# Browser calls one address may start a minute; behind a reverse proxy all callers share
# the proxy's address, so raise it there.
web_calls_per_minute = 6

[hours]
monday = "08:00-18:00"
tuesday = "08:00-18:00"
wednesday = "08:00-18:00"
thursday = "08:00-20:00"
friday = "08:00-17:00"
saturday = "09:00-12:00"
sunday = "closed"

[[locations]]
name = "Riverside Family Clinic"
address = "100 Main Street, second floor, Springfield"
directions = "We're across from the public library, above the pharmacy."
parking = "Free parking is behind the building; the entrance is on Oak Street."

[[departments]]
name = "Nursing"
skill = "nurse"

[[departments]]
name = "Scheduling"
skill = "scheduling"

[[departments]]
name = "Billing"
skill = "billing"

[[departments]]
name = "Front desk"
skill = "general"

[[providers]]
key = "okafor"
name = "Doctor Amara Okafor"
department = "family medicine"

[[providers]]
key = "reyes"
name = "Doctor Daniel Reyes"
department = "family medicine"

[[providers]]
key = "raman"
name = "Doctor Priya Raman"
department = "pediatrics"

[[providers]]
key = "lindqvist"
name = "Nurse Practitioner Grace Lindqvist"
department = "nurse practitioner"

# key: the visit type in the schedule and database; name: as the agent says it;
# words: what callers say for it. The first type is the one used when a caller isn't sure.
[[appointment_types]]
key = "sick_visit"
name = "sick visit"
minutes = 20
words = ["sick visit", "sick", "not feeling well", "office visit", "consultation"]

[[appointment_types]]
key = "follow_up"
name = "follow-up visit"
minutes = 30
words = ["follow", "followup", "check on", "recheck", "review"]

[[appointment_types]]
key = "annual_physical"
name = "annual physical"
minutes = 30
words = ["physical", "annual", "check up", "checkup", "check-up", "wellness", "yearly"]

[[appointment_types]]
key = "new_patient"
name = "new patient visit"
minutes = 30
words = ["new patient", "first visit", "first time", "never been", "register"]

[[appointment_types]]
key = "well_child"
name = "well-child visit"
minutes = 30
words = ["well child", "well-child", "well baby", "kid's checkup", "school physical"]

[faq]
what_to_bring = "Please bring a photo ID, your insurance card and your medicines list."
parking = "Free parking is behind the building; the entrance is on Oak Street."
portal = "Your visits and messages are on our patient portal; the front desk can sign you up."
fax = "Our fax number is on every letter we send; the front desk can give it to you."
insurance = "We accept most major insurance plans. Our billing team can check yours."

[self_service]
identity_attempts = 3
"""
