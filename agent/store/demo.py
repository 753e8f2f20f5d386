"""A demo clinic: providers, patients and three weeks of schedule, for trying careline out.

``DEMO_PATIENTS`` is the table the dialogue flows and their tests can refer to by MRN. It is
chosen to exercise the hard cases: an apostrophe (O'Brien), letters outside ASCII (Zoë Núñez,
Nguyễn, Søren Ødegaard), a hyphenated surname, two patients sharing a date of birth and
surname (the Smith twins), a family sharing one phone, controlled substances (oxycodone,
alprazolam, hydrocodone), balances with and without payments, pending and resulted tests.
Every phone number is in 555-01xx, the range reserved for fiction.

``seed_demo`` is deterministic for a given ``today`` and ``seed``, and safe to run again: the
patients are added once; free slots for the coming three weeks are topped up each time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from agent.store.importing import clinic_zone
from agent.store.records import AppointmentStatus, ResultState
from agent.store.rows import set_patient_fields
from agent.store.schema import (
    AppointmentRow,
    AuditLogRow,
    BillingAccountRow,
    MedicationRow,
    PatientRow,
    ProviderRow,
    SlotRow,
    TestResultRow,
)
from agent.store.store import Store

DEMO_APPOINTMENT_TYPES = ("new_patient", "follow_up", "annual_physical", "sick_visit", "well_child")
SCHEDULE_DAYS = 21
MORNING = (time(9, 0), time(12, 0))
AFTERNOON = (time(13, 0), time(17, 0))
SEED_ACTOR = "system:seed_demo"


@dataclass(frozen=True, slots=True)
class DemoProvider:
    name: str
    title: str
    department: str
    location: str
    slot_minutes: int
    morning_type: str | None  # mornings kept for this type of visit (None: any)
    afternoon_type: str | None


DEMO_PROVIDERS = (
    DemoProvider("Amara Okafor", "MD", "family medicine", "Main clinic, room 2", 30, None, None),
    DemoProvider("Daniel Reyes", "MD", "family medicine", "Main clinic, room 3", 30, None, None),
    DemoProvider(
        "Priya Raman", "MD", "pediatrics", "Children's wing, room 1", 30, "well_child", None
    ),
    DemoProvider(
        "Grace Lindqvist", "NP", "nurse practitioner", "Main clinic, room 5", 20, None, "sick_visit"
    ),
)


@dataclass(frozen=True, slots=True)
class DemoMedication:
    name: str
    dose: str
    controlled: bool = False


@dataclass(frozen=True, slots=True)
class DemoTest:
    name: str
    ordered_days_ago: int
    resulted_days_ago: int | None = None  # None: still pending


@dataclass(frozen=True, slots=True)
class DemoBooking:
    department: str
    appointment_type: str
    in_days: int  # booked on the first clinic day at least this many days after today


@dataclass(frozen=True, slots=True)
class DemoPatient:
    mrn: str
    first_name: str
    last_name: str
    date_of_birth: date
    phone: str
    preferred_pharmacy: str | None
    medications: tuple[DemoMedication, ...] = ()
    balance_cents: int = 0
    last_payment_cents: int | None = None
    last_payment_days_ago: int | None = None
    tests: tuple[DemoTest, ...] = ()
    booking: DemoBooking | None = None


_M = DemoMedication
_T = DemoTest
_B = DemoBooking
_D = date

# fmt: off
DEMO_PATIENTS: tuple[DemoPatient, ...] = (
    DemoPatient("DEMO-0001", "Maria", "Garcia", _D(1985, 3, 14), "+1 555 010 0101",
                "Walgreens on Main Street",
                medications=(_M("lisinopril", "10 mg daily"),
                             _M("metformin", "500 mg twice daily")),
                balance_cents=12550, last_payment_cents=5000, last_payment_days_ago=30,
                tests=(_T("lipid panel", 3),),
                booking=_B("family medicine", "follow_up", 5)),
    DemoPatient("DEMO-0002", "Siobhán", "O'Brien", _D(1972, 11, 2), "(555) 010-0102",
                "CVS on Elm Avenue",
                medications=(_M("oxycodone", "5 mg every 6 hours as needed", controlled=True),
                             _M("ibuprofen", "400 mg as needed")),
                last_payment_cents=8000, last_payment_days_ago=12,
                tests=(_T("MRI lumbar spine", 14, resulted_days_ago=2),)),
    DemoPatient("DEMO-0003", "Zoë", "Núñez", _D(1990, 7, 21), "555-010-0103",
                "Rite Aid on 5th Street",
                medications=(_M("alprazolam", "0.5 mg as needed", controlled=True),
                             _M("sertraline", "50 mg daily")),
                balance_cents=4500,
                booking=_B("family medicine", "follow_up", 9)),
    # Twins: same surname and date of birth; only the first name tells them apart.
    DemoPatient("DEMO-0004", "James", "Smith", _D(1958, 1, 30), "+1 555 010 0104",
                "Walgreens on Main Street",
                medications=(_M("atorvastatin", "20 mg daily"), _M("amlodipine", "5 mg daily")),
                balance_cents=2000, last_payment_cents=2000, last_payment_days_ago=45,
                tests=(_T("hemoglobin A1c", 20, resulted_days_ago=18),
                       _T("complete blood count", 2))),
    DemoPatient("DEMO-0005", "Jamie", "Smith", _D(1958, 1, 30), "+1 555 010 0105",
                "Walgreens on Main Street",
                medications=(_M("omeprazole", "20 mg daily"),)),
    DemoPatient("DEMO-0006", "Mai", "Nguyễn", _D(1979, 5, 9), "555 010 0106",
                "CVS on Elm Avenue",
                medications=(_M("levothyroxine", "75 mcg daily"),),
                tests=(_T("thyroid panel", 6),),
                booking=_B("family medicine", "annual_physical", 12)),
    # Siblings on one family phone.
    DemoPatient("DEMO-0007", "Liam", "O'Connor-Hughes", _D(2016, 9, 12), "+1 555 010 0107",
                None,
                medications=(_M("albuterol inhaler", "2 puffs as needed"),),
                balance_cents=3500,
                booking=_B("pediatrics", "well_child", 3)),
    DemoPatient("DEMO-0008", "Aoife", "O'Connor-Hughes", _D(2019, 2, 27), "+1 555 010 0107",
                None),
    DemoPatient("DEMO-0009", "François", "Lefèvre", _D(1947, 12, 5), "+1 555 010 0109",
                "Rite Aid on 5th Street",
                medications=(_M("warfarin", "5 mg daily"),),
                last_payment_cents=1500, last_payment_days_ago=60,
                tests=(_T("INR", 1),)),
    DemoPatient("DEMO-0010", "Søren", "Ødegaard", _D(1988, 4, 18), "+1 555 010 0110",
                "CVS on Elm Avenue",
                tests=(_T("vitamin D", 9, resulted_days_ago=5),)),
    DemoPatient("DEMO-0011", "Aisha", "Bello", _D(2001, 6, 30), "+1 555 010 0111",
                "Walgreens on Main Street",
                medications=(_M("albuterol inhaler", "2 puffs as needed"),),
                booking=_B("nurse practitioner", "sick_visit", 1)),
    DemoPatient("DEMO-0012", "David", "Cohen", _D(1965, 10, 10), "+1 555 010 0112",
                "CVS on Elm Avenue",
                medications=(_M("losartan", "50 mg daily"),),
                balance_cents=32000, last_payment_cents=10000, last_payment_days_ago=20,
                tests=(_T("PSA", 10, resulted_days_ago=7),)),
    DemoPatient("DEMO-0013", "Mei-Ling", "Chen", _D(1993, 2, 14), "+1 555 010 0113",
                "Rite Aid on 5th Street",
                medications=(_M("levothyroxine", "50 mcg daily"),)),
    DemoPatient("DEMO-0014", "Robert", "Johnson", _D(1950, 8, 8), "+1 555 010 0114",
                "Walgreens on Main Street",
                medications=(_M("hydrocodone-acetaminophen", "5-325 mg every 6 hours as needed",
                                controlled=True),
                             _M("gabapentin", "300 mg three times daily")),
                balance_cents=7825, last_payment_cents=2500, last_payment_days_ago=90,
                tests=(_T("basic metabolic panel", 4),)),
    DemoPatient("DEMO-0015", "Emily", "Wright", _D(2012, 3, 3), "+1 555 010 0115",
                "CVS on Elm Avenue",
                booking=_B("pediatrics", "well_child", 8)),
    DemoPatient("DEMO-0016", "José", "García-López", _D(1982, 12, 24), "+1 555 010 0116",
                "Walgreens on Main Street",
                medications=(_M("metformin", "1000 mg twice daily"),),
                tests=(_T("hemoglobin A1c", 5),)),
)
# fmt: on


@dataclass(frozen=True, slots=True)
class DemoSummary:
    providers_added: int
    patients_added: int
    slots_added: int
    appointments_added: int


def seed_demo(
    store: Store, today: date, seed: int = 0, *, tz: str | ZoneInfo = "UTC"
) -> DemoSummary:
    """Fill ``store`` with the demo clinic; clinic hours are wall-clock time in ``tz`` (pass
    the clinic's zone: the UTC default puts "9 am" at 9 am UTC)."""
    rng = random.Random(seed)
    zone = clinic_zone(tz)
    now = store.now()
    with store.transaction(write=True) as s:
        providers, providers_added = _providers(s)
        slots_added = _slots(s, providers, today, zone, rng)
        patients_added = appointments_added = 0
        known = set(s.scalars(select(PatientRow.mrn)))
        for demo in DEMO_PATIENTS:
            if demo.mrn in known:
                continue
            patient = _patient(s, demo, today)
            patients_added += 1
            if demo.booking is not None:
                appointments_added += _book(
                    s, patient, demo.booking, providers, today, zone, rng, now
                )
        if patients_added or slots_added:
            detail = {"patients": patients_added, "slots": slots_added, "seed": seed}
            s.add(AuditLogRow(at=now, actor=SEED_ACTOR, action="demo.seed", detail=detail))
    return DemoSummary(providers_added, patients_added, slots_added, appointments_added)


def clinic_days(today: date, days: int = SCHEDULE_DAYS) -> list[date]:
    """Weekdays from tomorrow through ``days`` days from today."""
    candidates = (today + timedelta(days=n) for n in range(1, days + 1))
    return [day for day in candidates if day.weekday() < 5]


def _providers(s: Session) -> tuple[dict[str, tuple[ProviderRow, DemoProvider]], int]:
    existing = {row.name: row for row in s.scalars(select(ProviderRow))}
    added = 0
    out: dict[str, tuple[ProviderRow, DemoProvider]] = {}
    for demo in DEMO_PROVIDERS:
        row = existing.get(demo.name)
        if row is None:
            row = ProviderRow(name=demo.name, title=demo.title, department=demo.department)
            s.add(row)
            added += 1
        out[demo.name] = (row, demo)
    s.flush()
    return out, added


def _slots(
    s: Session,
    providers: dict[str, tuple[ProviderRow, DemoProvider]],
    today: date,
    zone: ZoneInfo,
    rng: random.Random,
) -> int:
    added = 0
    for day in clinic_days(today):
        for row, demo in providers.values():
            existing = set(
                s.scalars(
                    select(SlotRow.starts_at).where(
                        SlotRow.provider_id == row.id,
                        SlotRow.starts_at >= _at(day, time(0), zone),
                        SlotRow.starts_at < _at(day + timedelta(days=1), time(0), zone),
                    )
                )
            )
            length = timedelta(minutes=demo.slot_minutes)
            for (opens, closes), kind in (
                (MORNING, demo.morning_type),
                (AFTERNOON, demo.afternoon_type),
            ):
                start = _at(day, opens, zone)
                while start + length <= _at(day, closes, zone):
                    # About one slot in five is already taken by patients outside the demo.
                    # Drawing for every slot, new or not, keeps the draws that follow (the
                    # demo bookings) the same whatever an earlier run left behind.
                    keep = rng.random() >= 0.2
                    if keep and start not in existing:
                        s.add(
                            SlotRow(
                                provider_id=row.id,
                                starts_at=start,
                                ends_at=start + length,
                                location=demo.location,
                                appointment_type=kind,
                            )
                        )
                        added += 1
                    start += length
    s.flush()
    return added


def _at(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def _patient(s: Session, demo: DemoPatient, today: date) -> PatientRow:
    row = PatientRow(mrn=demo.mrn, date_of_birth=demo.date_of_birth)
    set_patient_fields(row, demo.first_name, demo.last_name, demo.phone, demo.preferred_pharmacy)
    s.add(row)
    s.flush()
    for med in demo.medications:
        s.add(
            MedicationRow(
                patient_id=row.id, name=med.name, dose=med.dose, controlled=med.controlled
            )
        )
    paid_on = None
    if demo.last_payment_days_ago is not None:
        paid_on = today - timedelta(days=demo.last_payment_days_ago)
    s.add(
        BillingAccountRow(
            patient_id=row.id,
            balance_cents=demo.balance_cents,
            last_payment_cents=demo.last_payment_cents,
            last_payment_on=paid_on,
        )
    )
    for test in demo.tests:
        resulted = test.resulted_days_ago
        s.add(
            TestResultRow(
                patient_id=row.id,
                test_name=test.name,
                ordered_on=today - timedelta(days=test.ordered_days_ago),
                status=(ResultState.PENDING if resulted is None else ResultState.RESULTED).value,
                resulted_on=None if resulted is None else today - timedelta(days=resulted),
            )
        )
    return row


def _book(
    s: Session,
    patient: PatientRow,
    booking: DemoBooking,
    providers: dict[str, tuple[ProviderRow, DemoProvider]],
    today: date,
    zone: ZoneInfo,
    rng: random.Random,
    now: datetime,
) -> int:
    """Book a free slot that fits, on the first clinic day ``in_days`` out that has one."""
    provider_ids = [
        row.id for row, demo in providers.values() if demo.department == booking.department
    ]
    taken = exists().where(
        AppointmentRow.slot_id == SlotRow.id,
        AppointmentRow.status == AppointmentStatus.BOOKED.value,
    )
    for day in clinic_days(today):
        if day < today + timedelta(days=booking.in_days):
            continue
        candidates = list(
            s.scalars(
                select(SlotRow)
                .where(
                    SlotRow.provider_id.in_(provider_ids),
                    SlotRow.starts_at >= _at(day, time(0), zone),
                    SlotRow.starts_at < _at(day + timedelta(days=1), time(0), zone),
                    (SlotRow.appointment_type.is_(None))
                    | (SlotRow.appointment_type == booking.appointment_type),
                    ~taken,
                )
                .order_by(SlotRow.starts_at, SlotRow.id)
            )
        )
        if candidates:
            slot = rng.choice(candidates)
            s.add(
                AppointmentRow(
                    patient_id=patient.id,
                    slot_id=slot.id,
                    appointment_type=booking.appointment_type,
                    status=AppointmentStatus.BOOKED.value,
                    booked_at=now,
                    call_id=None,
                )
            )
            s.flush()
            return 1
    return 0
