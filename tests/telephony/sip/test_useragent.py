"""The user-agent core and its transactions, driven by bytes and a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from telephony.sip.message import Request, Response, parse_message
from telephony.sip.transaction import T1, T2, Address, TransactionLayer, TxState
from telephony.sip.useragent import (
    CallEndedEvent,
    CallState,
    ConfirmedEvent,
    DtmfInfoEvent,
    IncomingCall,
    OfferEvent,
    Replaces,
    TransferEvent,
    UaConfig,
    UserAgent,
)

DATA = Path(__file__).parents[2] / "data" / "sip"
PEER = Address("udp", "127.0.0.1", 5062)


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


class Harness:
    """A user agent plus what it sent, with time under the test's control."""

    def __init__(self, **config: object) -> None:
        self.ua = UserAgent(UaConfig(host="127.0.0.1", port=5060, **config))  # type: ignore[arg-type]
        self.now = 100.0

    def send(self, data: bytes, source: Address = PEER) -> list[Request | Response]:
        self.ua.receive(data, source, self.now)
        return self.take()

    def take(self) -> list[Request | Response]:
        out = [parse_message(d) for d, _ in self.ua.outbox]
        self.ua.outbox.clear()
        return out

    def advance(self, seconds: float) -> list[Request | Response]:
        """Move time forward, firing every timer that falls due on the way, in order."""
        end = self.now + seconds
        while (when := self.ua.next_timer()) is not None and when <= end:
            self.now = max(self.now, when)
            self.ua.handle_timer(self.now)
        self.now = end
        return self.take()

    def event(self, kind: type) -> object:
        found = [e for e in self.ua.events if isinstance(e, kind)]
        assert found, f"no {kind.__name__} in {self.ua.events}"
        return found[-1]


def statuses(messages: list[Request | Response]) -> list[int]:
    return [m.status for m in messages if isinstance(m, Response)]


def answered_call(h: Harness, name: str = "asterisk-invite.bin") -> tuple[Request, object]:
    invite = parse_message(fixture(name))
    assert isinstance(invite, Request)
    assert statuses(h.send(fixture(name))) == [100]
    call = h.event(IncomingCall).call  # type: ignore[attr-defined]
    h.ua.answer(call, b"v=0\r\n", h.now)
    assert statuses(h.take()) == [200]
    return invite, call


def ack_for(invite: Request, to_tag: str) -> bytes:
    ack = Request(method="ACK", uri="sip:careline@127.0.0.1:5060")
    ack.headers.add("Via", "SIP/2.0/UDP 127.0.0.1:5062;rport;branch=z9hG4bKack1")
    ack.headers.add("From", invite.headers["From"])
    ack.headers.add("To", str(invite.to.with_tag(to_tag)))
    ack.headers.add("Call-ID", invite.call_id)
    ack.headers.add("CSeq", f"{invite.cseq.number} ACK")
    ack.with_length()
    return bytes(ack)


def in_dialog(
    invite: Request, to_tag: str, method: str, cseq: int, body: bytes = b"", ctype: str = ""
) -> bytes:
    req = Request(method=method, uri="sip:careline@127.0.0.1:5060")
    req.headers.add("Via", f"SIP/2.0/UDP 127.0.0.1:5062;rport;branch=z9hG4bK{method}{cseq}")
    req.headers.add("From", invite.headers["From"])
    req.headers.add("To", str(invite.to.with_tag(to_tag)))
    req.headers.add("Call-ID", invite.call_id)
    req.headers.add("CSeq", f"{cseq} {method}")
    if ctype:
        req.headers.add("Content-Type", ctype)
    req.body = body
    req.with_length()
    return bytes(req)


def test_invite_is_answered_and_200_retransmitted_until_ack() -> None:
    h = Harness()
    invite, call = answered_call(h)
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    # T1, 2T1, 4T1 ...: three retransmissions in the first 3.5 s, no more than T2 apart later
    assert statuses(h.advance(3.6)) == [200, 200, 200]
    assert statuses(h.send(ack_for(invite, tag))) == []
    assert call.state is CallState.CONFIRMED  # type: ignore[attr-defined]
    assert isinstance(h.event(ConfirmedEvent), ConfirmedEvent)
    assert statuses(h.advance(10)) == []


