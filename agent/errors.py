"""careline's one exception root.

::

    CarelineError                       root; ``retryable`` says whether trying again may help
    ├── ConfigError                     a setting is missing or wrong (operator's to fix)
    ├── ModelError                      a model could not be resolved or loaded
    │   └── ModelNotInstalled           the offline package is missing; names the pip package
    ├── InputError                      bad input from outside (a file, a caller, a peer)
    │   └── AudioFormatError            unreadable, truncated or unsupported audio
    ├── CallError                       ends a call; carries ``sip_status`` and ``reason``
    │   ├── CallTimeout                 one subclass per phase (see ``phase``)
    │   └── PeerError                   the far end broke the protocol (their fault, not ours)
    └── ExpectationFailed               a replayed call did not meet its expectations file

Errors that end a call carry the SIP status to answer with and the termination reason that
goes into the call record, so the owner coroutine can close with both in one place.
"""

from __future__ import annotations


class CarelineError(Exception):
    retryable: bool = False


class ConfigError(CarelineError):
    pass


class ModelError(CarelineError):
    pass


class ModelNotInstalled(ModelError):
    def __init__(self, what: str, package: str, extra: str | None = None) -> None:
        hint = f"pip install {package}"
        if extra:
            hint += f"  (or: pip install 'careline[{extra}]')"
        super().__init__(f"{what} is not installed: {hint}")
        self.package = package


class InputError(CarelineError):
    pass


class AudioFormatError(InputError):
    pass


class CallError(CarelineError):
    sip_status: int = 500
    reason: str = "error"

    def __init__(self, message: str, *, sip_status: int | None = None, reason: str | None = None):
        super().__init__(message)
        if sip_status is not None:
            self.sip_status = sip_status
        if reason is not None:
            self.reason = reason


class CallTimeout(CallError):
    sip_status = 408
    reason = "timeout"
    retryable = True

    def __init__(self, phase: str, message: str | None = None) -> None:
        super().__init__(message or f"timed out during {phase}", reason=f"{phase}_timeout")
        self.phase = phase


class PeerError(CallError):
    sip_status = 400
    reason = "peer_error"


class ExpectationFailed(CarelineError):
    def __init__(self, failures: list[str]) -> None:
        super().__init__("; ".join(failures))
        self.failures = failures
