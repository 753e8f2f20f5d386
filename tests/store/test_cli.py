"""``python -m agent.store``: upgrade, demo seeding, imports and export from a shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.store import Store
from agent.store.__main__ import main, run


def test_upgrade_then_seed_then_export(
    empty_store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["upgrade", "--url", empty_store_url]) == 0
    assert "schema empty -> 0002" in capsys.readouterr().out
    assert run(["upgrade", "--url", empty_store_url]) == 0
    assert "schema 0002 -> 0002" in capsys.readouterr().out
    assert run(["seed-demo", "--url", empty_store_url, "--today", "2031-06-04"]) == 0
    out = tmp_path / "demo.ics"
    assert (
        run(
            [
                "export-ical",
                str(out),
                "--url",
                empty_store_url,
                "--start",
                "2031-06-01",
                "--end",
                "2031-07-01",
            ]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_import_exit_status_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "p.csv"
    csv.write_text(
        "mrn,first_name,last_name,date_of_birth\nP-1,Zoë,Núñez,1990-07-21\nP-2,A,B,1990-02-30\n"
    )
    assert run(["import-patients", str(csv), "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "1 patients added" in out and "line 3, column 'date_of_birth'" in out
    assert "Zoë" not in out and "1990-02-30" not in out
    with Store.open(data_dir=tmp_path) as store:
        assert store.patients_by_name("nunez")


def test_setup_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CARELINE_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main(["upgrade"])
    assert exit_.value.code == 2 and "--url or --data-dir" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["upgrade", "--url", "mysql://x/y"])
    assert exit_.value.code == 2 and "unsupported database" in capsys.readouterr().err
