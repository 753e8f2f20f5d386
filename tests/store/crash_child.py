"""Run by test_crash.py as a separate process: write a little of a call, then start a booking
and freeze just before its transaction commits, waiting to be killed.

    python -m tests.store.crash_child URL READY_FILE book|reschedule CALL_ID PATIENT SLOT [APPT]

The freeze is a SQLAlchemy "commit" listener added here, in the child only: the store has no
test hooks in it.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from agent.store import Store


def main(argv: list[str]) -> None:
    url, ready, mode, call_id, patient, slot, *rest = argv
    store = Store.open(url)
    store.start_call(call_id, datetime.now(UTC), "+1 555 010 0199")
    store.call_event(call_id, "identity.verified", {"patient_id": int(patient)})
    store.update_call(call_id, patient_id=int(patient), intent="appointment", stage="booking")
    store.call_event(call_id, "booking.confirmed", {"slot_id": int(slot)})

    def freeze(_connection: Any) -> None:
        Path(ready).write_text("frozen")
        time.sleep(300)

    event.listen(store.engine, "commit", freeze)
    if mode == "book":
        store.book(int(slot), int(patient), "follow_up", call_id)
    else:
        store.reschedule(int(rest[0]), int(slot), int(patient), call_id)
    raise SystemExit("the commit went through: the freeze did not happen")


if __name__ == "__main__":
    main(sys.argv[1:])
