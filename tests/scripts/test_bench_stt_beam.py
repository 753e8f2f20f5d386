"""scripts/bench_stt_beam.py: its length bands and summary, and a clear error without a corpus."""

from __future__ import annotations

import pytest

from scripts import bench_stt_beam


def _row(kind: str, file: str, seconds: float, greedy: float, beam: float) -> dict:
    def mode(wer: float, ms: float) -> dict:
        return {"text": "", "ms": ms, "wer": wer, "wer_once": wer / 2}

    return {"kind": kind, "file": file, "seconds": seconds,
            "greedy": mode(greedy, 200.0), "beam": mode(beam, 260.0)}  # fmt: skip


def test_turns_are_banded_by_length_and_the_real_recordings_by_line() -> None:
    assert bench_stt_beam.band_of(_row("corpus", "a/01.wav", 1.2, 0, 0)) == "corpus 0-2.5 s"
    assert bench_stt_beam.band_of(_row("corpus", "a/02.wav", 3.0, 0, 0)) == "corpus 2.5-4 s"
    assert bench_stt_beam.band_of(_row("corpus", "a/03.wav", 4.4, 0, 0)) == "corpus 4 s and over"
    assert bench_stt_beam.band_of(_row("real", "phone/x.wav", 2.0, 0, 0)) == "real, phone"
    assert bench_stt_beam.band_of(_row("real", "x.wav", 2.0, 0, 0)) == "real, clean"


def test_the_summary_averages_wer_and_takes_the_median_time_per_band() -> None:
    rows = [_row("corpus", "a.wav", 1.0, 0.5, 0.0), _row("corpus", "b.wav", 2.0, 0.1, 0.2)]
    fig = bench_stt_beam.summarise(rows)["corpus 0-2.5 s"]
    assert fig == {
        "n": 2, "greedy_wer": 0.3, "greedy_once_wer": 0.15, "greedy_ms": 200,
        "beam_wer": 0.1, "beam_once_wer": 0.05, "beam_ms": 260,
    }  # fmt: skip


def test_a_missing_corpus_is_a_clear_error(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        bench_stt_beam.main(["--corpus", str(tmp_path)])
    assert stop.value.code == 2
    assert "make_corpus.py" in capsys.readouterr().err
