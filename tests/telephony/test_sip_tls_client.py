"""careline opening SIP over TLS itself: registering to a PBX on 5061, the PBX's certificate
checked against the configured trust store. The registrar here is a small TLS server in the
test (Kamailio's TLS module is not in Debian's base package); careline's side is the real
user agent and transport."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

import pytest

from telephony.sip.message import Request, parse_message
from telephony.sip.registration import RegistrationConfig, RegistrationState
from telephony.sip.transaction import Address
from telephony.sip.transport import SipTransport
from telephony.sip.useragent import UaConfig, UserAgent
from tests.telephony.peers import free_port
from tests.telephony.sip_server import self_signed_certificate


class TlsRegistrar:
    """Accepts REGISTER over TLS with 200 OK and keeps what it was sent."""

    def __init__(self, cert: Path, key: Path) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(str(cert), str(key))
        self.requests: list[Request] = []
        self.port = free_port("tcp")

    async def __aenter__(self) -> TlsRegistrar:
        self.server = await asyncio.start_server(
            self._serve, "127.0.0.1", self.port, ssl=self.context
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request = parse_message(head, stream=True)
                assert isinstance(request, Request)
                self.requests.append(request)
                response = request.response(200, to_tag="reg1")
                response.headers.add("Contact", f"{request.headers.get('Contact')};expires=300")
                response.with_length()
                writer.write(bytes(response))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()


async def register_over_tls(
    registrar_port: int, client_tls: ssl.SSLContext | None, wait: float
) -> tuple[UserAgent, RegistrationState]:
    ua = UserAgent(UaConfig(host="127.0.0.1", port=free_port("both"), tls_port=5061))
    transport = SipTransport(ua, lambda event: None, client_tls=client_tls)
    await transport.start("127.0.0.1", ua.config.port)
    try:
        registrar = Address("tls", "127.0.0.1", registrar_port)
        registration = ua.register(
            RegistrationConfig(registrar, f"127.0.0.1:{registrar_port}", "careline", "pw")
        )
        transport.pump()
        for _ in range(int(wait / 0.05)):
            if registration.state is RegistrationState.REGISTERED:
                break
            await asyncio.sleep(0.05)
        return ua, registration.state
    finally:
        await transport.close()


async def test_careline_registers_over_tls_to_a_pbx_it_trusts(tmp_path: Path) -> None:
    cert, key, _ = self_signed_certificate(tmp_path / "pbx")
    trust = ssl.create_default_context(cafile=str(cert))
    async with TlsRegistrar(cert, key) as pbx:
        ua, state = await register_over_tls(pbx.port, trust, wait=5)
    assert state is RegistrationState.REGISTERED
    (register,) = pbx.requests
    assert register.method == "REGISTER"
    assert register.headers.get("Via", "").startswith("SIP/2.0/TLS ")
    # calls from this PBX should come back over TLS, to the TLS port
    assert register.headers.get("Contact") == "<sip:careline@127.0.0.1:5061;transport=tls>"
    assert ua.counters.get("connect_failed", 0) == 0


async def test_a_pbx_certificate_careline_does_not_trust_gets_nothing(tmp_path: Path) -> None:
    cert, key, _ = self_signed_certificate(tmp_path / "pbx")
    other, _, _ = self_signed_certificate(tmp_path / "someone-else")
    async with TlsRegistrar(cert, key) as pbx:
        ua, state = await register_over_tls(
            pbx.port, ssl.create_default_context(cafile=str(other)), wait=1
        )
    assert state is not RegistrationState.REGISTERED
    assert pbx.requests == []  # the REGISTER (and its password digest) never left careline
    assert ua.counters["connect_failed"] >= 1


async def test_without_a_trust_store_careline_opens_no_tls(tmp_path: Path) -> None:
    cert, key, _ = self_signed_certificate(tmp_path / "pbx")
    async with TlsRegistrar(cert, key) as pbx:
        ua, state = await register_over_tls(pbx.port, None, wait=0.5)
    assert state is not RegistrationState.REGISTERED and pbx.requests == []
    assert ua.counters["unsent_no_connection"] >= 1


@pytest.mark.parametrize(
    ("value", "transport"),
    [("careline@127.0.0.1:5061;transport=tls", "tls"), ("careline@127.0.0.1:5060", "udp"),
     ("careline@127.0.0.1:5060;transport=TCP", "tcp")],
)  # fmt: skip
def test_register_setting_names_its_transport(value: str, transport: str) -> None:
    from agent.serve_config import _registration

    config = _registration(value, {"CARELINE_SIP_PASSWORD": "pw"}, "--register")
    assert config.registrar.transport == transport


@pytest.mark.parametrize("value", ["pbx@127.0.0.1:5060;transport=sctp", "pbx@127.0.0.1:5060;lr"])
def test_an_unknown_register_transport_is_a_clear_error(value: str) -> None:
    from agent.errors import ConfigError
    from agent.serve_config import _registration

    with pytest.raises(ConfigError, match="transport=udp, tcp or tls"):
        _registration(value, {"CARELINE_SIP_PASSWORD": "pw"}, "--register")
