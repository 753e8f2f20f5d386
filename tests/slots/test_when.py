from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from agent.slots.dates import parse_when as parse_when_from_dates
from agent.slots.when import (
    ALL_WEEKDAYS,
    Assumption,
    PartOfDay,
    WhenProblem,
    WhenProblemKind,
    WhenRequest,
    parse_when,
)
from tests.slots.conftest import NOW, NY, YEAR_END


def at(d: date, t: time = time(0)) -> datetime:
    return datetime.combine(d, t, tzinfo=NY)


def request(text: str, now: datetime = NOW) -> WhenRequest:
    result = parse_when(text, now)
    assert isinstance(result, WhenRequest), f"{text!r} -> {result}"
    assert result.start.tzinfo is not None and result.end.tzinfo is not None
    assert result.start < result.end
    assert result.start >= now
    return result


def one_day(text: str, now: datetime = NOW) -> date:
    """The single day a request names (its window lies within that day)."""
    r = request(text, now)
    assert r.start.date() == (r.end - timedelta(microseconds=1)).date(), r
    return r.start.date()


def test_the_brief_exports_parse_when_from_dates() -> None:
    assert parse_when_from_dates is parse_when


# Today is Monday, November 23rd 2026, 10 a.m.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Tuesday", date(2026, 11, 24)),
        ("on Tuesday", date(2026, 11, 24)),
        ("this Friday", date(2026, 11, 27)),
        ("Friday.", date(2026, 11, 27)),
        ("this Monday", date(2026, 11, 23)),  # "this" may be today
        ("Monday", date(2026, 11, 30)),  # said on a Monday: a week today
        ("next Tuesday", date(2026, 12, 1)),  # the Tuesday of next week, not tomorrow
        ("next Monday", date(2026, 11, 30)),
        ("Tuesday next week", date(2026, 12, 1)),
        ("Tuesday after next", date(2026, 12, 8)),
        ("a week from Tuesday", date(2026, 12, 1)),
        ("tomorrow", date(2026, 11, 24)),
        ("the day after tomorrow", date(2026, 11, 25)),
        ("today", date(2026, 11, 23)),
        ("the 14th", date(2026, 12, 14)),  # the 14th has passed this month
        ("on the 30th", date(2026, 11, 30)),
        ("the 31st", date(2026, 12, 31)),  # November has no 31st
        ("the twenty-fifth", date(2026, 11, 25)),
        ("December 3rd", date(2026, 12, 3)),
        ("the 3rd of December", date(2026, 12, 3)),
        ("December third, 2026", date(2026, 12, 3)),
        ("March 3rd", date(2027, 3, 3)),  # has passed this year
        ("12/3", date(2026, 12, 3)),
        ("2026-12-03", date(2026, 12, 3)),
        ("in 3 days", date(2026, 11, 26)),
        ("in three days", date(2026, 11, 26)),
        ("Tuesday the 1st", date(2026, 12, 1)),
        ("um, uh, Friday I guess", date(2026, 11, 27)),
        ("just a second... Friday", date(2026, 11, 27)),
    ],
)
def test_days(text: str, day: date) -> None:
    assert one_day(text) == day


@pytest.mark.parametrize(
    ("text", "first", "after_last"),
    [
        ("next week", date(2026, 11, 30), date(2026, 12, 7)),
        ("this week", date(2026, 11, 23), date(2026, 11, 30)),
        ("later this week", date(2026, 11, 26), date(2026, 11, 30)),
        ("early next week", date(2026, 11, 30), date(2026, 12, 3)),
        ("the week after next", date(2026, 12, 7), date(2026, 12, 14)),
        ("in two weeks", date(2026, 12, 7), date(2026, 12, 14)),
        ("in a couple of weeks", date(2026, 12, 7), date(2026, 12, 14)),
        ("2 weeks from now", date(2026, 12, 7), date(2026, 12, 14)),
        ("in a month", date(2026, 12, 21), date(2026, 12, 28)),
        ("end of the month", date(2026, 11, 24), date(2026, 12, 1)),
        ("at the end of the month", date(2026, 11, 24), date(2026, 12, 1)),
        ("end of next month", date(2026, 12, 25), date(2027, 1, 1)),
        ("early next month", date(2026, 12, 1), date(2026, 12, 8)),
        ("next month", date(2026, 12, 1), date(2027, 1, 1)),
        ("this weekend", date(2026, 11, 28), date(2026, 11, 30)),
        ("the first week of December", date(2026, 12, 1), date(2026, 12, 8)),
        ("in January", date(2027, 1, 1), date(2027, 2, 1)),
        ("early January", date(2027, 1, 1), date(2027, 1, 11)),
    ],
)
def test_spans(text: str, first: date, after_last: date) -> None:
    r = request(text)
    assert r.start == max(at(first), NOW)
    assert r.end == at(after_last)


