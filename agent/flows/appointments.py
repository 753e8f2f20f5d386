"""Appointments: book, reschedule, cancel, and "when is my appointment?".

Booking gathers the visit type and a time said naturally ("next Tuesday afternoon"), offers
the nearest free slots, reads the chosen one back, and books it only on a yes. The booking
is a :class:`~agent.actions.Write`: if another call takes the slot between the offer and the
yes, the database refuses it and :func:`slot_taken` offers what is still free.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from agent.actions import Say, Write
from agent.flows.base import NOT_CAUGHT, FlowContext, Step, ask, done, hand_to
from agent.flows.choose import pick
from agent.nlu import Understanding
from agent.slots.commands import classify_command, parse_confirmation
from agent.slots.speak import say_date, say_list, say_slot, say_time
from agent.slots.when import ALL_WEEKDAYS, WhenProblemKind, WhenRequest, parse_when

OFFER_AT_MOST = 2  # more than two times read out on the phone are hard to hold in mind
SEARCH_DAYS = 60  # how far ahead "the nearest free time" looks

ASK_TYPE = "What kind of visit is it? For example, {types}."
ASK_WHEN = "What day and time would suit you?"
ASK_WHEN_INSTEAD = "No problem. What day and time would suit you instead?"
NONE_THEN = "I'm sorry, I don't have anything free then."
NEAREST = "The nearest times I have are {slots}."
NEAREST_ONE = "The nearest time I have is {slot}."
WHICH_SLOT = "Which would you like?"
TAKE_IT = "Would that work?"
CONFIRM = "To confirm: {what} on {slot}. Shall I book it?"
CONFIRM_MOVE = "To confirm: I'll move your {what} to {slot}. Is that right?"
BOOKED = "You're booked: {what} on {slot}. Please arrive ten minutes early."
MOVED = "Done. Your {what} is moved to {slot}."
TAKEN = "I'm sorry, that time was just taken by another caller."
NO_SLOTS = "I'm sorry, I can't find a free appointment in the next two months."
NO_UPCOMING = "I don't see any upcoming appointments for this patient."
UPCOMING_ONE = "The next appointment is {what} on {slot}."
UPCOMING_MANY = "There are {n} upcoming appointments: {list}."
WHICH_APPT = "Which one would you like to {verb}?"
IS_IT = "Is that the one you'd like to {verb}?"
CONFIRM_CANCEL = "To confirm: cancel your {what} on {slot}?"
CANCELLED = "Your {what} on {slot} is cancelled."
KEPT = "Okay, I haven't changed anything."


@dataclass(frozen=True, slots=True)
class Offer:
    """A free slot as offered to the caller (what is needed to book it and to say it)."""

    slot_id: int
    starts_at: datetime
    provider: str


@dataclass(frozen=True, slots=True)
class BookingState:
    goal: str  # "book" or "reschedule"
    step: str = "type"  # "type" -> "when" -> "choose" -> "confirm"
    appointment_type: str | None = None
    provider_id: int | None = None
    offered: tuple[Offer, ...] = ()
    chosen: Offer | None = None
    moving: Any = None  # the appointment being rescheduled
    tries: int = 0


@dataclass(frozen=True, slots=True)
class ManageState:
    goal: str  # "cancel" or "reschedule" (choosing which appointment)
    step: str = "which"  # "which" -> "confirm"
    upcoming: tuple[Any, ...] = ()
    chosen: Any = None
    tries: int = 0


# -- starting -----------------------------------------------------------------------------
def start(goal: str, ctx: FlowContext, text: str) -> Step:
    assert ctx.patient_id is not None
    if goal == "book":
        return _book_from(ctx, BookingState("book"), text)
    upcoming = tuple(ctx.store.upcoming_appointments(ctx.patient_id, ctx.now))
    if goal == "when":
        if not upcoming:
            return done(NO_UPCOMING)
        return done(_list_upcoming(ctx, upcoming[:3]))
    if not upcoming:
        if goal == "reschedule":  # nothing to move: book one instead
            return _book_from(ctx, BookingState("book"), text, lead=NO_UPCOMING)
        return done(NO_UPCOMING)
    verb = "change" if goal == "reschedule" else "cancel"
    if len(upcoming) == 1:
        state = ManageState(goal, "confirm", upcoming, upcoming[0])
        return ask(state, _list_upcoming(ctx, upcoming), IS_IT.format(verb=verb))
    return ask(
        ManageState(goal, "which", upcoming),
        _list_upcoming(ctx, upcoming),
        WHICH_APPT.format(verb=verb),
    )


def _list_upcoming(ctx: FlowContext, upcoming: tuple[Any, ...]) -> str:
    if len(upcoming) == 1:
        a = upcoming[0]
        return UPCOMING_ONE.format(
            what=_a(_type_name(ctx, a.appointment_type)),
            slot=_say_appointment(ctx, a),
        )
    items = [
        f"{_a(_type_name(ctx, a.appointment_type))} on {_say_appointment(ctx, a)}" for a in upcoming
    ]
    return UPCOMING_MANY.format(n=len(upcoming), list=say_list(items, "and"))


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _say_appointment(ctx: FlowContext, a: Any) -> str:
    return _say(ctx, a.slot.starts_at, spoken_provider(a.slot.provider))


def _type_name(ctx: FlowContext, key: str | None) -> str:
    for t in ctx.config.appointment_types:
        if t.key == key:
            return t.name
    return (key or "visit").replace("_", " ")


def spoken_provider(provider: Any) -> str:
    """ "Doctor Amara Okafor", "Nurse Practitioner Grace Lindqvist": as a receptionist says it."""
    title = {
        "MD": "Doctor",
        "DO": "Doctor",
        "NP": "Nurse Practitioner",
        "PA": "Physician Assistant",
    }
    lead = title.get(str(provider.title).upper().replace(".", ""), "")
    return f"{lead} {provider.name}".strip()


def _say(ctx: FlowContext, at: datetime, provider: str | None) -> str:
    spoken = say_slot(at.astimezone(ctx.config.tz), ctx.today)
    return f"{spoken} with {provider}" if provider else spoken


# -- answering ----------------------------------------------------------------------------
def respond(ctx: FlowContext, state: Any, text: str, u: Understanding) -> Step:
    dtmf = u.entities.get("dtmf")
    if isinstance(state, ManageState):
        return _manage(ctx, state, text, dtmf)
    if state.step == "type":
        return _book_from(ctx, state, text, asked_type=True)
    if state.step == "when":
        return _search(ctx, state, text)
    if state.step == "choose":
        return _choose(ctx, state, text, dtmf)
    return _confirm(ctx, state, text, dtmf)


def _book_from(
    ctx: FlowContext, state: BookingState, text: str, *, lead: str = "", asked_type: bool = False
) -> Step:
    """Take what the caller already said (type, provider, time), ask for what is missing."""
    kind = state.appointment_type or _appointment_type(ctx, text)
    if kind is None and asked_type:
        command = classify_command(text)
        gave_a_time = isinstance(parse_when(text, ctx.now), WhenRequest)
        dont_know = command is not None and command.kind == "dont_know"
        if dont_know or gave_a_time or state.tries >= 1:
            kind = ctx.config.appointment_types[0].key  # the general visit
        else:
            return _unclear(state, _ask_type(ctx))
    provider_id = state.provider_id or _provider(ctx, text)
    state = replace(state, appointment_type=kind, provider_id=provider_id, tries=0)
    if kind is None:
        return ask(replace(state, step="type"), lead, _ask_type(ctx))
    when = parse_when(text, ctx.now)
    if isinstance(when, WhenRequest):
        return _offer(ctx, state, when, lead)
    return ask(replace(state, step="when"), lead, ASK_WHEN)


def _ask_type(ctx: FlowContext) -> str:
    names = [t.name for t in ctx.config.appointment_types]
    return ASK_TYPE.format(types=say_list(names, "or"))


def _appointment_type(ctx: FlowContext, text: str) -> str | None:
    words = f" {text.lower()} "
    best: tuple[int, str] | None = None
    for t in ctx.config.appointment_types:
        for w in (t.name, *t.words):
            if f" {w.lower()}" in words and (best is None or len(w) > best[0]):
                best = (len(w), t.key)  # the most specific wording wins
    return best[1] if best else None


def _provider(ctx: FlowContext, text: str) -> int | None:
    words = set(text.lower().replace(".", " ").replace(",", " ").split())
    for p in ctx.store.providers():
        if p.name.lower().split()[-1] in words:
            return int(p.id)
    return None


def _search(ctx: FlowContext, state: BookingState, text: str) -> Step:
    when = parse_when(text, ctx.now)
    if not isinstance(when, WhenRequest):
        said = "" if when.kind == WhenProblemKind.NOT_UNDERSTOOD else when.message
        return _unclear(state, said, ASK_WHEN)
    return _offer(ctx, state, when)


def _offer(ctx: FlowContext, state: BookingState, when: WhenRequest, lead: str = "") -> Step:
    slots = _free(ctx, state, when)
    nearest = not slots
    if nearest:  # nothing then: the nearest later time, at the time of day asked if possible
        after = max(when.end, ctx.now)
        later = replace(when, start=after, end=after + timedelta(days=SEARCH_DAYS))
        slots = _free(ctx, state, replace(later, weekdays=ALL_WEEKDAYS)) or _free(
            ctx,
            state,
            replace(later, weekdays=ALL_WEEKDAYS, earliest_time=None, latest_time=None),
        )
    if not slots:
        return hand_to("scheduling", "no_free_slots", lead, NO_SLOTS)
    offered = tuple(slots[:OFFER_AT_MOST])
    what = _say_offers(ctx, offered)
    lines = [lead, NONE_THEN] if nearest else [lead]
    if len(offered) == 1:
        lines += [NEAREST_ONE.format(slot=what) if nearest else f"I have {what}.", TAKE_IT]
    else:
        lines += [NEAREST.format(slots=what) if nearest else f"I have {what}.", WHICH_SLOT]
    return ask(replace(state, step="choose", offered=offered, tries=0), *lines)


def _say_offers(ctx: FlowContext, offers: tuple[Offer, ...]) -> str:
    """Two times on one day with one provider are said once: "Tuesday, December 1st, at
    1 p.m. or 1:30 p.m., with Doctor Amara Okafor"."""
    days = {_day(ctx, o) for o in offers}
    people = {o.provider for o in offers}
    if len(offers) > 1 and len(days) == 1 and len(people) == 1:
        local = [o.starts_at.astimezone(ctx.config.tz) for o in offers]
        day = say_date(local[0].date(), ctx.today)
        times = say_list([say_time(t.time()) for t in local], "or")
        return f"{day}, at {times}, with {offers[0].provider}"
    return say_list([_say(ctx, o.starts_at, o.provider) for o in offers], "or")


