"""``careline init`` and ``careline db``: a clinic from nothing, and its calendar out."""

from __future__ import annotations

from pathlib import Path

from agent.cli import main
from agent.config import load_config


def test_init_writes_a_working_clinic_and_db_exports_its_calendar(tmp_path: Path, capsys) -> None:
    assert main(["init", "--dir", str(tmp_path)]) == 0
    config = load_config(tmp_path / "careline.toml")
    assert config.name and config.appointment_types and config.emergency_number == "911"
    url = config.default_database_url(tmp_path)
    assert url.startswith("sqlite:///") and (tmp_path / "careline.db").exists()
    assert main(["init", "--dir", str(tmp_path)]) == 2  # never overwrites silently
    assert "exists" in capsys.readouterr().err

    ics = tmp_path / "week.ics"
    args = ["export-ical", "--url", url, "--start", "2026-01-01", "--end", "2030-01-01", str(ics)]
    assert main(["db", *args]) == 0
    text = ics.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in text


def test_a_broken_configuration_names_the_file_and_key(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "careline.toml"
    bad.write_text('[hours]\nmonday = "9 to 5"\n')
    demo = Path(__file__).resolve().parents[2] / "scripts" / "demo" / "call.json"
    assert main(["replay", str(demo), "--config", str(bad), "--out", str(tmp_path / "r.json")]) == 2
    err = capsys.readouterr().err
    assert "careline.toml: hours.monday" in err and "HH:MM-HH:MM" in err