def test_no_ack_in_64_t1_ends_the_call_with_a_bye() -> None:
    h = Harness()
    answered_call(h)
    sent = h.advance(64 * T1 + 1)
    assert statuses(sent).count(200) >= 7
    assert {m.method for m in sent if isinstance(m, Request)} == {"BYE"}
    ended = h.event(CallEndedEvent)
    assert ended.reason == "ack_timeout"  # type: ignore[attr-defined]


def test_retransmitted_invite_gets_the_last_provisional_again() -> None:
    h = Harness()
    h.send(fixture("sipp-invite.bin"))
    call = h.event(IncomingCall).call  # type: ignore[attr-defined]
    h.ua.ring(call, h.now)
    assert statuses(h.take()) == [180]
    assert statuses(h.send(fixture("sipp-invite.bin"))) == [180]
    assert len([e for e in h.ua.events if isinstance(e, IncomingCall)]) == 1


def test_cancel_while_ringing_gives_200_and_487_and_ends_the_call() -> None:
    h = Harness()
    invite_bytes = fixture("sipp-invite.bin")
    h.send(invite_bytes)
    invite = parse_message(invite_bytes)
    cancel = Request(method="CANCEL", uri=invite.uri)  # type: ignore[attr-defined]
    for name in ("Via", "From", "To", "Call-ID"):
        cancel.headers.add(name, invite.headers[name])
    cancel.headers.add("CSeq", f"{invite.cseq.number} CANCEL")
    cancel.with_length()
    out = h.send(bytes(cancel))
    assert sorted(statuses(out)) == [200, 487]
    assert h.event(CallEndedEvent).reason == "caller_cancel"  # type: ignore[attr-defined]
    # the 487 is retransmitted (timer G) until the caller ACKs it
    assert 487 in statuses(h.advance(0.6))


def test_bye_ends_the_call_and_an_unknown_bye_gets_481() -> None:
    h = Harness()
    invite, call = answered_call(h)
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    h.send(ack_for(invite, tag))
    assert statuses(h.send(in_dialog(invite, tag, "BYE", 4712))) == [200]
    assert h.event(CallEndedEvent).reason == "caller_hangup"  # type: ignore[attr-defined]
    assert statuses(h.send(in_dialog(invite, "nosuchtag", "BYE", 4713))) == [481]


def test_our_hangup_sends_bye_with_the_dialog_fields_and_a_higher_cseq() -> None:
    h = Harness()
    invite, call = answered_call(h)
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    h.ua.hangup(call, "bot_hangup", h.now)  # type: ignore[arg-type]
    assert h.take() == []  # not before the ACK (§15)
    bye = [m for m in h.send(ack_for(invite, tag)) if isinstance(m, Request)]
    assert [m.method for m in bye] == ["BYE"]
    assert bye[0].uri == "sip:asterisk@127.0.0.1:5062"  # the caller's Contact
    assert bye[0].from_.tag == tag and bye[0].to.tag == invite.from_.tag
    assert h.event(CallEndedEvent).reason == "bot_hangup"  # type: ignore[attr-defined]
    assert "BYE" in [m.method for m in h.advance(1.1) if isinstance(m, Request)]  # timer E


def test_options_keepalive_outside_a_dialog() -> None:
    h = Harness()
    out = h.send(fixture("compact-options.bin"))
    assert statuses(out) == [200]
    assert "INVITE" in out[0].headers["Allow"]


def test_rport_and_received_tell_a_client_behind_nat_where_it_is() -> None:
    # RFC 3581: the compact OPTIONS asks with an empty rport; a NAT moved it to 127.0.0.9:40000.
    h = Harness()
    behind_nat = Address("udp", "127.0.0.9", 40000)
    h.ua.receive(fixture("compact-options.bin"), behind_nat, h.now)
    ((data, where),) = h.ua.outbox
    via = parse_message(data).vias[0]
    assert via.params["rport"] == "40000" and via.params["received"] == "127.0.0.9"
    assert where == behind_nat  # rport: answered where it came from, not where Via says


def test_received_without_rport_answers_the_source_host_at_the_via_port() -> None:
    h = Harness()  # sipp's Via says 127.0.0.1:5060 and has no rport (RFC 3261 18.2.2)
    source = Address("udp", "127.0.0.8", 31000)
    h.ua.receive(fixture("sipp-invite.bin"), source, h.now)
    data, where = h.ua.outbox[0]
    assert parse_message(data).vias[0].params["received"] == "127.0.0.8"
    assert where == Address("udp", "127.0.0.8", 5060)


