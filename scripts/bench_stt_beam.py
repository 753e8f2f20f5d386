#!/usr/bin/env python
"""Word error rate and decode time of final transcripts, greedy against a beam, by turn length.

    .venv/bin/python scripts/bench_stt_beam.py                 # corpus in build/corpus
    .venv/bin/python scripts/bench_stt_beam.py --beam 3 --out out/stt_beam.json

Every caller turn of the scripted-call corpus up to 4.5 s of speech is cut as the engine would
hand it to the recogniser (0.36 s before the speech, 0.12 s after), and the real recordings are
taken whole. Each is decoded twice, greedy and with ``--beam``, and scored as heard and with a
whole-transcript repeat kept once (models.whisper.say_once, which careline applies). Reported
per length band: mean WER and median decode time. This is the evidence for SHORT_PIECE_S and
SHORT_BEAM in models/whisper.py. Needs the corpus (``scripts/make_corpus.py --out DIR``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import mean, median
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BANDS = ((0.0, 2.5), (2.5, 4.0), (4.0, 99.0))
BEFORE_S, AFTER_S = 0.36, 0.12  # the turn detector's pre-roll and onset, and its tail


def band_of(row: dict[str, Any]) -> str:
    if row["kind"] == "real":
        return "real, phone" if row["file"].startswith("phone/") else "real, clean"
    lo, hi = next(b for b in BANDS if b[0] <= row["seconds"] < b[1])
    return f"corpus {lo:g}-{hi:g} s" if hi < 99 else f"corpus {lo:g} s and over"


def summarise(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per band: n, then mean WER and median ms for greedy and beam (as heard and kept once)."""
    out: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys(band_of(r) for r in rows):
        rs = [r for r in rows if band_of(r) == name]
        fig: dict[str, float] = {"n": len(rs)}
        for mode in ("greedy", "beam"):
            fig[f"{mode}_wer"] = round(mean(r[mode]["wer"] for r in rs), 3)
            fig[f"{mode}_once_wer"] = round(mean(r[mode]["wer_once"] for r in rs), 3)
            fig[f"{mode}_ms"] = round(median(r[mode]["ms"] for r in rs))
        out[name] = fig
    return out


def _turns(corpus: Path) -> list[tuple[str, str, str, Any]]:
    from agent.audio import load_audio
    from models.whisper import _to_float

    index = json.loads((corpus / "index.json").read_text())
    turns = []
    for call in index["calls"]:
        for u in call["utterances"]:
            start, end = u["speech_span"]
            if not u.get("text") or end - start > 4.5:
                continue
            audio = _to_float(load_audio(corpus / u["file"]))
            cut = audio[max(0, int((start - BEFORE_S) * 16000)) : int((end + AFTER_S) * 16000)]
            turns.append(("corpus", u["file"], u["text"], cut))
    real = corpus / "real" / "index.json"
    if real.exists():
        for clip in json.loads(real.read_text())["clips"]:
            audio = _to_float(load_audio(corpus / "real" / clip["file"]))
            turns.append(("real", clip["file"], clip["text"], audio))
    return turns


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "build" / "corpus")
    ap.add_argument("--beam", type=int, default=5, help="the beam to compare with greedy")
    ap.add_argument("--out", type=Path, default=None, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if not (args.corpus / "index.json").exists():
        ap.error(f"no corpus in {args.corpus}: make one with scripts/make_corpus.py --out DIR")
    if args.beam < 1:
        ap.error("--beam must be at least 1")

    from tqdm import tqdm

    import models.whisper as whisper
    from agent.engine import Engine, EngineConfig
    from models.wer import word_error_rate as _wer

    clinic = tempfile.mkdtemp(prefix="careline-bench-clinic-")  # the engine's demo clinic
    engine = Engine.load(EngineConfig(data_dir=clinic))
    engine.warm()
    stt = engine.stt
    assert isinstance(stt, whisper.WhisperStt), "the bench needs careline's Whisper"
    rows = []
    try:
        turns = _turns(args.corpus)
        for kind, name, truth, audio in tqdm(turns, unit="turn", desc="decoding"):
            row: dict[str, Any] = {"kind": kind, "file": name, "seconds": audio.size / 16000}
            for mode, beam in (("greedy", 1), ("beam", args.beam)):
                # The beam is forced for every length, and the repeat is scored both ways.
                with (
                    mock.patch.object(whisper, "SHORT_PIECE_S", 1e9),
                    mock.patch.object(whisper, "SHORT_BEAM", beam),
                    mock.patch.object(whisper, "say_once", lambda text: text),
                ):
                    stt.beam_size = 1
                    t0 = time.perf_counter()
                    heard = stt._decode_piece(audio, final=True, prompt=stt._prompt_text(None))
                    ms = (time.perf_counter() - t0) * 1000
                row[mode] = {
                    "text": heard.text,
                    "ms": ms,
                    "wer": _wer(truth, heard.text),
                    "wer_once": _wer(truth, whisper.say_once(heard.text)),
                }
            rows.append(row)
    finally:
        engine.close()
        shutil.rmtree(clinic, ignore_errors=True)
    figures = summarise(rows)
    print(f"{'turns':24} {'n':>4}  greedy (kept once)  ms   beam {args.beam} (kept once)  ms")
    for name, f in figures.items():
        print(
            f"{name:24} {f['n']:>4.0f}  {f['greedy_wer']:.3f} ({f['greedy_once_wer']:.3f})"
            f"  {f['greedy_ms']:>4.0f}   {f['beam_wer']:.3f} ({f['beam_once_wer']:.3f})"
            f"        {f['beam_ms']:>4.0f}"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"beam": args.beam, "bands": figures}, indent=2) + "\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
