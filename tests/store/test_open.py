"""Opening the store: URLs, the data-dir default, and what a wrong setting says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from agent.errors import ConfigError
from agent.store import Store, StoreUnavailable
from agent.store.engine import normalise_url


def test_data_dir_default_is_a_sqlite_file(tmp_path: Path) -> None:
    with Store.open(data_dir=tmp_path / "data") as store:
        assert store.backend == "sqlite"
        store.add_patient(mrn="1", first_name="A", last_name="B", date_of_birth=date(2000, 1, 1))
    assert (tmp_path / "data" / "careline.sqlite3").is_file()
    with Store.open(data_dir=tmp_path / "data") as again:
        assert len(again.patients_by_dob(date(2000, 1, 1))) == 1


def test_postgresql_urls_use_psycopg_3() -> None:
    for url in ("postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg2://u@h/db"):
        assert normalise_url(url).drivername == "postgresql+psycopg"


def test_bad_settings_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Store.open()
    with pytest.raises(ConfigError, match="in-memory"):
        Store.open("sqlite://")
    with pytest.raises(ConfigError, match="unsupported"):
        Store.open("mysql://u@h/db")


def test_unreachable_server_is_store_unavailable_without_the_password() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Store.open("postgresql://careline:s3cret@127.0.0.1:1/careline")
    assert caught.value.retryable
    assert "s3cret" not in str(caught.value) and "127.0.0.1:1" in str(caught.value)
