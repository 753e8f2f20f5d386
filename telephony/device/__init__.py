"""Legs for ``careline call``: a person at this machine's headset, or audio files standing in.

:class:`DeviceLeg` is a :class:`~telephony.leg.CallLeg` over the sound card. One duplex
PortAudio stream moves 20 ms blocks of 16 kHz mono int16; its callback runs on PortAudio's
own thread, so it never blocks and never touches asyncio except through
``loop.call_soon_threadsafe``:

* inbound, each block becomes an :class:`AudioFrame` in a bounded queue that drops its
  OLDEST frame when the call falls behind (live media: the newest audio matters), counted in
  ``dropped_frames``;
* outbound, the callback plays from a small ring of frames (``ring_frames``, 80 ms by
  default) that a task on the loop tops up from the audio source after every block. The
  source is not thread-safe, so only the loop calls it. An empty ring plays silence and
  counts an ``underrun``; ``flush_output()`` empties the ring (barge-in).

:class:`FileLeg` is the same leg over audio files, for machines with no sound card: the
caller's side is read from a file and paced on the clock, the bot's side is written to a WAV
time-aligned with the input.

Both own their media task: ``start()`` creates it, ``close()`` cancels and awaits it and
releases the device (``async with leg:`` does both). While running they turn Ctrl-C into
``LegHangup("caller_hangup")``; a second Ctrl-C falls through to the previous handler.

The code is split by responsibility, one module each:

* :mod:`telephony.device.media_leg`: what both legs share, the inbound queue and the
  owned media task with its Ctrl-C handling;
* :mod:`telephony.device.sound_card`: finding the sound devices (``--device``) and opening
  the PortAudio stream;
* :mod:`telephony.device.device_leg`: :class:`DeviceLeg`, the leg over that stream;
* :mod:`telephony.device.file_leg`: :class:`FileLeg`, the leg over audio files.

Import the public names from here; they are re-exported.
"""

from __future__ import annotations

from telephony.device.device_leg import DeviceLeg
from telephony.device.file_leg import FileLeg
from telephony.device.sound_card import (
    DeviceSpec,
    Stream,
    StreamCallback,
    StreamFactory,
    describe_devices,
    resolve_device,
    sounddevice_streams,
)

__all__ = [
    "DeviceLeg",
    "DeviceSpec",
    "FileLeg",
    "Stream",
    "StreamCallback",
    "StreamFactory",
    "describe_devices",
    "resolve_device",
    "sounddevice_streams",
]