def _free(ctx: FlowContext, state: BookingState, when: WhenRequest) -> list[Offer]:
    """The best free slots for ``when``: on different days where possible, in time order."""
    slots = ctx.store.free_slots(
        max(when.start, ctx.now),
        when.end,
        provider_id=state.provider_id,
        appointment_type=state.appointment_type,
        limit=400,
    )
    by_start: dict[datetime, list[Offer]] = {}
    for s in slots:
        by_start.setdefault(s.starts_at, []).append(
            Offer(s.id, s.starts_at, spoken_provider(s.provider))
        )
    ranked = [o for t in when.rank(list(by_start)) for o in by_start[t][:1]]
    chosen: list[Offer] = []
    for o in ranked:  # two offers on different days give the caller a real choice
        if all(_day(ctx, o) != _day(ctx, c) for c in chosen):
            chosen.append(o)
        if len(chosen) == OFFER_AT_MOST:
            break
    if len(chosen) < OFFER_AT_MOST:
        chosen += [o for o in ranked if o not in chosen][: OFFER_AT_MOST - len(chosen)]
    return sorted(chosen, key=lambda o: o.starts_at)


def _choose(ctx: FlowContext, state: BookingState, text: str, dtmf: str | None) -> Step:
    spoken = [_say(ctx, o.starts_at, o.provider) for o in state.offered]
    index = pick(text, dtmf, [o.starts_at.astimezone(ctx.config.tz) for o in state.offered], spoken)
    if index is None and len(state.offered) == 1:
        if parse_confirmation(text, dtmf).answer == "yes":
            index = 0
    if index is not None:
        chosen = state.offered[index]
        return ask(
            replace(state, step="confirm", chosen=chosen, tries=0),
            _confirm_line(ctx, state, chosen),
        )
    when = parse_when(text, ctx.now)
    if isinstance(when, WhenRequest):  # "do you have anything Thursday instead?"
        return _offer(ctx, state, when)
    if parse_confirmation(text, dtmf).answer == "no":
        return ask(replace(state, step="when", offered=()), ASK_WHEN_INSTEAD)
    return _unclear(state, WHICH_SLOT if len(state.offered) > 1 else TAKE_IT)


