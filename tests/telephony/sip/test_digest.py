"""Digest authentication: RFC example vectors, a real SIP exchange, tolerance, the verifier."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telephony.errors import AuthError
from telephony.sip.digest import (
    Algorithm,
    DigestChallenge,
    DigestCredentials,
    DigestResponse,
    DigestVerifier,
    Qop,
    Verdict,
    authorization,
    choose_challenge,
    compute_response,
    respond,
)

# RFC 2617 §3.5, verbatim (with its line folding).
RFC2617_CHALLENGE = """Digest
                 realm="testrealm@host.com",
                 qop="auth,auth-int",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41\""""
RFC2617_AUTHORIZATION = """Digest username="Mufasa",
                 realm="testrealm@host.com",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 uri="/dir/index.html",
                 qop=auth,
                 nc=00000001,
                 cnonce="0a4f113b",
                 response="6629fae49393a05397450978507c4ef1",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41\""""

# RFC 7616 §3.9.1: one server offering SHA-256 and MD5, answered with both.
RFC7616_SHA256 = """Digest
       realm="http-auth@example.org",
       qop="auth, auth-int",
       algorithm=SHA-256,
       nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
       opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""""
RFC7616_MD5 = RFC7616_SHA256.replace("SHA-256", "MD5")
RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
RFC7616_RESPONSES = {
    Algorithm.SHA_256: "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
    Algorithm.MD5: "8ca523f5e9506fed4657c9700eebdbec",
}

# A real SIP exchange on loopback: kamailio 5.6 challenged, sipp 3.6 answered, kamailio
# accepted (200 OK). Header values byte for byte, sipp's comma-without-space style included.
KAMAILIO_CHALLENGE = (
    'Digest realm="careline.test", nonce="awRMjmsES2Knucv4Z5ueQ8I90sZ/fU1T", qop="auth"'
)
SIPP_AUTHORIZATION = (
    'Digest username="alice",realm="careline.test",cnonce="6b8b4567",nc=00000001,qop=auth,'
    'uri="sip:127.0.0.1:25060",nonce="awRMjmsES2Knucv4Z5ueQ8I90sZ/fU1T",'
    'response="e5e7a163a865a0088deafd5fe3cf8990",algorithm=MD5'
)


def test_rfc2617_example() -> None:
    challenge = DigestChallenge.parse(RFC2617_CHALLENGE)
    assert challenge == DigestChallenge(
        realm="testrealm@host.com",
        nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
        algorithm=Algorithm.MD5,
        qop=("auth", "auth-int"),
        opaque="5ccc069c403ebaf9f0171e9517f40e41",
    )
    answer = respond(
        challenge,
        DigestCredentials("Mufasa", "Circle Of Life"),
        "GET",
        "/dir/index.html",
        cnonce="0a4f113b",
    )
    assert answer == DigestResponse.parse(RFC2617_AUTHORIZATION)
    assert answer.response == "6629fae49393a05397450978507c4ef1"


@pytest.mark.parametrize("algorithm", [Algorithm.SHA_256, Algorithm.MD5])
def test_rfc7616_examples(algorithm: Algorithm) -> None:
    challenge = DigestChallenge.parse(RFC7616_SHA256.replace("SHA-256", algorithm.value))
    assert challenge.qop == ("auth", "auth-int")
    value = authorization(
        challenge,
        DigestCredentials("Mufasa", "Circle of Life"),
        "GET",
        "/dir/index.html",
        nc=1,
        cnonce=RFC7616_CNONCE,
    )
    parsed = DigestResponse.parse(value)
    assert parsed.response == RFC7616_RESPONSES[algorithm]
    assert (parsed.qop, parsed.nc, parsed.algorithm) == (Qop.AUTH, 1, algorithm)
    assert parsed.opaque == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
    assert "nc=00000001" in value and "qop=auth," in value


def test_rfc7616_vector_adapted_to_a_sip_invite() -> None:
    # Same credentials and nonce, SIP method and Request-URI: only A2 changes.
    challenge = DigestChallenge.parse(RFC7616_SHA256)
    uri = "sip:careline@127.0.0.1:5060"
    answer = respond(challenge, DigestCredentials("Mufasa", "Circle of Life"), "INVITE", uri)
    h = Algorithm.SHA_256.hash
    ha1 = h("Mufasa:http-auth@example.org:Circle of Life")
    assert ha1 == "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232"
    expected = h(f"{ha1}:{challenge.nonce}:00000001:{answer.cnonce}:auth:{h('INVITE:' + uri)}")
    assert answer.response == expected and answer.uri == uri


def test_real_sip_exchange_kamailio_sipp() -> None:
    challenge = DigestChallenge.parse(KAMAILIO_CHALLENGE)
    sipp = DigestResponse.parse(SIPP_AUTHORIZATION)
    ours = respond(
        challenge,
        DigestCredentials("alice", "secret"),
        "REGISTER",
        "sip:127.0.0.1:25060",
        cnonce=sipp.cnonce,
    )
    assert ours == sipp


def test_tolerant_parsing() -> None:
    value = (
        "digest  REALM = careline.test ,, Nonce=abc/def=  ,qop=AUTH-INT,  algorithm=sha-256,"
        'stale=true, foo="bar, \\"baz\\"", Opaque = "", domain="sip:a sip:b",'
    )
    assert DigestChallenge.parse(value) == DigestChallenge(
        realm="careline.test",
        nonce="abc/def=",
        algorithm=Algorithm.SHA_256,
        qop=("auth-int",),
        opaque="",
        stale=True,
        domain=("sip:a", "sip:b"),
    )
    assert DigestChallenge.parse('Digest realm="r", nonce="n", stale=FALSE').stale is False
    assert DigestChallenge.parse('Digest realm="r", nonce="n", stale=maybe').stale is False
    escaped = DigestChallenge.parse('Digest realm="a\\"b\\\\c", nonce="n"')
    assert escaped.realm == 'a"b\\c'
    assert DigestChallenge.parse(str(escaped)) == escaped


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "Basic realm=x",
        "Digest",
        "Digest realm",
        'Digest realm="x',
        'Digest nonce="n"',
        'Digest realm="r"',
        'Digest realm="r", nonce="n", algorithm=SHA-1',
        'Digest realm="r", nonce="n", realm="s"',
        'Digest realm="r" nonce="n"',
        'Digest realm="r", nonce="n\r\nVia: x"',
        'Digest realm="r", nonce=',
        'Digest realm="r", =n',
        '"Digest" realm="r", nonce="n"',
        'Digest,realm="r", nonce="n"',
        'Digest realm="r", nonce="n", qop=au"th"',
    ],
)
def test_garbage_challenges_raise_auth_error(value: str) -> None:
    with pytest.raises(AuthError):
        DigestChallenge.parse(value)


@pytest.mark.parametrize(
    "value",
    [
        'Digest realm="r", nonce="n", uri="u", response="0a"',
        'Digest username="u", nonce="n", uri="u", response="0a"',
        'Digest username="u", realm="r", nonce="n", uri="u", response="xyz"',
        'Digest username="u", realm="r", nonce="n", uri="u", response="0a", qop=auth',
        'Digest username="u", realm="r", nonce="n", uri="u", response="0a", qop=auth, nc=1',
        'Digest username="u", realm="r", nonce="n", uri="u", response="0a", qop=auth-conf, '
        'nc=1, cnonce="c"',
        'Digest username="u", realm="r", nonce="n", uri="u", response="0a", qop=auth, '
        'nc=123456789, cnonce="c"',
        "Basic dXNlcjpwYXNz",
    ],
)
def test_garbage_authorizations_raise_auth_error(value: str) -> None:
    with pytest.raises(AuthError):
        DigestResponse.parse(value)


def test_every_truncation_parses_or_raises_auth_error() -> None:
    full = str(DigestChallenge.parse(RFC7616_SHA256))
    for end in range(len(full)):
        try:
            DigestChallenge.parse(full[:end])
        except AuthError:
            pass
    assert DigestChallenge.parse(full) == DigestChallenge.parse(RFC7616_SHA256)


def test_qop_choice() -> None:
    creds = DigestCredentials("u", "p")
    both = DigestChallenge(realm="r", nonce="n", qop=("auth-int", "auth"))
    assert respond(both, creds, "INVITE", "sip:x").qop is Qop.AUTH
    only_int = DigestChallenge(realm="r", nonce="n", qop=("auth-int",))
    body_a = respond(only_int, creds, "INVITE", "sip:x", b"v=0\r\n", cnonce="c")
    body_b = respond(only_int, creds, "INVITE", "sip:x", b"v=1\r\n", cnonce="c")
    assert body_a.qop is Qop.AUTH_INT and body_a.response != body_b.response
    plain = authorization(DigestChallenge(realm="r", nonce="n"), creds, "INVITE", "sip:x")
    assert "qop" not in plain and "nc=" not in plain and "cnonce" not in plain
    expected = compute_response(
        algorithm=Algorithm.MD5,
        username="u",
        realm="r",
        password="p",
        method="INVITE",
        uri="sip:x",
        nonce="n",
    )
    assert DigestResponse.parse(plain).response == expected
    with pytest.raises(AuthError):
        respond(DigestChallenge(realm="r", nonce="n", qop=("auth-conf",)), creds, "BYE", "x")


def test_sess_algorithm_sends_a_cnonce_without_qop() -> None:
    challenge = DigestChallenge(realm="r", nonce="n", algorithm=Algorithm.SHA_256_SESS)
    answer = respond(challenge, DigestCredentials("u", "p"), "REGISTER", "sip:r", cnonce="c")
    assert answer.cnonce == "c" and answer.qop is None and answer.nc is None
    ha1 = Algorithm.SHA_256.hash(Algorithm.SHA_256.hash("u:r:p") + ":n:c")
    assert answer.response == Algorithm.SHA_256.hash(
        f"{ha1}:n:{Algorithm.SHA_256.hash('REGISTER:sip:r')}"
    )


def test_choose_challenge_prefers_sha256() -> None:
    for values in itertools.permutations([RFC7616_MD5, RFC7616_SHA256, "Basic realm=x"]):
        assert choose_challenge(values).algorithm is Algorithm.SHA_256
    md5_only = [RFC7616_MD5, "Digest realm=x, nonce=y, algorithm=AKAv1-MD5", "garbage ="]
    assert choose_challenge(md5_only).algorithm is Algorithm.MD5
    assert choose_challenge(RFC7616_MD5).nonce == DigestChallenge.parse(RFC7616_MD5).nonce
    strongest = 'Digest realm="r", nonce="n", algorithm=SHA-512-256'
    assert choose_challenge([RFC7616_SHA256, strongest]).algorithm is Algorithm.SHA_512_256
    first, second = 'Digest realm="a", nonce="1"', 'Digest realm="b", nonce="2"'
    assert choose_challenge([first, second]).realm == "a"
    assert choose_challenge([first, second], realm="b").nonce == "2"
    with pytest.raises(AuthError, match="AKAv1"):
        choose_challenge(["Basic realm=x", "Digest realm=x, nonce=y, algorithm=AKAv1-MD5"])
    with pytest.raises(AuthError):
        choose_challenge([])


def test_credentials_repr_hides_the_password() -> None:
    assert "hunter2" not in repr(DigestCredentials("alice", "hunter2"))


def test_nonce_count_is_bounded() -> None:
    challenge = DigestChallenge(realm="r", nonce="n", qop=("auth",))
    for nc in (0, 2**32):
        with pytest.raises(ValueError):
            respond(challenge, DigestCredentials("u", "p"), "BYE", "sip:x", nc=nc)
    assert "nc=ffffffff" in authorization(
        challenge, DigestCredentials("u", "p"), "BYE", "sip:x", nc=0xFFFFFFFF
    )


class Nonces:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"nonce-{self.count}"


def make_verifier(**kwargs: object) -> DigestVerifier:
    return DigestVerifier("careline.test", {"alice": "secret"}, nonce_factory=Nonces(), **kwargs)  # type: ignore[arg-type]


ALICE = DigestCredentials("alice", "secret")
URI = "sip:careline.test"


def test_verifier_accepts_and_counts() -> None:
    verifier = make_verifier(opaque="op")
    challenge = verifier.challenge(now=100.0)
    assert challenge == DigestChallenge(
        realm="careline.test", nonce="nonce-1", qop=("auth",), opaque="op"
    )
    first = authorization(challenge, ALICE, "REGISTER", URI, nc=1)
    result = verifier.verify(first, method="REGISTER", now=101.0, uri=URI)
    assert result.ok and result.username == "alice"
    assert verifier.verify(first, method="REGISTER", now=102.0).verdict is Verdict.REPLAYED
    second = authorization(challenge, ALICE, "REGISTER", URI, nc=2)
    assert verifier.verify(second, method="REGISTER", now=102.0).ok


def test_verifier_rejections() -> None:
    verifier = make_verifier()
    challenge = verifier.challenge(now=0.0)

    def verdict(value: str, method: str = "INVITE", **kwargs: object) -> Verdict:
        return verifier.verify(value, method=method, now=1.0, **kwargs).verdict  # type: ignore[arg-type]

    wrong = DigestCredentials("alice", "Secret")
    assert verdict(authorization(challenge, wrong, "INVITE", URI)) is Verdict.BAD_CREDENTIALS
    mallory = DigestCredentials("mallory", "secret")
    assert verdict(authorization(challenge, mallory, "INVITE", URI)) is Verdict.BAD_CREDENTIALS
    good = authorization(challenge, ALICE, "INVITE", URI, nc=5)
    assert verdict(good, method="BYE") is Verdict.BAD_CREDENTIALS
    assert verdict(good, uri="sip:elsewhere") is Verdict.MALFORMED
    assert verdict("Digest garbage") is Verdict.MALFORMED
    other_realm = DigestChallenge(realm="evil", nonce=challenge.nonce, qop=("auth",))
    assert verdict(authorization(other_realm, ALICE, "INVITE", URI)) is Verdict.MALFORMED
    no_qop = DigestChallenge(realm="careline.test", nonce=challenge.nonce)
    assert verdict(authorization(no_qop, ALICE, "INVITE", URI)) is Verdict.MALFORMED
    sha = DigestChallenge(
        realm="careline.test", nonce=challenge.nonce, algorithm=Algorithm.SHA_256, qop=("auth",)
    )
    assert verdict(authorization(sha, ALICE, "INVITE", URI)) is Verdict.MALFORMED
    assert verdict(good, uri=URI) is Verdict.OK


def test_verifier_stale_nonces() -> None:
    verifier = make_verifier(nonce_lifetime=30.0, max_nonces=2)
    old = verifier.challenge(now=0.0)
    value = authorization(old, ALICE, "REGISTER", URI)
    assert verifier.verify(value, method="REGISTER", now=30.0).ok
    late = verifier.verify(
        authorization(old, ALICE, "REGISTER", URI, nc=2), method="REGISTER", now=31.0
    )
    assert late.stale and late.username == "alice"
    fresh = verifier.challenge(now=31.0, stale=True)
    assert fresh.stale and fresh.nonce == "nonce-2"
    assert "stale=TRUE" in str(fresh)
    # Never issued (or forgotten): a right password still only earns a fresh challenge.
    forged = DigestChallenge(realm="careline.test", nonce="nonce-99", qop=("auth",))
    assert verifier.verify(
        authorization(forged, ALICE, "REGISTER", URI), method="REGISTER", now=31.0
    ).stale
    # Only max_nonces are remembered, oldest forgotten first.
    verifier.challenge(now=32.0)
    verifier.challenge(now=33.0)
    evicted = verifier.verify(
        authorization(fresh, ALICE, "REGISTER", URI), method="REGISTER", now=34.0
    )
    assert evicted.verdict is Verdict.STALE


def test_verifier_auth_int_covers_the_body() -> None:
    verifier = make_verifier(qop=(Qop.AUTH_INT,), algorithm=Algorithm.SHA_256_SESS)
    challenge = verifier.challenge(now=0.0)
    sdp = b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n"
    value = authorization(challenge, ALICE, "INVITE", URI, sdp)
    assert verifier.verify(value, method="INVITE", now=1.0, body=sdp + b"x").verdict is (
        Verdict.BAD_CREDENTIALS
    )
    assert verifier.verify(value, method="INVITE", now=1.0, body=sdp).ok


def test_verifier_takes_a_lookup_function() -> None:
    verifier = DigestVerifier("r", lambda user: "pw" if user == "bob" else None)
    challenge = verifier.challenge(now=0.0)
    assert len(challenge.nonce) >= 24
    value = authorization(challenge, DigestCredentials("bob", "pw"), "OPTIONS", "sip:r")
    assert verifier.verify(value, method="OPTIONS", now=0.0).ok


# Text a realm, nonce or username may hold: anything printable, quotes and backslashes too.
_printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
_algorithms = st.sampled_from(list(Algorithm))
_qops = st.lists(st.sampled_from(["auth", "auth-int"]), unique=True).map(tuple)


@given(
    realm=_printable,
    nonce=_printable,
    algorithm=_algorithms,
    qop=_qops,
    opaque=st.none() | _printable,
    stale=st.booleans(),
    domain=st.lists(st.text("abcsip:/.", min_size=1, max_size=8), max_size=3).map(tuple),
)
def test_challenge_round_trip(
    realm: str,
    nonce: str,
    algorithm: Algorithm,
    qop: tuple[str, ...],
    opaque: str | None,
    stale: bool,
    domain: tuple[str, ...],
) -> None:
    challenge = DigestChallenge(realm, nonce, algorithm, qop, opaque, stale, domain)
    assert DigestChallenge.parse(str(challenge)) == challenge


@settings(max_examples=150)
@given(
    username=_printable,
    password=_printable,
    realm=_printable,
    method=st.sampled_from(["INVITE", "REGISTER", "BYE", "OPTIONS", "INFO"]),
    uri=st.text("abcdefsip:@.;=0123456789", min_size=1, max_size=40),
    body=st.binary(max_size=64),
    algorithm=_algorithms,
    qop=st.sampled_from([(), ("auth",), ("auth-int",)]),
    nc=st.integers(1, 0xFFFFFFFF),
)
def test_verifier_accepts_what_the_client_computes(
    username: str,
    password: str,
    realm: str,
    method: str,
    uri: str,
    body: bytes,
    algorithm: Algorithm,
    qop: tuple[str, ...],
    nc: int,
) -> None:
    verifier = DigestVerifier(
        realm, {username: password}, algorithm=algorithm, qop=[Qop(q) for q in qop]
    )
    challenge = DigestChallenge.parse(str(verifier.challenge(now=0.0)))
    value = authorization(challenge, DigestCredentials(username, password), method, uri, body, nc)
    response = DigestResponse.parse(value)
    assert DigestResponse.parse(str(response)) == response
    assert verifier.verify(value, method=method, now=1.0, uri=uri, body=body).ok
    wrong = authorization(challenge, DigestCredentials(username, password + "x"), method, uri)
    assert verifier.verify(wrong, method=method, now=1.0, body=body).verdict is (
        Verdict.BAD_CREDENTIALS
    )


@given(st.text(max_size=80))
def test_parsers_only_raise_auth_error(text: str) -> None:
    for parse in (DigestChallenge.parse, DigestResponse.parse):
        for value in (text, "Digest " + text):
            try:
                parse(value)
            except AuthError:
                pass
