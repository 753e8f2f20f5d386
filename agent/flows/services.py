"""The clinic behind the flows: configuration, database, and the clock, for one process.

:meth:`ClinicServices.apply` carries out a plan's :class:`~agent.actions.Write` actions.
Each is one database transaction, so a crash mid-call leaves either the whole change or none
of it. The write's ``op`` is the name of a method here; anything else is a programming error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.actions import Write
from agent.config import OrgConfig
from agent.flows.base import FlowContext
from agent.store.errors import SlotTaken
from agent.store.records import RefillStatus

if TYPE_CHECKING:
    from agent.dialogue import ClinicInfo
    from agent.store import Store


class WriteFailed(Exception):
    """A write the caller was about to hear about did not happen; ``why`` says why."""

    def __init__(self, write: Write, why: str) -> None:
        super().__init__(why)
        self.write, self.why = write, why


@dataclass
class ClinicServices:
    config: OrgConfig
    store: Store
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def context(self, patient_id: int | None) -> FlowContext:
        return FlowContext(self.config, self.store, self.now(), patient_id)

    def now(self) -> datetime:
        return self.clock().astimezone(self.config.tz)

    def apply(self, write: Write, call_id: str) -> Any:
        op = getattr(self, f"_op_{write.op}", None)
        if op is None:
            raise ValueError(f"unknown write {write.op!r}")
        return op(call_id=call_id, **write.kwargs())

    # -- the operations ------------------------------------------------------------------
    def _op_book(self, call_id: str, slot_id: int, patient_id: int, appointment_type: str) -> Any:
        try:
            return self.store.book(slot_id, patient_id, appointment_type, call_id)
        except SlotTaken:
            raise WriteFailed(Write("book"), "slot_taken") from None

    def _op_reschedule(
        self, call_id: str, appointment_id: int, slot_id: int, patient_id: int
    ) -> Any:
        try:
            return self.store.reschedule(appointment_id, slot_id, patient_id, call_id)
        except SlotTaken:
            raise WriteFailed(Write("reschedule"), "slot_taken") from None

    def _op_cancel(self, call_id: str, appointment_id: int, patient_id: int) -> Any:
        return self.store.cancel(appointment_id, patient_id, call_id)

    def _op_refill(
        self,
        call_id: str,
        patient_id: int,
        medication: str,
        pharmacy: str,
        status: str,
        reason: str,
    ) -> Any:
        return self.store.request_refill(
            patient_id, medication, pharmacy, call_id, RefillStatus(status), reason
        )

    def _op_audit(
        self, call_id: str, action: str, patient_id: int | None = None, detail: str | None = None
    ) -> Any:
        return self.store.audit(
            "agent:careline", action, call_id=call_id, patient_id=patient_id, detail=detail
        )


def open_clinic(
    config_path: str | Path | None = None,
    *,
    data_dir: str | Path = "out/clinic",
    clock: Callable[[], datetime] | None = None,
) -> ClinicServices:
    """The clinic a process serves: its configuration file, or the embedded demo clinic.

    With no file (and none in the working directory), the demo clinic opens on an SQLite file
    in ``data_dir`` and is filled with demo patients on first use, so the main job works out
    of the box. A real deployment's database is never seeded.
    """
    from agent.config import CONFIG_NAME, demo_config, load_config
    from agent.store import Store
    from agent.store.demo import seed_demo

    data = Path(data_dir)
    if config_path is None and Path(CONFIG_NAME).is_file():
        config_path = CONFIG_NAME
    config = load_config(config_path) if config_path is not None else demo_config()
    data.mkdir(parents=True, exist_ok=True)
    store = Store.open(config.default_database_url(data))
    services = ClinicServices(config, store, clock or (lambda: datetime.now(UTC)))
    if config_path is None and not store.has_patients():
        seed_demo(store, services.now().date(), tz=config.timezone)
    return services


def clinic_info(config: OrgConfig) -> ClinicInfo:
    """What the receptionist dialogue says about the clinic, from its configuration."""
    from agent.dialogue import ClinicInfo
    from agent.flows.info import spoken_hours, where

    return ClinicInfo(
        name=config.name,
        emergency_number=config.emergency_number,
        emergency_mode=config.emergency_mode,
        pain_reliever=config.pain_reliever,
        hours=spoken_hours(config),
        location=where(config),
    )