def _confirm_line(ctx: FlowContext, state: BookingState, o: Offer) -> str:
    slot = _say(ctx, o.starts_at, o.provider)
    if state.goal == "reschedule":
        return CONFIRM_MOVE.format(what=_type_name(ctx, state.moving.appointment_type), slot=slot)
    return CONFIRM.format(what=_a(_type_name(ctx, state.appointment_type)), slot=slot)


def _confirm(ctx: FlowContext, state: BookingState, text: str, dtmf: str | None) -> Step:
    assert state.chosen is not None and ctx.patient_id is not None
    answer = parse_confirmation(text, dtmf).answer
    if answer == "yes":
        o = state.chosen
        slot = _say(ctx, o.starts_at, o.provider)
        retry = replace(state, step="choose", chosen=None)
        if state.goal == "reschedule":
            args: tuple[tuple[str, Any], ...] = (
                ("appointment_id", state.moving.id),
                ("slot_id", o.slot_id),
                ("patient_id", ctx.patient_id),
            )
            return Step(
                (
                    Write("reschedule", args, retry),
                    Say(
                        MOVED.format(what=_type_name(ctx, state.moving.appointment_type), slot=slot)
                    ),
                ),
                None,
                finished=True,
            )
        args = (
            ("slot_id", o.slot_id),
            ("patient_id", ctx.patient_id),
            ("appointment_type", state.appointment_type),
        )
        booked = BOOKED.format(what=_a(_type_name(ctx, state.appointment_type)), slot=slot)
        return Step((Write("book", args, retry), Say(booked)), None, finished=True)
    if answer == "no":
        when = parse_when(text, ctx.now)  # "no, make it Thursday"
        if isinstance(when, WhenRequest):
            return _offer(ctx, state, when)
        return ask(replace(state, step="when", offered=(), chosen=None), ASK_WHEN_INSTEAD)
    return _unclear(state, _confirm_line(ctx, state, state.chosen))


