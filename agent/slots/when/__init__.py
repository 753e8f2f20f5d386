"""When a caller would like an appointment, said the way people say it.

"next Tuesday afternoon", "the 14th at 3", "as soon as possible", "any morning but Friday".
:func:`parse_when` turns it into a :class:`WhenRequest`: a window of datetimes to search
(aware, in ``now``'s zone), daily time bounds, an optional preferred time to search nearest
to, and the weekdays allowed. :meth:`WhenRequest.rank` orders a scheduler's free slots by it.

Conventions, chosen so that a misreading is one the read-back ("Tuesday, December 1st at 3
p.m.?") catches, and recorded in ``assumptions`` whenever one was applied:

* **Weekdays** (weeks run Monday to Sunday). "Tuesday" / "on Tuesday" is the next Tuesday
  after today; said on a Tuesday it means a week today (``weekday_not_today``). "this
  Tuesday" is the coming one and may be today. "next Tuesday" is the Tuesday of next week:
  said on a Monday that is 8 days away, not tomorrow (``next_weekday``). "Tuesday after next"
  adds a week. "Tuesday next week" and "next week on Tuesday" are the same day.
* **Day of the month**: "the 14th" is this month's if it has not passed, else next month's
  (``day_next_month``); "the 31st" in a 30-day month moves on to the next month with a 31st.
* **Month and day**: "March 3rd" is this year's if it has not passed, else next year's
  (``date_next_year``). "12/3" is month first, December 3rd (``month_day_order``).
* **Hours** with no a.m./p.m. are clinic hours (``hour_am_pm``): 1 to 6 are p.m., 7 to 11
  are a.m., 12 is noon; "3 in the morning" and "8 in the evening" say which. The same rule
  reads "after 4" and "before 10".
* **The past**: a date before today, or a time already gone on a day named explicitly
  ("today at 9" at 10 a.m., "this morning" in the afternoon), is a ``past`` problem. A time
  with no day ("at 9") searches from ``now`` onward, so it rolls forward to tomorrow.
* **Impossible** dates and times ("February 30th", "the 31st of April", "the 32nd", "25
  o'clock") are ``impossible`` problems; a weekday that does not match the date ("Tuesday
  the 2nd" when the 2nd is a Wednesday) is a ``conflict``. Each problem carries a sentence
  the agent can say back.
* **No day at all** ("after 4", "any morning", "as soon as possible") searches from ``now``
  to ``now + horizon`` (14 days unless told).
* **Spans**: "next week" is Monday to Sunday; "in two weeks" is the Monday-to-Sunday week
  containing the day two weeks from today; "in 3 days" is that day; "end of the month" is its
  last 7 days; "early next month" its first 7; "later this week" is Thursday to Sunday.
* **Parts of the day**: morning before noon, lunchtime 11:30 to 13:30, afternoon noon to 5,
  evening from 5 ("early"/"late" narrow them). Opening hours are the scheduler's business.

Inside: :mod:`._request` (the request and its problems), :mod:`._words` (month, weekday and
part-of-day words), :mod:`._days` and :mod:`._times` (the readers, by what they read),
:mod:`._heard` (what the readers gather), :mod:`._parse` (their order, and the window).
"""

from agent.slots.when._heard import Reader as Reader
from agent.slots.when._parse import parse_when
from agent.slots.when._request import (
    ALL_WEEKDAYS,
    DEFAULT_HORIZON,
    Assumption,
    PartOfDay,
    WhenProblem,
    WhenProblemKind,
    WhenRequest,
)

# Importable from here as before, though not in __all__.
from agent.slots.when._request import NEAR_MINUTES as NEAR_MINUTES

__all__ = [
    "ALL_WEEKDAYS",
    "DEFAULT_HORIZON",
    "Assumption",
    "PartOfDay",
    "WhenProblem",
    "WhenProblemKind",
    "WhenRequest",
    "parse_when",
]