def test_a_via_that_matches_its_source_is_left_alone() -> None:
    h = Harness()
    out = h.send(fixture("sipp-invite.bin"), Address("udp", "127.0.0.1", 5060))
    assert "received" not in out[0].vias[0].params


def test_static_trunk_allow_list_answers_403() -> None:
    h = Harness(allow_from=frozenset({"127.0.0.9"}))
    assert statuses(h.send(fixture("sipp-invite.bin"))) == [403]
    assert h.ua.calls == {} and h.ua.counters["forbidden"] == 1


def test_draining_refuses_new_calls_with_503() -> None:
    h = Harness()
    h.ua.accepting = False
    out = h.send(fixture("sipp-invite.bin"))
    assert statuses(out)[-1] == 503 and out[-1].headers["Retry-After"] == "30"


def test_require_of_an_unknown_extension_is_420() -> None:
    h = Harness()
    data = fixture("sipp-invite.bin").replace(b"Max-Forwards: 70", b"Require: 100rel, foo")
    out = h.send(data)
    assert statuses(out) == [420] and "foo" in out[0].headers["Unsupported"]


def test_session_interval_below_min_se_is_422() -> None:
    h = Harness()
    data = fixture("asterisk-invite.bin").replace(b"Session-Expires: 1800", b"Session-Expires: 30")
    out = h.send(data)
    assert statuses(out) == [422] and out[0].headers["Min-SE"] == "90"


def test_session_timer_the_caller_refreshes_or_we_hang_up() -> None:
    h = Harness()
    invite, call = answered_call(h, "freeswitch-invite.bin")  # Session-Expires 1800, uac
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    h.send(ack_for(invite, tag))
    assert call.refresher == "uac"  # type: ignore[attr-defined]
    # a refresh at half-time resets the clock
    h.advance(900)
    assert statuses(h.send(in_dialog(invite, tag, "UPDATE", invite.cseq.number + 1))) == [200]
    h.advance(1700)
    assert call.state is CallState.CONFIRMED  # type: ignore[attr-defined]
    sent = h.advance(200)  # no refresh for longer than the interval: BYE
    assert "BYE" in [m.method for m in sent if isinstance(m, Request)]
    assert h.event(CallEndedEvent).reason == "session_expired"  # type: ignore[attr-defined]


def test_session_timer_we_refresh_when_the_caller_cannot() -> None:
    h = Harness()
    invite, call = answered_call(h, "sipp-invite.bin")  # no timer support: we refresh
    h.send(ack_for(invite, call.dialog.local_tag))  # type: ignore[attr-defined]
    assert call.refresher == "uas"  # type: ignore[attr-defined]
    sent = h.advance(900.2)
    assert [m.method for m in sent if isinstance(m, Request)] == ["INVITE"]  # no UPDATE in Allow


def _we_refresh(h: Harness) -> tuple[Request, object]:
    """An Asterisk call whose INVITE makes us the refresher; Asterisk allows UPDATE."""
    data = fixture("asterisk-invite.bin").replace(
        b"Session-Expires: 1800", b"Session-Expires: 1800;refresher=uas"
    )
    invite = parse_message(data)
    assert isinstance(invite, Request)
    assert statuses(h.send(data)) == [100]
    call = h.event(IncomingCall).call  # type: ignore[attr-defined]
    h.ua.answer(call, b"v=0\r\n", h.now)
    (ok,) = h.take()
    assert isinstance(ok, Response) and ok.headers["Session-Expires"] == "1800;refresher=uas"
    h.send(ack_for(invite, call.dialog.local_tag))
    assert call.refresher == "uas"  # type: ignore[attr-defined]
    return invite, call


def _sent(messages: list[Request | Response], method: str) -> list[Request]:
    return [m for m in messages if isinstance(m, Request) and m.method == method]