def slot_taken(ctx: FlowContext, retry: BookingState) -> Step:
    """The slot went to another call between the offer and the yes: offer what is free."""
    first = retry.offered[0].starts_at if retry.offered else ctx.now
    day_start = first.astimezone(ctx.config.tz).replace(hour=0, minute=0)
    when = WhenRequest(day_start, day_start + timedelta(days=7))
    return _offer(ctx, replace(retry, offered=()), when, TAKEN)


# -- which appointment, then cancel or move it ----------------------------------------------
def _manage(ctx: FlowContext, state: ManageState, text: str, dtmf: str | None) -> Step:
    verb = "change" if state.goal == "reschedule" else "cancel"
    if state.step == "which":
        spoken = [_say_appointment(ctx, a) for a in state.upcoming]
        index = pick(
            text, dtmf, [a.slot.starts_at.astimezone(ctx.config.tz) for a in state.upcoming], spoken
        )
        if index is None:
            return _unclear(state, WHICH_APPT.format(verb=verb))
        state = replace(state, step="confirm", chosen=state.upcoming[index], tries=0)
        if state.goal == "reschedule":  # "the second one" names an appointment, not a day
            return _move(ctx, state.chosen, "")
        return ask(state, _cancel_line(ctx, state.chosen))
    confirmation = parse_confirmation(text, dtmf)
    answer = confirmation.answer
    if state.goal == "reschedule" and answer in ("yes", "change"):
        return _move(ctx, state.chosen, confirmation.rest)  # "yes, to Friday if you can"
    if answer == "yes":
        a = state.chosen
        args = (("appointment_id", a.id), ("patient_id", ctx.patient_id))
        said = CANCELLED.format(
            what=_type_name(ctx, a.appointment_type),
            slot=_say_appointment(ctx, a),
        )
        return Step((Write("cancel", args), Say(said)), None, finished=True)
    if answer == "no":
        if len(state.upcoming) > 1 and state.step == "confirm":
            return ask(replace(state, step="which", chosen=None), WHICH_APPT.format(verb=verb))
        return done(KEPT)
    line = _cancel_line(ctx, state.chosen) if state.goal == "cancel" else IS_IT.format(verb=verb)
    return _unclear(state, line)


def _cancel_line(ctx: FlowContext, a: Any) -> str:
    return CONFIRM_CANCEL.format(
        what=_type_name(ctx, a.appointment_type),
        slot=_say_appointment(ctx, a),
    )


def _move(ctx: FlowContext, appointment: Any, text: str) -> Step:
    state = BookingState(
        "reschedule",
        appointment_type=appointment.appointment_type,
        provider_id=appointment.slot.provider.id,
        moving=appointment,
    )
    when = parse_when(text, ctx.now)
    if isinstance(when, WhenRequest):
        return _offer(ctx, replace(state, step="when"), when)
    return ask(replace(state, step="when"), ASK_WHEN)


def _unclear(state: Any, *prompt: str) -> Step:
    if state.tries >= 2:
        return hand_to(
            "scheduling", "appointment_unclear", "I'm sorry, I'm having trouble with that."
        )
    return replace(
        ask(replace(state, tries=state.tries + 1), NOT_CAUGHT, *prompt), understood=False
    )


def _day(ctx: FlowContext, o: Offer) -> object:
    return o.starts_at.astimezone(ctx.config.tz).date()
