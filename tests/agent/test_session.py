"""The call owner, end to end on fakes and virtual time."""

from __future__ import annotations

import json

from agent.replay.harness import replay_call
from agent.replay.script import CallerStep, CallScript
from handoff.port import AlwaysAccept
from tests.fakes import tone_renderer


def scripted(*steps: CallerStep, id: str = "t") -> CallScript:
    return CallScript(id=id, caller=list(steps))


def run(engine, book, script, **kw):
    return replay_call(engine, script, render=tone_renderer(book), **kw)


def test_greets_with_disclosure_then_routes_a_person_request(fake_engine, book):
    result = run(fake_engine, book, scripted(CallerStep(say="can I talk to a real person please")))
    rec = result.record.data
    bot = [t for t in rec["turns"] if t["speaker"] == "bot"]
    assert "automated assistant" in bot[0]["text"]
    assert rec["intent"]["name"] == "speak_to_person"
    assert rec["handoff"] == {
        "requested": True,
        "reason": "caller_request",
        "skill": "general",
        "outcome": "no_agents",
    }
    assert rec["callback_requested"] is True
    assert rec["end_reason"] == "no_agents"
    assert "no one is available" in bot[-1]["text"]


def test_one_reply_per_turn_and_latency_per_reply(fake_engine, book):
    result = run(
        fake_engine,
        book,
        scripted(
            CallerStep(say="what are your opening hours"), CallerStep(say="no that's all thanks")
        ),
    )
    rec = result.record.data
    speakers = [t["speaker"] for t in rec["turns"]]
    assert speakers == ["bot", "caller", "bot", "caller", "bot"]
    assert rec["end_reason"] == "bot_hangup"
    assert len(rec["turn_latency_ms"]) == 2
    # Endpoint 300 ms + one frame of onset: fakes cost nothing on virtual time.
    assert all(250 <= ms <= 500 for ms in rec["turn_latency_ms"]), rec["turn_latency_ms"]
    for t in rec["turns"]:
        assert 0 <= t["t_start"] <= t["t_end"] <= rec["duration_s"]


def test_transfer_accepted_ends_as_transferred(fake_engine, book):
    result = run(
        fake_engine,
        book,
        scripted(CallerStep(say="I want to speak to someone")),
        handoff=AlwaysAccept(),
    )
    assert result.record.data["end_reason"] == "transferred"
    assert result.record.data["handoff"]["outcome"] == "accepted"


def test_barge_in_stops_bot_audio_within_150_ms(fake_engine, book):
    script = scripted(CallerStep(say="I need my prescription refilled", barge_in=1.0))
    result = run(fake_engine, book, script)
    rec = result.record.data
    assert rec["barge_ins"], rec
    barge = rec["barge_ins"][0]
    assert barge["stop_latency_ms"] is not None and barge["stop_latency_ms"] <= 150
    greeting = rec["turns"][0]
    assert greeting["speaker"] == "bot" and greeting.get("interrupted") is True
    # The caller's words got exactly one reply.
    assert rec["intent"]["name"] == "refill"
    assert sum(1 for t in rec["turns"] if t["speaker"] == "caller") == 1
    # On the line: no bot audio between the stop and the caller's end of speech.
    utt = result.timeline.utterances[0]
    for start, _end in result.timeline.bot_segments:
        assert not (utt["speech_start"] + 0.15 < start < utt["speech_end"])


def test_backchannel_does_not_cancel_the_reply(fake_engine, book):
    script = scripted(CallerStep(say="mm-hm", barge_in=1.0), CallerStep(say="goodbye"))
    result = run(fake_engine, book, script)
    rec = result.record.data
    assert not rec["barge_ins"]
    greeting = rec["turns"][0]
    assert not greeting.get("interrupted")
    assert any(e["type"] == "backchannel" for e in rec["events"])
    assert rec["end_reason"] == "bot_hangup"


