"""The transfer queue's rules, driven with a fake clock: priority, skills, offers and their ends."""

from __future__ import annotations

import pytest

from handoff.queue import (
    CallLeft,
    Connected,
    OfferEnded,
    OfferMade,
    QueueError,
    TransferQueue,
    Urgency,
    urgency_for,
)


def drain(q: TransferQueue) -> list[object]:
    out = []
    while (e := q.next_event()) is not None:
        out.append(e)
    return out


def offers(events: list[object]) -> list[OfferMade]:
    return [e for e in events if isinstance(e, OfferMade)]


def test_urgency_from_triage_level() -> None:
    assert urgency_for("emergency") < urgency_for("urgent") < urgency_for("routine")
    assert urgency_for(None) == urgency_for("self_care") == Urgency.OTHER


def test_an_urgent_call_is_offered_before_a_routine_one_that_waited_longer() -> None:
    q = TransferQueue()
    q.sign_in("nina", {"nurse"}, 0)
    q.enqueue("routine-call", "nurse", Urgency.ROUTINE, {}, 1)
    q.enqueue("urgent-call", "nurse", Urgency.URGENT, {}, 5)
    q.enqueue("emergency-call", "nurse", Urgency.EMERGENCY, {}, 9)
    assert q.position("emergency-call") == 1 and q.position("routine-call") == 3
    drain(q)
    q.set_available("nina", 10)
    (made,) = offers(drain(q))
    assert made.call.call_id == "emergency-call"
    q.accept("nina", made.offer.offer_id, 11)
    q.call_finished("nina", 20)
    q.set_available("nina", 21)
    (made,) = offers(drain(q))
    assert made.call.call_id == "urgent-call"


def test_the_longest_idle_agent_is_rung_and_skills_route() -> None:
    q = TransferQueue()
    q.sign_in("bill", {"billing"}, 0)
    q.sign_in("nina", {"nurse"}, 0)
    q.sign_in("ned", {"nurse"}, 0)
    q.set_available("ned", 1)
    q.set_available("nina", 2)
    q.set_available("bill", 0.5)
    q.enqueue("c1", "nurse", Urgency.URGENT, {"why": "x"}, 3)
    (made,) = offers(drain(q))
    assert made.offer.agents == ("ned",)
    assert made.call.context == {"why": "x"}


def test_a_general_agent_takes_a_skill_nobody_signed_in_holds() -> None:
    q = TransferQueue()
    q.sign_in("gen", {"general"}, 0)
    q.set_available("gen", 0)
    q.enqueue("c1", "billing", Urgency.OTHER, {}, 1)
    (made,) = offers(drain(q))
    assert made.offer.agents == ("gen",)


def test_declined_then_offered_to_the_next_agent_then_no_agents() -> None:
    q = TransferQueue()
    for name in ("a", "b"):
        q.sign_in(name, {"scheduling"}, 0)
        q.set_available(name, 0)
    q.enqueue("c1", "scheduling", Urgency.OTHER, {}, 1)
    (first,) = offers(drain(q))
    q.decline(first.offer.agents[0], first.offer.offer_id, 2)
    events = drain(q)
    (second,) = offers(events)
    assert second.offer.agents != first.offer.agents
    assert any(isinstance(e, OfferEnded) and e.reason == "declined" for e in events)
    q.decline(second.offer.agents[0], second.offer.offer_id, 3)
    (left,) = [e for e in drain(q) if isinstance(e, CallLeft)]
    assert left.reason == "no_agents"
    assert [h["reason"] for h in left.history] == ["declined", "declined"]
    assert q.counters["no_agents"] == 1 and not q.waiting


def test_an_offer_that_rings_out_times_out_and_moves_on() -> None:
    q = TransferQueue(offer_timeout=15)
    for name in ("a", "b"):
        q.sign_in(name, {"nurse"}, 0)
        q.set_available(name, 0)
    q.enqueue("c1", "nurse", Urgency.URGENT, {}, 1)
    (first,) = offers(drain(q))
    assert q.get_timer() == 16
    q.handle_timer(15.9)
    assert not drain(q)
    q.handle_timer(16)
    events = drain(q)
    assert [e.reason for e in events if isinstance(e, OfferEnded)] == ["timeout"]
    (second,) = offers(events)
    assert second.offer.agents != first.offer.agents
    assert q.agents[first.offer.agents[0]].status == "away"  # not rung again until they say so


def test_an_agent_whose_browser_drops_mid_offer() -> None:
    q = TransferQueue()
    q.sign_in("a", {"nurse"}, 0)
    q.set_available("a", 0)
    q.enqueue("c1", "nurse", Urgency.URGENT, {}, 1)
    drain(q)
    q.sign_out("a", 2, dropped=True)
    events = drain(q)
    assert [e.reason for e in events if isinstance(e, OfferEnded)] == ["agent_disconnected"]
    (left,) = [e for e in events if isinstance(e, CallLeft)]
    assert left.reason == "no_agents" and left.history[0]["reason"] == "agent_disconnected"