def test_session_timer_we_refresh_with_update_every_half_interval() -> None:
    h = Harness()
    _, call = _we_refresh(h)
    start = h.now
    for i in range(3):  # an hour and a half of call: a refresh every 900 s, each answered
        assert _sent(h.advance(start + 900 * (i + 1) - 1.0 - h.now), "UPDATE") == []
        (update,) = _sent(h.advance(1.2), "UPDATE")  # no SDP needed with UPDATE (§7.4)
        assert update.headers["Session-Expires"] == "1800;refresher=uas" and not update.body
        ok = update.response(200)
        ok.headers.add("Session-Expires", "1800;refresher=uas")
        ok.with_length()
        assert h.send(bytes(ok)) == []
    assert call.state is CallState.CONFIRMED  # type: ignore[attr-defined]
    assert not [e for e in h.ua.events if isinstance(e, CallEndedEvent)]


@pytest.mark.parametrize("status", [481, 408])
def test_a_refresh_the_far_end_refuses_ends_the_call(status: int) -> None:
    # 481: the far end lost the dialog; 408: it timed out reaching whoever holds it (§10)
    h = Harness()
    _we_refresh(h)
    (update,) = _sent(h.advance(900.2), "UPDATE")
    refused = update.response(status)
    refused.with_length()
    sent = h.send(bytes(refused))
    assert len(_sent(sent, "BYE")) == 1
    assert h.event(CallEndedEvent).reason == "session_refresh_failed"  # type: ignore[attr-defined]


def test_a_refresh_nobody_answers_ends_the_call() -> None:
    h = Harness()
    _we_refresh(h)
    assert len(_sent(h.advance(900.2), "UPDATE")) == 1
    retransmits = h.advance(31.0)  # Timer E resends it over UDP; Timer F gives up at 64*T1
    assert _sent(retransmits, "UPDATE") and not _sent(retransmits, "BYE")
    assert len(_sent(h.advance(1.0), "BYE")) == 1
    assert h.event(CallEndedEvent).reason == "session_refresh_failed"  # type: ignore[attr-defined]


def test_reinvite_for_hold_is_an_offer_the_owner_answers() -> None:
    h = Harness()
    invite, call = answered_call(h)
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    h.send(ack_for(invite, tag))
    hold = b"v=0\r\nm=audio 10078 RTP/AVP 0\r\na=sendonly\r\n"
    assert statuses(h.send(in_dialog(invite, tag, "INVITE", 4712, hold, "application/sdp"))) == [
        100
    ]
    offer = h.event(OfferEvent)
    assert offer.body == hold  # type: ignore[attr-defined]
    # a second re-INVITE while the first is pending: 491 (§14.2)
    assert statuses(h.send(in_dialog(invite, tag, "INVITE", 4713, hold, "application/sdp"))) == [
        491
    ]
    h.ua.accept_offer(call, b"v=0\r\na=recvonly\r\n", h.now)  # type: ignore[arg-type]
    out = h.take()
    assert statuses(out) == [200] and out[0].body.endswith(b"recvonly\r\n")


def test_lower_cseq_in_dialog_is_500() -> None:
    h = Harness()
    invite, call = answered_call(h)
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    h.send(ack_for(invite, tag))
    assert statuses(
        h.send(in_dialog(invite, tag, "INFO", 10, b"Signal=5", "application/dtmf-relay"))
    ) == [500]


@pytest.mark.parametrize(
    ("body", "digit"), [(b"Signal=5\r\nDuration=160\r\n", "5"), (b"Signal= *\r\n", "*")]
)
def test_info_dtmf_fallback(body: bytes, digit: str) -> None:
    h = Harness()
    invite, call = answered_call(h)
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    h.send(ack_for(invite, tag))
    out = h.send(in_dialog(invite, tag, "INFO", 4712, body, "application/dtmf-relay"))
    assert statuses(out) == [200]
    assert h.event(DtmfInfoEvent).digit == digit  # type: ignore[attr-defined]


def test_malformed_request_gets_400_and_garbage_is_dropped() -> None:
    h = Harness()
    lying = fixture("sipp-invite.bin").replace(b"Content-Length:   129", b"Content-Length: 9999")
    out = h.send(lying)
    assert statuses(out) == [400] and "Warning" in out[0].headers
    assert h.send(b"\x16\x03\x01 not sip at all") == []
    assert h.ua.counters["dropped_malformed"] == 2 and h.ua.calls == {}


def test_one_bad_datagram_does_not_disturb_another_call() -> None:
    h = Harness()
    invite, call = answered_call(h)
    h.send(ack_for(invite, call.dialog.local_tag))  # type: ignore[attr-defined]
    h.send(b"INVITE sip:x SIP/2.0\r\nVia: nonsense\r\n\r\n")
    assert call.state is CallState.CONFIRMED and len(h.ua.calls) == 1  # type: ignore[attr-defined]