@pytest.mark.parametrize(
    ("text", "day", "preferred"),
    [
        ("the 14th at 3", date(2026, 12, 14), time(15)),
        ("December 3rd at 10:30", date(2026, 12, 3), time(10, 30)),
        ("3 o'clock on Monday", date(2026, 11, 30), time(15)),
        ("Tuesday at three thirty", date(2026, 11, 24), time(15, 30)),
        ("Tuesday at 9", date(2026, 11, 24), time(9)),
        ("Tuesday at 12", date(2026, 11, 24), time(12)),
        ("tomorrow at noon", date(2026, 11, 24), time(12)),
        ("tomorrow at 2pm", date(2026, 11, 24), time(14)),
        ("tomorrow at 8 a.m.", date(2026, 11, 24), time(8)),
        ("tomorrow at 7 in the evening", date(2026, 11, 24), time(19)),
        ("tomorrow evening at 7", date(2026, 11, 24), time(19)),
        ("tomorrow at 5 in the morning", date(2026, 11, 24), time(5)),
        ("Friday at half past two", date(2026, 11, 27), time(14, 30)),
        ("Friday at quarter to ten", date(2026, 11, 27), time(9, 45)),
        ("Friday at 14:00", date(2026, 11, 27), time(14)),
        ("Friday, nine oh five", date(2026, 11, 27), time(9, 5)),
        ("today at 4", date(2026, 11, 23), time(16)),
        ("tonight at 8", date(2026, 11, 23), time(20)),
    ],
)
def test_day_and_time(text: str, day: date, preferred: time) -> None:
    r = request(text)
    assert r.start.date() == day
    assert r.preferred_time == preferred


@pytest.mark.parametrize(
    ("text", "part", "earliest_time", "latest_time"),
    [
        ("next Tuesday afternoon", PartOfDay.AFTERNOON, time(12), time(17)),
        ("tomorrow morning", PartOfDay.MORNING, None, time(12)),
        ("any morning", PartOfDay.MORNING, None, time(12)),
        ("mornings are best", PartOfDay.MORNING, None, time(12)),
        ("late afternoon", PartOfDay.AFTERNOON, time(15), time(17)),
        ("early morning", PartOfDay.MORNING, None, time(10)),
        ("lunchtime", PartOfDay.LUNCHTIME, time(11, 30), time(13, 30)),
        ("over lunch", PartOfDay.LUNCHTIME, time(11, 30), time(13, 30)),
        ("in the evening", PartOfDay.EVENING, time(17), None),
        ("after 4", None, time(16), None),
        ("after 4 pm", None, time(16), None),
        ("before noon", None, None, time(12)),
        ("before 10", None, None, time(10)),
        ("no later than 2", None, None, time(14)),
        ("between 10 and 2", None, time(10), time(14)),
        ("from 1 to 3", None, time(13), time(15)),
        ("after lunch", None, time(13), None),
        ("not in the morning", None, time(12), None),
        ("any afternoon after 3", PartOfDay.AFTERNOON, time(15), time(17)),
    ],
)
def test_parts_of_the_day_and_bounds(
    text: str, part: PartOfDay | None, earliest_time: time | None, latest_time: time | None
) -> None:
    r = request(text)
    assert r.part_of_day is part
    assert r.earliest_time == earliest_time
    assert r.latest_time == latest_time


def test_a_part_of_one_day_narrows_the_window() -> None:
    r = request("next Tuesday afternoon")
    assert (r.start, r.end) == (at(date(2026, 12, 1), time(12)), at(date(2026, 12, 1), time(17)))
    assert Assumption.NEXT_WEEKDAY in r.assumptions


