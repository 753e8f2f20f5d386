"""Fixed clocks for the slot tests: a Monday in late November, and a Tuesday near year end."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

NY = ZoneInfo("America/New_York")
# Monday 23 November 2026, 10:00 in New York.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=NY)
TODAY = NOW.date()
# Tuesday 29 December 2026, 16:00: next week, next month and "March 3rd" cross the year.
YEAR_END = datetime(2026, 12, 29, 16, 0, tzinfo=NY)

assert TODAY == date(2026, 11, 23) and TODAY.weekday() == 0
assert YEAR_END.weekday() == 1