def test_client_non_invite_retransmits_e_and_times_out_f() -> None:
    layer = TransactionLayer()
    bye = parse_message(fixture("compact-options.bin"))
    assert isinstance(bye, Request)
    tx = layer.send_request(bye, PEER, 0.0)
    now, sends = 0.0, 1
    while (when := layer.next_timer()) is not None:
        now = when
        layer.handle_timer(now)
        sends = len(layer.outbox)
    assert now == pytest.approx(64 * T1)
    # E doubles from T1 and caps at T2: 0.5, 1, 2, 4, 4, ... until F at 32 s
    assert sends == 1 + 4 + int((64 * T1 - 7.5) // T2)
    assert tx.state is TxState.TERMINATED and layer.events


def _confirmed(h: Harness) -> tuple[Request, object, str]:
    invite, call = answered_call(h)
    tag = call.dialog.local_tag  # type: ignore[attr-defined]
    h.send(ack_for(invite, tag))
    return invite, call, tag


def test_refer_blind_transfer_completes_and_we_hang_up() -> None:
    h = Harness()
    invite, call, tag = _confirmed(h)
    h.ua.refer(call, "sip:nurses@127.0.0.1:5062", h.now)  # type: ignore[arg-type]
    (refer,) = [m for m in h.take() if isinstance(m, Request)]
    assert refer.method == "REFER" and refer.headers["Refer-To"] == "<sip:nurses@127.0.0.1:5062>"
    accepted = refer.response(202, to_tag=invite.from_.tag)
    accepted.with_length()
    h.send(bytes(accepted))
    assert h.event(TransferEvent).state == "accepted"  # type: ignore[attr-defined]
    frag = "application/sipfrag;version=2.0"
    notify = in_dialog(invite, tag, "NOTIFY", 4712, b"SIP/2.0 100 Trying\r\n", frag)
    notify = notify.replace(b"Content-Type", b"Event: refer\r\nContent-Type")
    assert statuses(h.send(notify)) == [200]
    assert h.event(TransferEvent).state == "progress"  # type: ignore[attr-defined]
    done = in_dialog(invite, tag, "NOTIFY", 4713, b"SIP/2.0 200 OK\r\n", frag)
    out = h.send(done.replace(b"Content-Type", b"Event: refer\r\nContent-Type"))
    assert statuses(out) == [200] and [m.method for m in out if isinstance(m, Request)] == ["BYE"]
    assert h.event(CallEndedEvent).reason == "transfer_completed"  # type: ignore[attr-defined]


def test_refused_refer_keeps_the_call() -> None:
    h = Harness()
    invite, call, _ = _confirmed(h)
    h.ua.refer(call, "sip:nurses@127.0.0.1", h.now)  # type: ignore[arg-type]
    (refer,) = [m for m in h.take() if isinstance(m, Request)]
    refused = refer.response(603, to_tag=invite.from_.tag)
    refused.with_length()
    h.send(bytes(refused))
    event = h.event(TransferEvent)
    assert (event.state, event.sip_status) == ("failed", 603)  # type: ignore[attr-defined]
    assert call.state is CallState.CONFIRMED  # type: ignore[attr-defined]


def test_notify_for_an_unknown_event_package_is_489() -> None:
    h = Harness()
    invite, _, tag = _confirmed(h)
    notify = in_dialog(invite, tag, "NOTIFY", 4712, b"", "")
    assert statuses(h.send(notify.replace(b"CSeq", b"Event: dialog\r\nCSeq"))) == [489]


def test_attended_transfer_names_the_dialog_it_replaces() -> None:
    h = Harness()
    _, call, _ = _confirmed(h)
    consult = Replaces("abc@pbx", to_tag="t1", from_tag="f2")
    h.ua.refer(call, "sip:nurse7@127.0.0.1:5062", h.now, replaces=consult)  # type: ignore[arg-type]
    (refer,) = [m for m in h.take() if isinstance(m, Request)]
    assert refer.headers["Refer-To"] == (
        "<sip:nurse7@127.0.0.1:5062?Replaces=abc%40pbx%3Bto-tag%3Dt1%3Bfrom-tag%3Df2>"
    )
