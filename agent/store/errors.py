"""What the store raises, under careline's one root (``agent.errors.CarelineError``).

::

    StoreError                  anything the database module refuses or cannot do
    ├── StoreUnavailable        the database cannot be reached or answered oddly (retryable)
    ├── NotFound                no such patient / slot / appointment / call -- or not this
    │                           patient's: the caller is not told which, so ids cannot be probed
    ├── InvalidRequest          the request contradicts the data (wrong appointment type, ...)
    ├── Conflict                a unique rule in the database said no
    │   └── SlotTaken           another booking holds the slot: offer the caller another one
    └── ImportFormatError       a CSV file is unusable as a whole (also an ``InputError``)

Messages never carry patient data: database driver errors (whose text can include the bound
parameters, i.e. names and dates of birth) are wrapped, never passed on verbatim.
"""

from __future__ import annotations

from agent.errors import CarelineError, InputError


class StoreError(CarelineError):
    pass


class StoreUnavailable(StoreError):
    retryable = True


class NotFound(StoreError):
    pass


class InvalidRequest(StoreError):
    pass


class Conflict(StoreError):
    pass


class SlotTaken(Conflict):
    """Another call booked the slot between our offer and the caller's yes."""

    def __init__(self, slot_id: int) -> None:
        super().__init__(f"slot {slot_id} is already booked")
        self.slot_id = slot_id


class ImportFormatError(StoreError, InputError):
    pass