@pytest.mark.parametrize(
    "text",
    [
        "as soon as possible",
        "ASAP",
        "a.s.a.p.",
        "earliest",
        "the earliest available",
        "first available",
        "anything",
        "any time",
        "whenever",
        "doesn't matter",
        "next available",
    ],
)
def test_earliest(text: str) -> None:
    r = request(text)
    assert r.earliest
    assert (r.start, r.end) == (NOW, NOW + timedelta(days=14))
    assert r.weekdays == ALL_WEEKDAYS


def test_earliest_combines_with_other_words() -> None:
    r = request("anything next week in the afternoon")
    assert r.earliest and r.part_of_day is PartOfDay.AFTERNOON
    assert r.start == at(date(2026, 11, 30))
    first_thing = request("first thing tomorrow")
    assert first_thing.earliest and first_thing.part_of_day is PartOfDay.MORNING


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        ("not Monday", {1, 2, 3, 4, 5, 6}),
        ("any day but Friday", {0, 1, 2, 3, 5, 6}),
        ("anything except Mondays", {1, 2, 3, 4, 5, 6}),
        ("Friday doesn't work", {0, 1, 2, 3, 5, 6}),
        ("Tuesdays", {1}),
        ("any Thursday", {3}),
        ("Monday or Wednesday", {0, 2}),
        ("next week but not Wednesday", {0, 1, 3, 4, 5, 6}),
    ],
)
def test_weekdays(text: str, weekdays: set[int]) -> None:
    assert request(text).weekdays == frozenset(weekdays)


def test_horizon_is_the_default_window_and_can_be_changed() -> None:
    r = parse_when("after 4", NOW, horizon=timedelta(days=3))
    assert isinstance(r, WhenRequest)
    assert (r.start, r.end) == (NOW, NOW + timedelta(days=3))


@pytest.mark.parametrize(
    ("text", "assumption"),
    [
        ("at 3", Assumption.HOUR_AM_PM),
        ("at 9", Assumption.HOUR_AM_PM),
        ("next Tuesday", Assumption.NEXT_WEEKDAY),
        ("Monday", Assumption.WEEKDAY_NOT_TODAY),
        ("the 14th", Assumption.DAY_NEXT_MONTH),
        ("March 3rd", Assumption.DATE_NEXT_YEAR),
        ("12/3", Assumption.MONTH_DAY_ORDER),
    ],
)
def test_conventions_are_recorded(text: str, assumption: Assumption) -> None:
    assert assumption in request(text).assumptions


@pytest.mark.parametrize(
    "text", ["at 3 p.m.", "3 in the afternoon", "next Monday", "Tuesday", "the 30th", "12/13"]
)
def test_no_convention_needed(text: str) -> None:
    assert request(text).assumptions == ()


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("February 30th", WhenProblemKind.IMPOSSIBLE, "There's no February 30th."),
        ("the 31st of April", WhenProblemKind.IMPOSSIBLE, "April only has 30 days."),
        ("the 32nd", WhenProblemKind.IMPOSSIBLE, "No month has a 32nd."),
        ("February 29th 2027", WhenProblemKind.IMPOSSIBLE, "no February 29th in 2027"),
        ("at 25 o'clock", WhenProblemKind.IMPOSSIBLE, "isn't a time"),
        ("at 3:75", WhenProblemKind.IMPOSSIBLE, "isn't a time"),
        ("today at 9", WhenProblemKind.PAST, "It's already past 9 a.m. today."),
        ("this morning at 8", WhenProblemKind.PAST, "already past 8 a.m."),
        ("November 2nd 2026", WhenProblemKind.PAST, "already passed"),
        ("yesterday", WhenProblemKind.PAST, "already passed"),
        ("Tuesday the 2nd", WhenProblemKind.CONFLICT, "December 2nd is a Wednesday, not a Tuesday"),
        ("tomorrow, Friday", WhenProblemKind.CONFLICT, "is a Tuesday, not a Friday"),
        ("tomorrow morning at 3 pm", WhenProblemKind.CONFLICT, "3 p.m. is outside the times"),
        ("after 4, at 3 o'clock", WhenProblemKind.CONFLICT, "3 p.m. is outside the times"),
        ("I need my prescription refilled", WhenProblemKind.NOT_UNDERSTOOD, "What day"),
        ("", WhenProblemKind.NOT_UNDERSTOOD, "What day"),
    ],
)
def test_problems(text: str, kind: WhenProblemKind, message: str) -> None:
    result = parse_when(text, NOW)
    assert isinstance(result, WhenProblem), result
    assert result.kind is kind
    assert message in result.message


