"""The caller sipp plays in the SIP load benchmark (scripts/bench_sip_load.py).

The sipp scenario (INVITE with an A-law offer, ACK, a pause or the caller's sentence streamed
as RTP, BYE) and the sentence itself, rendered with flite and sox to the raw A-law that sipp's
``rtp_stream`` sends.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

SENTENCE = "What time do you open on Saturday?"

# The caller: INVITE with an A-law offer, ACK, wait for the greeting, speak (rtp_stream), keep
# the call up with a pause, hang up. A 200 that never comes fails the call after 10 s.
SCENARIO = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="careline load caller">
  <send retrans="500">
    <![CDATA[
INVITE sip:careline@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
From: "Load Caller" <sip:5551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:careline@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:5551230000@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [rtpstream_audio_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendrecv
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" timeout="10000"/>
  <send>
    <![CDATA[
ACK sip:careline@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
From: "Load Caller" <sip:5551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:careline@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: <sip:5551230000@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
@MEDIA@
  <send retrans="500">
    <![CDATA[
BYE sip:careline@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
From: "Load Caller" <sip:5551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:careline@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: <sip:5551230000@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
  <recv response="200" crlf="true" timeout="10000"/>
</scenario>
"""


def scenario(media: str) -> str:
    return SCENARIO.replace("@MEDIA@", media)


def talking_scenario(audio: Path, loops: int, greeting_ms: int, hold_ms: int) -> str:
    return scenario(
        f'  <pause milliseconds="{greeting_ms}"/>\n'
        f'  <nop><action><exec rtp_stream="{audio},{loops},8"/></action></nop>\n'
        f'  <pause milliseconds="{max(0, hold_ms - greeting_ms)}"/>'
    )


def caller_audio(out_dir: Path, say_every: float) -> tuple[Path, float]:
    """The caller's sentence as raw A-law (what rtp_stream sends), phone band, padded with
    silence to ``say_every`` s when it is to be repeated; and the sentence's length."""
    out_dir.mkdir(parents=True, exist_ok=True)
    raw, wav, alaw = out_dir / "tts.wav", out_dir / "caller.wav", out_dir / "caller.alaw"
    subprocess.run(["flite", "-voice", "slt", "-t", SENTENCE, "-o", str(raw)], check=True)
    subprocess.run(
        ["sox", str(raw), "-r", "8000", "-c", "1", "-b", "16", str(wav), "sinc", "300-3400"],
        check=True,
    )
    seconds = float(
        subprocess.run(["soxi", "-D", str(wav)], capture_output=True, text=True, check=True).stdout
    )
    pad = ["pad", "0", f"{max(0.0, say_every - seconds):.3f}"] if say_every > 0 else []
    subprocess.run(["sox", str(wav), "-e", "a-law", "-t", "raw", str(alaw), *pad], check=True)
    return alaw, seconds
