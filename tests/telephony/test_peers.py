"""Each real peer works alone on loopback: sipp, baresip, kamailio (and our digest with them)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from telephony.sip.digest import (
    DigestCredentials,
    DigestVerifier,
    authorization,
    choose_challenge,
)
from tests.telephony.peers import (
    LOOPBACK,
    Baresip,
    Kamailio,
    LoopbackUdp,
    Peer,
    PeerProcessError,
    Sipp,
    free_port,
    wav_info,
    write_tone_wav,
)

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------------- scenarios (sipp XML)

REGISTER_XML = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="register with digest">
  <send retrans="500"><![CDATA[

      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      From: <sip:USER@[remote_ip]:[remote_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:USER@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 REGISTER
      Contact: <sip:USER@[local_ip]:CONTACT_PORT>
      Expires: 60
      Content-Length: 0

  ]]></send>
  <recv response="401" auth="true"/>
  <send retrans="500"><![CDATA[

      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      From: <sip:USER@[remote_ip]:[remote_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:USER@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 2 REGISTER
      Contact: <sip:USER@[local_ip]:CONTACT_PORT>
      Expires: 60
      [authentication username=USER password=PASSWORD]
      Content-Length: 0

  ]]></send>
  <recv response="200"/>
</scenario>
"""


def register_xml(user: str, password: str, contact_port: int) -> str:
    return (
        REGISTER_XML.replace("USER", user)
        .replace("PASSWORD", password)
        .replace("CONTACT_PORT", str(contact_port))
    )


_SDP = """
      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000
"""

# The built-in uas does not copy Record-Route into its answers and lingers 4 s at the end.
UAS_VIA_PROXY_XML = f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uas behind a record-routing proxy">
  <recv request="INVITE" crlf="true"/>
  <send retrans="500"><![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_Record-Route:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
      Content-Type: application/sdp
      Content-Length: [len]
{_SDP}
  ]]></send>
  <recv request="ACK" crlf="true"/>
  <recv request="BYE"/>
  <send><![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

  ]]></send>
  <timewait milliseconds="300"/>
</scenario>
"""

# The built-in uac sends ACK and BYE to the proxy's address without Route: keep the route set.
UAC_VIA_PROXY_XML = f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac through a record-routing proxy">
  <send retrans="500"><![CDATA[

      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:sipp@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]
{_SDP}
  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true"/>
  <send><![CDATA[

      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      [routes]
      From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <pause milliseconds="100"/>
  <send retrans="500"><![CDATA[

      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      [routes]
      From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <recv response="200" crlf="true"/>
</scenario>
"""

BUSY_UAS_XML = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="always busy">
  <recv request="INVITE"/>
  <send><![CDATA[

      SIP/2.0 486 Busy Here
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

  ]]></send>
  <recv request="ACK"/>