def test_nobody_signed_in_is_no_agents_at_once() -> None:
    q = TransferQueue()
    q.enqueue("c1", "nurse", Urgency.EMERGENCY, {}, 0)
    (left,) = drain(q)
    assert isinstance(left, CallLeft) and left.reason == "no_agents"


def test_busy_agents_keep_the_call_waiting() -> None:
    q = TransferQueue()
    q.sign_in("a", {"nurse"}, 0)  # signed in but away: the call waits for them
    q.enqueue("c1", "nurse", Urgency.URGENT, {}, 0)
    assert not drain(q) and q.position("c1") == 1
    q.set_available("a", 30)
    assert offers(drain(q))[0].call.call_id == "c1"


def test_a_caller_who_hangs_up_while_ringing_is_abandoned_and_the_agent_freed() -> None:
    q = TransferQueue()
    q.sign_in("a", {"nurse"}, 0)
    q.set_available("a", 0)
    q.enqueue("c1", "nurse", Urgency.URGENT, {}, 1)
    q.enqueue("c2", "nurse", Urgency.ROUTINE, {}, 2)
    (made,) = offers(drain(q))
    q.caller_hung_up("c1", 3)
    events = drain(q)
    assert [type(e) for e in events] == [OfferEnded, CallLeft, OfferMade]
    assert events[1].reason == "caller_hung_up"  # type: ignore[attr-defined]
    assert q.counters["abandoned"] == 1
    with pytest.raises(QueueError) as err:
        q.accept("a", made.offer.offer_id, 4)
    assert err.value.code == "offer_gone"


def test_ring_all_exactly_one_accept_wins_and_a_replay_is_refused() -> None:
    q = TransferQueue(ring_all=True)
    for name in ("a", "b", "c"):
        q.sign_in(name, {"nurse"}, 0)
        q.set_available(name, 0)
    q.enqueue("c1", "nurse", Urgency.URGENT, {}, 1)
    (made,) = offers(drain(q))
    assert set(made.offer.agents) == {"a", "b", "c"}
    done = q.accept("b", made.offer.offer_id, 2)
    assert isinstance(done, Connected) and done.agent_id == "b"
    for loser in ("a", "b"):
        with pytest.raises(QueueError) as err:
            q.accept(loser, made.offer.offer_id, 2)
        assert err.value.code == "offer_gone"
    events = drain(q)
    assert sorted(e.agent_id for e in events if isinstance(e, OfferEnded)) == ["a", "c"]
    assert q.agents["a"].status == "available" and q.agents["b"].status == "on_call"


def test_an_offer_cannot_be_accepted_by_someone_it_was_not_made_to() -> None:
    q = TransferQueue()
    for name in ("a", "b"):
        q.sign_in(name, {"nurse"}, 0)
    q.set_available("a", 0)
    q.enqueue("c1", "nurse", Urgency.URGENT, {}, 1)
    (made,) = offers(drain(q))
    with pytest.raises(QueueError) as err:
        q.accept("b", made.offer.offer_id, 2)
    assert err.value.code == "not_yours"
    with pytest.raises(QueueError):
        q.accept("nobody", made.offer.offer_id, 2)
    with pytest.raises(QueueError):
        q.enqueue("c1", "nurse", Urgency.URGENT, {}, 3)


def test_snapshot_has_no_context() -> None:
    q = TransferQueue()
    q.sign_in("a", {"nurse"}, 0)
    q.enqueue("c1", "nurse", Urgency.URGENT, {"caller": "Jane Doe"}, 1)
    snap = q.snapshot(4)
    assert snap["waiting"][0]["urgency"] == "urgent" and snap["waiting"][0]["waited_s"] == 3
    assert "Jane" not in repr(snap)


def test_a_named_agent_is_offered_the_call_first_then_the_skill() -> None:
    q = TransferQueue()
    for name in ("a", "b", "c"):
        q.sign_in(name, {"nurse"}, 0)
        q.set_available(name, {"a": 0, "b": 1, "c": 2}[name])
    q.enqueue("c1", "nurse", Urgency.URGENT, {}, 5, agent="c")  # not the longest idle
    (made,) = offers(drain(q))
    assert made.offer.agents == ("c",)
    q.decline("c", made.offer.offer_id, 6)
    (again,) = offers(drain(q))
    assert again.offer.agents == ("a",)  # c let it go: anyone with the skill
    q.enqueue("c2", "nurse", Urgency.URGENT, {}, 7, agent="nobody")  # unknown: the skill
    (third,) = offers(drain(q))
    assert third.offer.agents == ("b",)
    assert q.waiting["c2"].history[0]["reason"] == "named_agent_unavailable"
