"""careline's one database module: SQLite file by default, PostgreSQL by URL.

::

    store = Store.open(url)                  # or Store.open(data_dir=...); migrates to head
    patients = store.patients_by_dob(dob)    # frozen dataclasses, never ORM objects
    appointment = store.book(slot.id, patient.id, "follow_up", call_id)   # or SlotTaken

Layout: ``schema`` (tables) and ``migrations`` (how a database gets there, run by
``migrate``); ``store`` (the API) returning ``records``; ``importing`` (CSV in), ``ical``
(calendar out), ``demo`` (a demo clinic), ``testing`` (a throwaway PostgreSQL and pytest
fixtures); ``python -m agent.store --help`` for the command line.
"""

from agent.store.demo import DEMO_PATIENTS, DEMO_PROVIDERS, DemoSummary, seed_demo
from agent.store.errors import (
    Conflict,
    ImportFormatError,
    InvalidRequest,
    NotFound,
    SlotTaken,
    StoreError,
    StoreUnavailable,
)
from agent.store.importing import ImportReport, RowError
from agent.store.keys import name_key, phone_key
from agent.store.records import (
    AGENT_ACTOR,
    Appointment,
    AppointmentStatus,
    AuditEntry,
    BillingSummary,
    CallEvent,
    CallLog,
    Medication,
    Patient,
    Provider,
    RefillRequest,
    RefillStatus,
    ResultState,
    ResultStatus,
    Slot,
)
from agent.store.store import Store

__all__ = [
    "AGENT_ACTOR",
    "DEMO_PATIENTS",
    "DEMO_PROVIDERS",
    "Appointment",
    "AppointmentStatus",
    "AuditEntry",
    "BillingSummary",
    "CallEvent",
    "CallLog",
    "Conflict",
    "DemoSummary",
    "ImportFormatError",
    "ImportReport",
    "InvalidRequest",
    "Medication",
    "NotFound",
    "Patient",
    "Provider",
    "RefillRequest",
    "RefillStatus",
    "ResultState",
    "ResultStatus",
    "RowError",
    "Slot",
    "SlotTaken",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "name_key",
    "phone_key",
    "seed_demo",
]
