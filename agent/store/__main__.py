"""``python -m agent.store``: the database from a shell, without the rest of careline.

    python -m agent.store upgrade  [--url URL | --data-dir DIR]
    python -m agent.store sql      --url URL                 # the upgrade SQL, for a DBA
    python -m agent.store seed-demo [--today YYYY-MM-DD] [--seed N] [--tz ZONE]
    python -m agent.store import-patients FILE [--dry-run]
    python -m agent.store import-schedule FILE [--tz ZONE] [--dry-run]
    python -m agent.store export-ical FILE --start YYYY-MM-DD --end YYYY-MM-DD [--tz ZONE]

The URL defaults to $CARELINE_DATABASE_URL. Exit status: 0 done; 1 an import skipped rows
with errors (each printed as line and column, never the value); 2 bad input or setup.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from agent.errors import CarelineError
from agent.store import migrate
from agent.store.demo import seed_demo
from agent.store.importing import ImportReport
from agent.store.store import Store

URL_ENV = "CARELINE_DATABASE_URL"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m agent.store", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help)
        where = sub.add_mutually_exclusive_group()
        where.add_argument("--url", default=os.environ.get(URL_ENV), help=f"default: ${URL_ENV}")
        where.add_argument("--data-dir", help="use the SQLite file in this folder")
        return sub

    command("upgrade", "migrate the database to the current schema")
    command("sql", "print the SQL of an upgrade from empty, without running it")
    seed = command("seed-demo", "add the demo clinic (safe to run again)")
    seed.add_argument("--today", type=date.fromisoformat, default=date.today())
    seed.add_argument("--seed", type=int, default=0)
    seed.add_argument("--tz", default="UTC", help="clinic time zone (default UTC)")
    patients = command("import-patients", "import or update patients from a CSV file")
    patients.add_argument("file")
    patients.add_argument("--dry-run", action="store_true")
    schedule = command("import-schedule", "add provider schedule slots from a CSV file")
    schedule.add_argument("file")
    schedule.add_argument("--tz", default="UTC", help="clinic time zone (default UTC)")
    schedule.add_argument("--dry-run", action="store_true")
    ical = command("export-ical", "write booked appointments as an iCalendar file")
    ical.add_argument("file")
    ical.add_argument("--start", type=date.fromisoformat, required=True)
    ical.add_argument("--end", type=date.fromisoformat, required=True, help="exclusive")
    ical.add_argument("--tz", default="UTC", help="time zone of --start and --end")
    return parser


def _report(report: ImportReport) -> int:
    print(report.summary())
    for error in report.errors:
        print(f"  {error}")
    return 0 if report.ok else 1


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.url is None and args.data_dir is None:
        raise CarelineError(f"give --url or --data-dir (or set {URL_ENV})")
    if args.command == "sql":
        if args.url is None:
            raise CarelineError("sql needs --url (the SQL depends on the database kind)")
        print(migrate.upgrade_sql(args.url), end="")
        return 0
    if args.command == "upgrade":
        with Store.open(args.url, data_dir=args.data_dir, upgrade=False) as store:
            before = migrate.current_revision(store.engine)
        with Store.open(args.url, data_dir=args.data_dir) as store:
            after = migrate.current_revision(store.engine)
            print(f"{store.url}: schema {before or 'empty'} -> {after}")
        return 0
    with Store.open(args.url, data_dir=args.data_dir) as store:
        if args.command == "seed-demo":
            summary = seed_demo(store, args.today, args.seed, tz=args.tz)
            print(f"demo clinic: {summary}")
            return 0
        if args.command == "import-patients":
            return _report(store.import_patients_csv(args.file, dry_run=args.dry_run))
        if args.command == "import-schedule":
            return _report(store.import_schedule_csv(args.file, tz=args.tz, dry_run=args.dry_run))
        if args.command == "export-ical":
            zone = ZoneInfo(args.tz)
            start = datetime.combine(args.start, time(0), tzinfo=zone)
            end = datetime.combine(args.end, time(0), tzinfo=zone)
            count = store.export_ical(args.file, start, end)
            print(f"{count} appointments written to {args.file}")
            return 0
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> None:
    try:
        sys.exit(run(argv))
    except (CarelineError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