def test_silent_caller_is_reprompted_then_let_go(fake_engine, book):
    result = run(fake_engine, book, scripted(CallerStep(silence=40.0)))
    rec = result.record.data
    assert rec["end_reason"] == "caller_silent"
    assert sum("still there" in t["text"] for t in rec["turns"]) == 2


def test_dtmf_zero_asks_for_a_person(fake_engine, book):
    result = run(fake_engine, book, scripted(CallerStep(dtmf="0")))
    rec = result.record.data
    assert rec["intent"]["name"] == "speak_to_person"
    assert rec["handoff"]["requested"] is True
    assert [t.get("dtmf") for t in rec["turns"] if t["speaker"] == "caller"] == ["0"]


def test_caller_hangup_mid_call(fake_engine, book):
    result = run(fake_engine, book, scripted(CallerStep(hangup=True)))
    assert result.record.data["end_reason"] == "caller_hangup"


def test_replay_is_deterministic(fake_engine, book):
    script = scripted(CallerStep(say="when are you open"), CallerStep(say="that's all thanks"))
    a = run(fake_engine, book, script).record.data
    b = run(fake_engine, book, script).record.data
    for rec in (a, b):
        rec.pop("started_at")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_journal_holds_every_turn(fake_engine, book, tmp_path):
    journal = tmp_path / "call.jsonl"
    script = scripted(CallerStep(say="when are you open"), CallerStep(say="that's all thanks"))
    result = run(fake_engine, book, script, journal=journal)
    from agent.record import recover

    assert recover(journal).data == result.record.data


def test_caller_who_resumes_as_the_bot_answers_gets_one_reply_to_the_whole_thought(
    fake_engine, book
):
    script = scripted(
        CallerStep(say="okay so"),
        CallerStep(say="I need my prescription refilled", barge_in=0.3),
    )
    rec = run(fake_engine, book, script).record.data
    caller = [t for t in rec["turns"] if t["speaker"] == "caller"]
    assert [t["text"] for t in caller] == ["okay so", "I need my prescription refilled"]
    assert caller[1]["continues_turn"] == 1
    bots = [t for t in rec["turns"] if t["speaker"] == "bot"]
    # The reply to "okay so" alone was cut off; the next answers both halves as one turn,
    # planned from the state before the cut-off reply (not a second "didn't catch that").
    assert bots[1].get("interrupted") is True
    assert "prescription refill" in bots[2]["text"]
    assert rec["intent"]["name"] == "refill"


def test_a_click_over_the_bot_pauses_it_only_for_a_moment(fake_engine, book):
    """One loud frame is not a barge-in: the bot resumes and its reply is not cancelled."""
    from agent.replay.script import CallScript

    click = book.say("click", seconds=0.02)
    script = CallScript(
        id="click", caller=[CallerStep(say="click", barge_in=1.0), CallerStep(say="goodbye")]
    )
    render = lambda step: click if step.say == "click" else book.say(step.say)  # noqa: E731
    result = replay_call(fake_engine, script, render=render)
    rec = result.record.data
    assert not rec["barge_ins"]
    assert not rec["turns"][0].get("interrupted")
    assert rec["end_reason"] == "bot_hangup"


def test_partial_transcripts_are_made_only_for_a_reader(fake_engine, book):
    from agent.clock import run_virtual
    from agent.replay.harness import replay

    # A 3.6 s turn: a partial would be due every second of it.
    long_turn = scripted(CallerStep(say="I would like to book an appointment for next week"))
    run(fake_engine, book, long_turn)
    # Nobody reads partials on a phone call: none is decoded, so none can hold back the
    # final transcript when the caller stops.
    assert fake_engine.stt.calls and all(fake_engine.stt.calls)

    fake_engine.stt.calls.clear()
    heard: list[str] = []
    coro = replay(fake_engine, long_turn, render=tone_renderer(book), on_partial=heard.append)
    run_virtual(coro)
    assert False in fake_engine.stt.calls
    assert heard and heard[0] == "I would like to book an appointment for next week"