def test_a_part_of_today_already_over_is_a_problem() -> None:
    evening = datetime(2026, 11, 23, 18, 0, tzinfo=NY)
    result = parse_when("this afternoon", evening)
    assert result == WhenProblem(WhenProblemKind.PAST, "This afternoon is already over.")


def test_a_time_with_no_day_rolls_forward() -> None:
    r = request("at 9")  # 9 a.m. has passed today: the search starts now, so tomorrow's
    assert r.start == NOW and r.preferred_time == time(9)
    slots = [at(date(2026, 11, 24), time(h)) for h in (8, 9, 11, 15)]
    assert r.rank(slots)[0] == at(date(2026, 11, 24), time(9))


# Tuesday, December 29th 2026, 4 p.m.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the 5th", date(2027, 1, 5)),
        ("January 5th", date(2027, 1, 5)),
        ("Jan 5", date(2027, 1, 5)),
        ("next Monday", date(2027, 1, 4)),
        ("Friday", date(2027, 1, 1)),
        ("tomorrow", date(2026, 12, 30)),
        ("the 31st", date(2026, 12, 31)),
        ("in 3 days", date(2027, 1, 1)),
        ("1/5", date(2027, 1, 5)),
    ],
)
def test_rollover_at_year_end(text: str, day: date) -> None:
    assert one_day(text, YEAR_END) == day


def test_spans_cross_the_year() -> None:
    r = request("next week", YEAR_END)
    assert (r.start, r.end) == (at(date(2027, 1, 4)), at(date(2027, 1, 11)))
    month = request("next month", YEAR_END)
    assert (month.start, month.end) == (at(date(2027, 1, 1)), at(date(2027, 2, 1)))
    past = parse_when("December 3rd 2026", YEAR_END)
    assert isinstance(past, WhenProblem) and past.kind is WhenProblemKind.PAST
    soon = request("December 3rd", YEAR_END)
    assert soon.start.date() == date(2027, 12, 3)
    late = parse_when("today at 3", YEAR_END)
    assert isinstance(late, WhenProblem) and late.kind is WhenProblemKind.PAST


def test_admits_and_rank() -> None:
    r = request("next week after 4 but not Wednesday")
    monday = date(2026, 11, 30)
    assert r.admits(at(monday, time(16)))
    assert not r.admits(at(monday, time(15, 59)))
    assert not r.admits(at(date(2026, 12, 2), time(16)))  # a Wednesday
    assert not r.admits(at(date(2026, 12, 7), time(16)))  # the week after
    assert not r.admits(datetime(2026, 11, 30, 16))  # naive: no answer but "no"
    # A slot given in another zone is judged by the clinic's clock.
    utc = at(monday, time(16)).astimezone(ZoneInfo("UTC"))
    assert r.admits(utc)
    assert r.rank([at(monday, time(17)), at(monday, time(16)), at(monday, time(9))]) == [
        at(monday, time(16)),
        at(monday, time(17)),
    ]


def test_rank_prefers_slots_near_the_preferred_time_day_by_day() -> None:
    r = request("at 3")
    tue, wed = date(2026, 11, 24), date(2026, 11, 25)
    slots = [at(tue, time(9)), at(wed, time(15)), at(tue, time(14)), at(tue, time(16, 30))]
    assert r.rank(slots) == [
        at(tue, time(14)),
        at(wed, time(15)),
        at(tue, time(16, 30)),
        at(tue, time(9)),
    ]


def test_a_naive_now_gives_naive_windows() -> None:
    naive = datetime(2026, 11, 23, 10)
    r = parse_when("tomorrow", naive)
    assert isinstance(r, WhenRequest)
    assert r.start == datetime(2026, 11, 24) and r.start.tzinfo is None


def test_daylight_saving_day_keeps_local_midnights() -> None:
    now = datetime(2026, 10, 30, 9, 0, tzinfo=NY)  # Friday; clocks go back on Sunday Nov 1
    r = request("Sunday", now)
    assert r.start == at(date(2026, 11, 1))
    assert r.end == at(date(2026, 11, 2))
    utc = ZoneInfo("UTC")
    assert r.end.astimezone(utc) - r.start.astimezone(utc) == timedelta(hours=25)
