"""The sound card: which microphone and speaker ``--device`` means, and the duplex stream.

Device discovery and the PortAudio stream factory live here, apart from the leg, because
they are the only code that touches the ``sounddevice`` package (imported on first use):
:class:`~telephony.device.device_leg.DeviceLeg` sees only a :class:`Stream` made by a
:data:`StreamFactory`, a fake one in tests. Tests that fake the package itself patch
``_import_sounddevice`` on this module, where it is looked up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from agent.errors import ConfigError
from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE

log = logging.getLogger("careline.leg")

FILES_HINT = (
    "To talk to the agent without a sound card, use --input-file CALLER.wav "
    "(what the caller says) and --output-file BOT.wav (what the bot said)."
)

# PortAudio's stream callback: (indata, outdata, frames, time_info, status).
StreamCallback = Callable[[Any, Any, int, Any, Any], None]
DeviceSpec = int | str | tuple[int | str | None, int | str | None] | None


class Stream(Protocol):
    """What the leg needs of a ``sounddevice.RawStream`` (and what a test fake provides)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


# Called with the leg's block callback and a callback for "the stream stopped by itself".
StreamFactory = Callable[[StreamCallback, Callable[[], None]], Stream]


# -- the sound card ------------------------------------------------------------------------
def _import_sounddevice() -> Any:
    try:
        import sounddevice
    except ImportError as exc:
        raise ConfigError(
            f"the sounddevice package is not installed: pip install sounddevice. {FILES_HINT}"
        ) from exc
    except OSError as exc:  # the package is there but the PortAudio library is not
        raise ConfigError(
            f"cannot use the sound card: the PortAudio library is missing ({exc}); "
            f"install it (Debian: apt-get install libportaudio2). {FILES_HINT}"
        ) from exc
    return sounddevice


def _devices(sd: Any) -> list[dict[str, Any]]:
    out = []
    for i, dev in enumerate(sd.query_devices()):
        d = dict(dev)
        d.setdefault("index", i)
        out.append(d)
    return out


def describe_devices(devices: list[dict[str, Any]]) -> str:
    """One line per device, as an operator picks them: index, name, inputs and outputs."""
    if not devices:
        return "  (none)"
    return "\n".join(
        f"  {d['index']:>3}  {d.get('name', '?')}  "
        f"({d.get('max_input_channels', 0)} in, {d.get('max_output_channels', 0)} out)"
        for d in devices
    )


def _pick(
    devices: list[dict[str, Any]], spec: int | str | None, kind: str, default: int
) -> dict[str, Any]:
    channels = f"max_{kind}_channels"
    what = "microphone (input)" if kind == "input" else "speaker (output)"
    usable = [d for d in devices if d.get(channels, 0) > 0]

    def fail(problem: str) -> ConfigError:
        return ConfigError(
            f"{problem}. Sound devices on this machine:\n{describe_devices(devices)}\n"
            "Choose one with --device NAME|INDEX, or --device IN,OUT for a separate "
            f"microphone and speaker. {FILES_HINT}"
        )

    if isinstance(spec, str):
        spec = spec.strip()
        if spec.isdigit():
            spec = int(spec)
        elif not spec:
            spec = None
    if spec is None:
        chosen = [d for d in usable if d["index"] == default] or usable[:1]
        if not chosen:
            raise fail(f"no {what} found")
        return chosen[0]
    if isinstance(spec, int):
        found = [d for d in devices if d["index"] == spec]
        if not found:
            raise fail(f"there is no sound device {spec}")
        if found[0].get(channels, 0) <= 0:
            raise fail(f"sound device {spec} ({found[0].get('name')}) has no {what}")
        return found[0]
    needle = spec.lower()
    matches = [d for d in usable if needle in str(d.get("name", "")).lower()]
    exact = [d for d in matches if str(d.get("name", "")).lower() == needle]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise fail(f"no {what} has {spec!r} in its name")
    indexes = ", ".join(str(d["index"]) for d in matches)
    raise fail(f"{spec!r} matches several {what} devices ({indexes}); give the index")


def resolve_device(device: DeviceSpec = None, sd: Any = None) -> tuple[int, int]:
    """``--device`` as (input index, output index); a ConfigError says what is available.

    ``device`` is an index, a (part of a) name, ``"IN,OUT"`` or a pair; None takes the
    system defaults.
    """
    sd = sd if sd is not None else _import_sounddevice()
    devices = _devices(sd)
    if not devices:
        raise ConfigError(
            "PortAudio finds no sound devices on this machine: no microphone and no speaker "
            f"(a headless server, or a container without /dev/snd). {FILES_HINT}"
        )
    if isinstance(device, tuple):
        in_spec, out_spec = device
    elif isinstance(device, str) and "," in device:
        in_spec, out_spec = device.split(",", 1)
    else:
        in_spec = out_spec = device
    try:
        default_in, default_out = (int(x) for x in sd.default.device)
    except (TypeError, ValueError):
        default_in = default_out = -1
    mic = _pick(devices, in_spec, "input", default_in)
    speaker = _pick(devices, out_spec, "output", default_out)
    return int(mic["index"]), int(speaker["index"])


def sounddevice_streams(device: DeviceSpec = None, latency: float | str = "low") -> StreamFactory:
    """The real stream factory: resolve ``device`` now, open a duplex RawStream on demand.

    ``latency`` is PortAudio's (seconds, or "low"/"high"); raise it if ``xruns`` climb.
    """
    sd = _import_sounddevice()
    mic, speaker = resolve_device(device, sd)
    names = {d["index"]: d.get("name", "?") for d in _devices(sd)}
    for kind, index, check in (
        ("microphone", mic, sd.check_input_settings),
        ("speaker", speaker, sd.check_output_settings),
    ):
        try:
            check(device=index, channels=1, dtype="int16", samplerate=SAMPLE_RATE)
        except (sd.PortAudioError, ValueError) as exc:
            raise ConfigError(
                f"{kind} {index} ({names.get(index)}) cannot do 16 kHz mono 16-bit audio "
                f"({exc}); choose the 'default' or 'pulse' device, which resample"
            ) from exc

    def open_stream(callback: StreamCallback, finished: Callable[[], None]) -> Stream:
        try:
            stream: Stream = sd.RawStream(
                samplerate=SAMPLE_RATE,
                blocksize=FRAME_SAMPLES,
                device=(mic, speaker),
                channels=1,
                dtype="int16",
                latency=latency,
                callback=callback,
                finished_callback=finished,
            )
        except sd.PortAudioError as exc:
            raise ConfigError(
                f"cannot open the sound device ({names.get(mic)} -> {names.get(speaker)}): "
                f"{exc}. {FILES_HINT}"
            ) from exc
        return stream

    log.info("device leg: microphone %s, speaker %s", names.get(mic), names.get(speaker))
    return open_stream