</scenario>
"""


# ---------------------------------------------------------------------------- the harness


def test_free_port_is_bindable() -> None:
    import socket

    for kind, sock_type in (("udp", socket.SOCK_DGRAM), ("tcp", socket.SOCK_STREAM)):
        port = free_port(kind)  # type: ignore[arg-type]
        with socket.socket(socket.AF_INET, sock_type) as sock:
            sock.bind((LOOPBACK, port))
    port = free_port("both", span=2)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp,
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tls,
    ):
        udp.bind((LOOPBACK, port))
        tcp.bind((LOOPBACK, port))
        tls.bind((LOOPBACK, port + 1))


class Shell(Peer):
    name = "shell"
    grace = 0.5

    def __init__(self, script: str, workdir: Path, lifetime: float = 10.0) -> None:
        super().__init__(workdir, lifetime=lifetime)
        self.script = script

    def command(self) -> list[str]:
        return ["sh", "-c", self.script]


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for init to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_peer_stops_its_process_and_what_it_forked(tmp_path: Path) -> None:
    # Ignores SIGTERM and leaves a child behind: SIGKILL to its group takes both.
    stubborn = Shell("trap '' TERM; sleep 30 & echo $! > child; echo started; wait", tmp_path)
    with stubborn:
        deadline = time.monotonic() + 5
        while not (stubborn.workdir / "child").exists() or "started" not in stubborn.output():
            assert time.monotonic() < deadline
            time.sleep(0.02)
        child = int((stubborn.workdir / "child").read_text())
        assert _alive(child)
    assert stubborn.returncode == -9
    assert not _alive(child)
    assert "started" in stubborn.stdout_path.read_text()


def test_peer_lifetime_is_bounded(tmp_path: Path) -> None:
    started = time.monotonic()
    with Shell("sleep 30", tmp_path, lifetime=0.5) as sleeper:
        assert sleeper.wait(5) == -15
        assert sleeper.expired
    assert time.monotonic() - started < 4
    with Shell("exit 3", tmp_path) as quick:
        assert quick.wait(5) == 3
    with Shell("sleep 30", tmp_path) as slow, pytest.raises(PeerProcessError):
        slow.wait(0.2)


# ----------------------------------------------------------------------------------- sipp


def test_sipp_uac_calls_sipp_uas(tmp_path: Path) -> None:
    with Sipp("uas", workdir=tmp_path, timeout=15) as uas:
        uac = Sipp("uac", uas.address, workdir=tmp_path).run()
        served = uas.result()
    assert uac.ok, uac
    assert (uac.successful, uac.failed) == (1, 0)
    assert served.ok and served.successful == 1, served
    assert "INVITE sip:service@" in (uas.workdir / "messages.log").read_text()


def test_sipp_xml_scenario_and_a_failed_call(tmp_path: Path) -> None:
    with Sipp(BUSY_UAS_XML, workdir=tmp_path) as uas:
        uac = Sipp("uac", uas.address, workdir=tmp_path).run()
        assert uas.result().ok
    assert uac.returncode == 1 and (uac.successful, uac.failed) == (0, 1)
    assert uac.stats["FailedUnexpectedMessage(C)"] == "1"
    assert "486" in uac.errors
    with pytest.raises(ValueError):
        Sipp("uac", "192.0.2.1:5060", workdir=tmp_path)


# -------------------------------------------------------------------------------- baresip


@pytest.fixture
def caller_wav(tmp_path: Path) -> Path:
    return write_tone_wav(tmp_path / "caller.wav", seconds=8.0, frequency=440.0)


@pytest.fixture
def callee_wav(tmp_path: Path) -> Path:
    return write_tone_wav(tmp_path / "callee.wav", seconds=8.0, frequency=1000.0)


def _assert_heard(phone: Baresip) -> None:
    [received] = phone.recordings("dec")
    info = wav_info(received)
    assert info.rate == 8000 and info.seconds > 0.5, info
    assert info.rms > 2000, f"{received} is silent: {info}"


def test_baresip_calls_sipp_uas(tmp_path: Path, caller_wav: Path) -> None:
    # sipp echoes the RTP it gets, so baresip records its own tone coming back.
    with (
        Sipp("uas", workdir=tmp_path, rtp_echo=True, timeout=20) as uas,
        Baresip("caller", wav=caller_wav, workdir=tmp_path) as phone,
    ):
        established = phone.dial(f"sip:careline@{uas.address}")
        assert established is not None and established["direction"] == "outgoing"
        time.sleep(1.5)
        phone.hangup()
        phone.wait_event("CALL_CLOSED")
        served = uas.result()
    assert served.ok, f"{served}\n{uas.describe()}"
    _assert_heard(phone)


def test_two_baresips_call_and_send_dtmf(
    tmp_path: Path, caller_wav: Path, callee_wav: Path
) -> None:
    with (
        Baresip("callee", wav=callee_wav, workdir=tmp_path, answer_auto=True) as callee,
        Baresip("caller", wav=caller_wav, workdir=tmp_path) as caller,
    ):
        caller.dial(callee.uri)
        incoming = callee.wait_event("CALL_ESTABLISHED")
        assert incoming["direction"] == "incoming"
        caller.send_dtmf("5#")
        digits = [callee.wait_event("CALL_DTMF_START")["param"] for _ in range(2)]
        assert digits == ["5", "#"]
        time.sleep(1.0)
        caller.hangup()
        callee.wait_event("CALL_CLOSED")
    _assert_heard(caller)
    _assert_heard(callee)


# ------------------------------------------------------------------------------- kamailio


def test_kamailio_registers_and_routes_a_call(tmp_path: Path) -> None:
    uas_port = free_port("udp")
    with Kamailio({"alice": "secret"}, workdir=tmp_path) as proxy:
        wrong = Sipp(register_xml("alice", "wrong", uas_port), proxy.address, workdir=tmp_path)
        assert wrong.run().failed == 1
        registered = Sipp(
            register_xml("alice", "secret", uas_port), proxy.address, workdir=tmp_path
        ).run()
        assert registered.ok, registered
        with Sipp(UAS_VIA_PROXY_XML, port=uas_port, workdir=tmp_path) as uas:
            caller = Sipp(UAC_VIA_PROXY_XML, proxy.address, service="alice", workdir=tmp_path)
            call = caller.run()
            served = uas.result()
        nobody = Sipp("uac", proxy.address, service="bob", workdir=tmp_path).run()
    assert call.ok, f"{call}\n{proxy.describe()}"
    assert served.ok, served
    # The ACK and BYE went back through the proxy, as its Record-Route asked.
    sent = (caller.workdir / "messages.log").read_text().split("UDP message sent")
    [bye] = [block for block in sent if f"BYE sip:{LOOPBACK}:{uas_port}" in block]
    assert f"Route: <sip:{proxy.address};lr" in bye
    assert "SIP/2.0 404" in (nobody_log := _messages(tmp_path, "bob")), nobody_log
    assert not nobody.ok


def _messages(tmp_path: Path, needle: str) -> str:
    for log in tmp_path.glob("sipp-*/messages.log"):
        text = log.read_text()
        if f"sip:{needle}@" in text:
            return text
    return ""


def _register(user: str, port: int, local: int, cseq: int, extra: str = "") -> str:
    return (
        f"REGISTER sip:{LOOPBACK}:{port} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP {LOOPBACK}:{local};branch=z9hG4bK-careline-{cseq}\r\n"
        "Max-Forwards: 70\r\n"
        f"From: <sip:{user}@{LOOPBACK}:{port}>;tag=careline\r\n"
        f"To: <sip:{user}@{LOOPBACK}:{port}>\r\n"
        "Call-ID: careline-digest-test\r\n"
        f"CSeq: {cseq} REGISTER\r\n"
        f"Contact: <sip:{user}@{LOOPBACK}:{local}>\r\n"
        "Expires: 60\r\n"
        f"{extra}"
        "Content-Length: 0\r\n\r\n"
    )


def _header_values(message: str, name: str) -> list[str]:
    prefix = name.lower() + ":"
    return [
        line.split(":", 1)[1].strip()
        for line in message.split("\r\n")
        if line.lower().startswith(prefix)
    ]


@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256"])
def test_our_digest_registers_with_kamailio(tmp_path: Path, algorithm: str) -> None:
    with Kamailio({"alice": "secret"}, workdir=tmp_path, algorithm=algorithm) as proxy:  # type: ignore[arg-type]
        with LoopbackUdp() as udp:
            udp.send(_register("alice", proxy.port, udp.port, 1), proxy.port)
            reply = (udp.recv(5.0) or b"").decode()
            assert reply.startswith("SIP/2.0 401"), reply
            challenge = choose_challenge(_header_values(reply, "WWW-Authenticate"))
            assert challenge.algorithm.value == algorithm and challenge.qop == ("auth",)
            uri = f"sip:{LOOPBACK}:{proxy.port}"
            value = authorization(challenge, DigestCredentials("alice", "secret"), "REGISTER", uri)
            udp.send(
                _register("alice", proxy.port, udp.port, 2, f"Authorization: {value}\r\n"),
                proxy.port,
            )
            reply = (udp.recv(5.0) or b"").decode()
    assert reply.startswith("SIP/2.0 200"), f"{reply}\n{proxy.describe()}"
    assert f"<sip:alice@{LOOPBACK}:{udp.port}>;expires=60" in reply


def _answer(request: str, status: str, extra: str = "") -> bytes:
    keep = ("via:", "from:", "to:", "call-id:", "cseq:")
    headers = [line for line in request.split("\r\n") if line.lower().startswith(keep)]
    headers = [h + ";tag=verifier" if h.lower().startswith("to:") else h for h in headers]
    return (
        "\r\n".join([f"SIP/2.0 {status}", *headers]) + extra + "\r\nContent-Length: 0\r\n\r\n"
    ).encode()


def test_sipp_registers_with_our_digest_verifier(tmp_path: Path) -> None:
    verifier = DigestVerifier("careline.test", {"alice": "secret"}, nonce_factory=lambda: "n-1")
    verdicts: list[str] = []

    def registrar(udp: LoopbackUdp) -> None:
        deadline = time.monotonic() + 10
        while len(verdicts) < 1 and time.monotonic() < deadline:
            got = udp.recv_from(0.2)
            if got is None:
                continue
            data, port = got
            request = data.decode()
            [value] = _header_values(request, "Authorization") or [""]
            if not value:
                challenge = verifier.challenge(time.monotonic())
                udp.send(
                    _answer(request, "401 Unauthorized", f"\r\nWWW-Authenticate: {challenge}"), port
                )
                continue
            result = verifier.verify(
                value, method="REGISTER", now=time.monotonic(), uri=request.split()[1]
            )
            verdicts.append(result.verdict.value)
            udp.send(_answer(request, "200 OK" if result.ok else "403 Forbidden"), port)

    with LoopbackUdp() as udp:
        server = threading.Thread(target=registrar, args=(udp,), name="digest-registrar")
        server.start()
        try:
            result = Sipp(
                register_xml("alice", "secret", 5999), f"{LOOPBACK}:{udp.port}", workdir=tmp_path
            ).run()
        finally:
            server.join(15)
    assert verdicts == ["ok"]
    assert result.ok, result


def test_baresips_register_and_call_through_kamailio(
    tmp_path: Path, caller_wav: Path, callee_wav: Path
) -> None:
    users = {"alice": "wonderland", "bob": "builder"}
    with Kamailio(users, workdir=tmp_path, challenge_invite=True) as proxy:
        with (
            Baresip("alice", wav=callee_wav, workdir=tmp_path, answer_auto=True,
                    registrar=proxy.address, password="wonderland") as alice,
            Baresip("bob", wav=caller_wav, workdir=tmp_path,
                    registrar=proxy.address, password="builder") as bob,
        ):  # fmt: skip
            for phone in (alice, bob):
                deadline = time.monotonic() + 5
                while not phone.registered():
                    assert time.monotonic() < deadline, phone.describe()
                    time.sleep(0.1)
            bob.dial(proxy.uri("alice"))
            alice.wait_event("CALL_ESTABLISHED")
            time.sleep(1.0)
            bob.hangup()
            alice.wait_event("CALL_CLOSED")
    log = proxy.output()
    assert "careline: 407 for INVITE from bob" in log
    assert "careline: INVITE from bob authenticated" in log
    _assert_heard(alice)
    _assert_heard(bob)
