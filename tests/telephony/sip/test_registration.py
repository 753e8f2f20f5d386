"""Registration to a PBX: digest challenge, refresh before expiry, wrong password, backoff."""

from __future__ import annotations

from telephony.sip.digest import DigestVerifier
from telephony.sip.message import Request, Response, parse_message
from telephony.sip.registration import RegistrationConfig, RegistrationState
from telephony.sip.transaction import Address
from telephony.sip.useragent import UaConfig, UserAgent

PBX = Address("udp", "127.0.0.1", 5062)


def setup(password: str = "secret") -> tuple[UserAgent, DigestVerifier]:
    ua = UserAgent(UaConfig(host="127.0.0.1", port=5060))
    ua.register(RegistrationConfig(PBX, "127.0.0.1:5062", "careline", password, expires=300))
    verifier = DigestVerifier("pbx.test", {"careline": "secret"})
    return ua, verifier


def sent(ua: UserAgent) -> list[Request]:
    out = [parse_message(d) for d, a in ua.outbox if a == PBX]
    ua.outbox.clear()
    return [m for m in out if isinstance(m, Request)]


def answer(ua: UserAgent, request: Request, status: int, now: float, **headers: str) -> None:
    response: Response = request.response(status, to_tag="pbx1")
    for name, value in headers.items():
        response.headers.add(name.replace("_", "-"), value)
    response.with_length()
    ua.receive(bytes(response), PBX, now)


def test_register_answers_the_challenge_and_refreshes_before_expiry() -> None:
    ua, verifier = setup()
    ua.handle_timer(0.0)
    (first,) = sent(ua)
    assert first.method == "REGISTER" and first.headers["Expires"] == "300"
    answer(ua, first, 401, 0.1, WWW_Authenticate=str(verifier.challenge(0.1)))
    (second,) = sent(ua)
    assert second.call_id == first.call_id and second.cseq.number == first.cseq.number + 1
    verdict = verifier.verify(second.headers["Authorization"], method="REGISTER", now=0.2)
    assert verdict.ok
    contact = "<sip:careline@127.0.0.1:5060>;expires=120"
    answer(ua, second, 200, 0.2, Contact=contact)
    registration = ua.registrations[0]
    assert registration.state is RegistrationState.REGISTERED and registration.granted == 120
    assert registration.next_at is not None and 90 < registration.next_at <= 96.2
    ua.handle_timer(96.2)
    (refresh,) = sent(ua)
    assert refresh.method == "REGISTER" and refresh.cseq.number == second.cseq.number + 1


def test_a_wrong_password_stops_after_one_try_per_nonce() -> None:
    ua, verifier = setup(password="wrong")
    ua.handle_timer(0.0)
    (first,) = sent(ua)
    challenge = str(verifier.challenge(0.0))
    answer(ua, first, 401, 0.1, WWW_Authenticate=challenge)
    (second,) = sent(ua)
    assert not verifier.verify(second.headers["Authorization"], method="REGISTER", now=0.1).ok
    answer(ua, second, 401, 0.2, WWW_Authenticate=challenge)  # same nonce again: refused
    assert sent(ua) == []
    registration = ua.registrations[0]
    assert registration.state is RegistrationState.FAILED
    assert "refused" in registration.reason and "wrong" not in repr(registration)


def test_no_answer_retries_with_backoff() -> None:
    ua, _ = setup()
    ua.handle_timer(0.0)
    sent(ua)
    now = 0.0
    while ua.registrations[0].failures == 0:  # timer F after 32 s of retransmissions
        now = ua.next_timer() or now + 1
        ua.handle_timer(now)
    assert now == 32.0 and ua.registrations[0].next_at == 37.0
    sent(ua)
    ua.handle_timer(37.0)
    assert [m.method for m in sent(ua)] == ["REGISTER"]
