"""careline serve's settings: command line, then environment, then careline.toml, then defaults."""

from __future__ import annotations

import pytest

from agent.errors import ConfigError
from agent.serve_config import resolve_serve_config


def web_limit(cli: dict, env: dict, table: dict) -> int:
    config, _ = resolve_serve_config(cli, env, table, "careline.toml")
    return config.web_calls_per_minute


def test_web_calls_per_minute_defaults_to_six() -> None:
    assert web_limit({}, {}, {}) == 6


def test_web_calls_per_minute_comes_from_the_file_the_environment_or_the_command_line() -> None:
    table = {"web_calls_per_minute": 60}
    assert web_limit({}, {}, table) == 60
    env = {"CARELINE_WEB_CALLS_PER_MINUTE": "120"}
    assert web_limit({}, env, table) == 120
    assert web_limit({"web_calls_per_minute": 30}, env, table) == 30


@pytest.mark.parametrize("bad", [0, -3, "lots", 10_001, True, 2.5])
def test_a_bad_web_call_limit_names_where_it_came_from(bad: object) -> None:
    with pytest.raises(ConfigError, match=r"careline\.toml: telephony\.web_calls_per_minute"):
        web_limit({}, {}, {"web_calls_per_minute": bad})
