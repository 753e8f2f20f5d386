"""Real SIP peers for careline's tests: sipp, baresip and kamailio on 127.0.0.1.

Each peer is a context manager around one process (see /work/shared/PEERS.md):

* it runs in a folder of its own under the folder a test gives it (``tmp_path``), where its
  configuration, stdout and stderr (``<name>.stdout`` / ``<name>.stderr``) and recordings go;
* it has a bounded ``lifetime``: a watchdog stops it when the time is up, and it gets
  ``PR_SET_PDEATHSIG`` so it dies with the test process too;
* ``stop()`` (also on ``__exit__``) sends SIGTERM to its own pid, then SIGKILL to the process
  group it leads (kamailio forks workers), and reaps it. Nothing is ever killed by name.

Only 127.0.0.1 is used: targets elsewhere are refused, baresip's DNS server is set to loopback.
"""

from __future__ import annotations

from tests.telephony.peers.baresip import Baresip, BaresipControl, BaresipTls
from tests.telephony.peers.base import LOOPBACK, Peer, PeerProcessError, free_port
from tests.telephony.peers.kamailio import Kamailio
from tests.telephony.peers.sipp import Sipp, SippResult
from tests.telephony.peers.udp import LoopbackUdp
from tests.telephony.peers.wav import WavInfo, wav_info, write_tone_wav

__all__ = [
    "LOOPBACK",
    "Baresip",
    "BaresipControl",
    "BaresipTls",
    "Kamailio",
    "LoopbackUdp",
    "Peer",
    "PeerProcessError",
    "Sipp",
    "SippResult",
    "WavInfo",
    "free_port",
    "wav_info",
    "write_tone_wav",
]
