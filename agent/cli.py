"""``careline``: the command line.

    careline serve [--sip HOST:PORT] [--http HOST:PORT] [--rtp-ports A-B] [--allow-from IPS]
    careline replay CALL [--events E] [--expect X] [--realtime] [--out RECORD.json]
    careline call [--input-file IN --output-file OUT] [--device N]
    careline triage --jsonl IN --out OUT
    careline init [--dir DIR]
    careline db COMMAND ...          (the clinic database: migrate, import CSV, export iCal)

Exit status: 0 done; 1 a replayed call failed its expectations; 2 bad input or setup (the
message says what to fix). Transcripts are printed for the developer who ran the command;
logs (stderr) never carry them.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from agent.errors import CarelineError

log = logging.getLogger("careline")

EPILOG_REPLAY = """\
CALL is a recording (WAV at 8-48 kHz, or raw G.711: .ulaw/.pcmu, .alaw/.pcma) played on a
fixed timeline, or a call script (.json) describing a scripted caller; see
agent/replay/script.py for both formats and the expectations file.

examples:
  careline replay call.wav --out record.json
  careline replay build/corpus/refill-01/script.json --expect build/corpus/refill-01/expect.json
  careline replay call.wav --realtime        # paced like a live line, for latency
"""

EPILOG_TRIAGE = """\
output lines: {"id", "intent", "triage": {"level", "complaint", "red_flags", "confidence"}}
levels: emergency (call 911 now), urgent (same day), routine (appointment), self_care.
A line that is not JSON or has no text gets {"id", "error", "line"}; exit status 1 then.

example:
  careline triage --jsonl cases.jsonl --out triaged.jsonl
"""


EPILOG_SERVE = """\
examples:
  careline serve --sip 127.0.0.1:5060                  # a PBX on this machine sends calls here
  careline serve --sip 0.0.0.0:5060 --allow-from 10.0.0.5,10.0.0.6   # an IP-authenticated trunk
  sipp -sn uac 127.0.0.1:5060 -i 127.0.0.1 -m 1        # place one test call
"""


def _engine_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("models (embedded offline defaults unless set)")
    g.add_argument(
        "--stt",
        metavar="MODEL",
        help="speech recogniser: tiny.en (default), base, or a model directory",
    )
    g.add_argument(
        "--tts",
        metavar="VOICE",
        help="voice: piper (default when installed), flite, or a Piper .onnx path",
    )
    g.add_argument(
        "--vad",
        choices=["silero", "webrtc"],
        default="silero",
        help="speech detector (default: silero)",
    )
    g.add_argument(
        "--nlu",
        metavar="MODEL",
        help="intent/triage: the trained model (default), a retrained .npz, or 'keyword'",
    )
    c = p.add_argument_group("the clinic")
    c.add_argument(
        "--config",
        metavar="careline.toml",
        help="the organisation's configuration (default: ./careline.toml if present, "
        "else the built-in demo clinic)",
    )
    c.add_argument(
        "--no-self-service",
        action="store_true",
        help="route every administrative request to a person (no clinic database)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careline",
        description="careline: an on-premises voice agent for healthcare contact centres.",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="operator log level on stderr (default: WARNING)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    rp = sub.add_parser(
        "replay",
        help="run a recorded or scripted call through the whole agent",
        description="Run a recorded or scripted call through the whole agent "
        "and save the call record.",
        epilog=EPILOG_REPLAY,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rp.add_argument("call", metavar="CALL", help="recording (.wav, raw G.711) or script (.json)")
    rp.add_argument(
        "--events", metavar="EVENTS.json", help="timed DTMF and hang-up events for a recording"
    )
    rp.add_argument(
        "--expect",
        metavar="EXPECT.json",
        help="expectations; exit status 1 when the call does not meet them",
    )
    rp.add_argument(
        "--realtime",
        action="store_true",
        help="pace audio like a live line (default: virtual time, much faster)",
    )
    rp.add_argument(
        "--out", metavar="RECORD.json", help="where to save the record (default: out/CALL_ID.json)"
    )
    rp.add_argument(
        "--audio-out",
        metavar="CALL.wav",
        help="save both channels, caller left and bot right (default: beside --out)",
    )
    rp.add_argument(
        "--journal",
        metavar="JOURNAL.jsonl",
        help="append-as-you-go journal (default: beside --out)",
    )
    rp.add_argument(
        "--accept-transfers",
        action="store_true",
        help="pretend an agent accepts every transfer (default: nobody available)",
    )
    rp.add_argument("--quiet", action="store_true", help="print only the summary line")
    _engine_args(rp)

    cp = sub.add_parser(
        "call",
        help="talk to the agent through this machine's headset",
        description="Talk with the agent live through the local microphone "
        "and speaker, or through audio files where no sound device exists.",
    )
    cp.add_argument("--device", help="sound device name or index (default: the system's)")
    cp.add_argument("--input-file", metavar="IN", help="caller audio from a file instead")
    cp.add_argument("--output-file", metavar="OUT.wav", help="write the bot's audio here")
    cp.add_argument(
        "--tail",
        type=float,
        default=10.0,
        metavar="S",
        help="with --input-file: stay on the line this long after the input ends "
        "so the agent can answer (default: 10)",
    )
    cp.add_argument("--out", metavar="RECORD.json", help="where to save the call record")
    _engine_args(cp)

    tp = sub.add_parser(
        "triage",
        help="triage symptom descriptions in bulk (JSON lines), for evaluation",
        description="Judge each line's text as a description of a patient's symptoms.",
        epilog=EPILOG_TRIAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    tp.add_argument("--jsonl", required=True, type=Path, metavar="IN", help='lines {"id", "text"}')
    tp.add_argument("--out", required=True, type=Path, metavar="OUT", help="where to write")
    tp.add_argument("--heads", metavar="NPZ", help="a retrained model (default: the committed one)")
    tp.add_argument("--quiet", action="store_true", help="no progress bar")

    ip = sub.add_parser(
        "init",
        help="write a demo careline.toml and a demo clinic database to start from",
        description="Write careline.toml (the demo clinic's configuration, to edit) and "
        "careline.db beside it, filled with demo providers, free appointment slots and "
        "demo patients.",
    )
    ip.add_argument("--dir", type=Path, default=Path("."), help="where to write (default: .)")
    ip.add_argument("--force", action="store_true", help="overwrite an existing careline.toml")

    sp = sub.add_parser(
        "serve",
        help="answer phone calls: a SIP endpoint for the organisation's PBX or trunk",
        description="Listen for SIP calls (UDP and TCP) and give every caller the agent. "
        "Settings come from the command line, then CARELINE_SIP / CARELINE_HTTP / "
        "CARELINE_RTP_PORTS / CARELINE_ALLOW_FROM, then careline.toml's [telephony] table. "
        "Ctrl-C or SIGTERM drains: new calls get 503, calls in progress may finish.",
        epilog=EPILOG_SERVE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _engine_args(sp)
    sp.add_argument("--sip", metavar="HOST:PORT", help="where SIP listens (default 127.0.0.1:5060)")
    sp.add_argument(
        "--http",
        metavar="HOST:PORT",
        help="the agent console (/console, /supervisor) and /health (default: none)",
    )
    sp.add_argument(
        "--rtp-ports", metavar="FIRST-LAST", help="RTP port range (default 20000-20999)"
    )
    sp.add_argument(
        "--allow-from", metavar="IP,IP", help="static trunk: only these peers may call (403)"
    )
    sp.add_argument("--drain-timeout", type=float, metavar="S", help="Ctrl-C waits this long")
    sp.add_argument("--media-timeout", type=float, metavar="S", help="hang up after S s of no RTP")
    sp.add_argument(
        "--register",
        metavar="USER@HOST:PORT",
        help="register to a PBX as USER (password from CARELINE_SIP_PASSWORD)",
    )
    sp.add_argument("--tls-port", type=int, metavar="PORT", help="also listen for SIP over TLS")
    sp.add_argument("--tls-cert", metavar="PEM", help="certificate chain for TLS")
    sp.add_argument("--tls-key", metavar="PEM", help="private key for TLS")
    sp.add_argument(
        "--tls-ca",
        metavar="PEM",
        help="certificates to trust when registering over TLS (default: the system's)",
    )
    sp.add_argument(
        "--records-dir", type=Path, metavar="DIR", help="also write each call's record here (JSON)"
    )
    sp.add_argument("--console-cert", metavar="PEM", help="serve the console over HTTPS")
    sp.add_argument("--console-key", metavar="PEM", help="private key for --console-cert")
    sp.add_argument(
        "--web-calls-per-minute",
        type=int,
        metavar="N",
        help="web calls one address may start a minute (default 6; raise it behind a proxy)",
    )

    st = sub.add_parser(
        "staff",
        help="console accounts: add an agent or supervisor, list them",
        description="People who sign in to the agent console. Passwords are read from "
        "CARELINE_STAFF_PASSWORD or asked for (never on the command line), and stored only "
        "as argon2 hashes in the clinic database.",
    )
    st.add_argument("action", choices=["add", "list"])
    st.add_argument("username", nargs="?", help="for add: letters, digits, '.', '-', '_'")
    st.add_argument("--role", choices=["agent", "supervisor"], default="agent")
    st.add_argument(
        "--skills", default="general", help="for agents: nurse,scheduling,billing,general"
    )
    st.add_argument("--name", default="", help="the name the console shows")
    st.add_argument("--config", help="careline.toml (default: ./careline.toml or the demo)")
    st.add_argument("--data-dir", default="out/clinic", help="the demo clinic's folder")

    sub.add_parser(
        "db",
        help="the clinic database: migrate, seed the demo, import CSV, export iCalendar",
        add_help=False,  # everything after "db" is agent.store's own command line
    )
    return parser


def cmd_init(args: argparse.Namespace) -> int:
    from agent.config import CONFIG_NAME, DEMO_TOML, load_config
    from agent.flows.services import ClinicServices
    from agent.store import Store
    from agent.store.demo import seed_demo

    target = args.dir / CONFIG_NAME
    if target.exists() and not args.force:
        raise CarelineError(f"{target} exists; use --force to overwrite it")
    args.dir.mkdir(parents=True, exist_ok=True)
    target.write_text(DEMO_TOML, encoding="utf-8")
    config = load_config(target)
    store = Store.open(config.default_database_url(args.dir))
    try:
        if not store.has_patients():
            seed_demo(store, ClinicServices(config, store).now().date(), tz=config.timezone)
    finally:
        store.close()
    print(f"wrote {target} and the demo clinic database beside it")
    print(f"next: careline replay CALL --config {target}   (or edit {target} first)")
    return 0


def _load_engine(args: argparse.Namespace) -> Any:
    from agent.engine import Engine, EngineConfig

    config = EngineConfig(
        stt=args.stt,
        tts=args.tts,
        vad=args.vad,
        nlu=args.nlu,
        org_config=args.config,
        self_service=not args.no_self_service,
        # A replay without --config runs on a fresh copy of the demo clinic, so replays
        # never change a real database and always start from the same demo data.
        data_dir=getattr(args, "data_dir", None) or "out/clinic",
    )
    engine = Engine.load(config)
    engine.warm()
    return engine


def _print_record(data: dict[str, Any], quiet: bool) -> None:
    if not quiet:
        for turn in data["turns"]:
            who = {"caller": "CALLER", "bot": "AGENT ", "agent": "PERSON"}[turn["speaker"]]
            text = turn["text"] or f"[keypad {turn.get('dtmf', '')}]"
            cut = " [interrupted]" if turn.get("interrupted") else ""
            print(f"{turn['t_start']:7.2f}s  {who}  {text}{cut}")
    intent = (data.get("intent") or {}).get("name")
    triage = (data.get("triage") or {}).get("level")
    handoff = data["handoff"]
    lat = data["turn_latency_ms"]
    lat_s = f"{sorted(lat)[len(lat) // 2]} ms median over {len(lat)}" if lat else "n/a"
    print(
        f"intent={intent} triage={triage} handoff={handoff.get('requested')}"
        f"({handoff.get('reason')}) end={data['end_reason']} "
        f"duration={data['duration_s']:.1f}s latency={lat_s} barge-ins={len(data['barge_ins'])}"
    )


def cmd_replay(args: argparse.Namespace) -> int:
    from agent.replay.harness import open_call, replay_call, save_result
    from agent.replay.script import load_expectations
    from handoff.port import AlwaysAccept, NoAgents

    script = open_call(args.call, args.events)  # validate input before loading models
    expect = load_expectations(args.expect) if args.expect else None
    out = Path(args.out) if args.out else Path("out") / f"{script.id}.json"
    audio_out = Path(args.audio_out) if args.audio_out else out.with_suffix(".wav")
    journal = Path(args.journal) if args.journal else out.with_suffix(".jsonl")
    with tempfile.TemporaryDirectory(prefix="careline-clinic-") as scratch:
        args.data_dir = scratch
        engine = _load_engine(args)
        try:
            result = replay_call(
                engine,
                script,
                realtime=args.realtime,
                expect=expect,
                handoff=AlwaysAccept() if args.accept_transfers else NoAgents(),
                journal=journal,
            )
        finally:
            engine.close()
    save_result(result, out, audio_out)
    _print_record(result.record.data, args.quiet)
    speed = result.timeline.duration_s / result.wall_s if result.wall_s else 0.0
    print(f"record: {out}  audio: {audio_out}  ({speed:.1f}x real time)")
    if result.failures:
        for failure in result.failures:
            print(f"EXPECTATION FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


def cmd_call(args: argparse.Namespace) -> int:
    import asyncio

    from agent.record import JournalFile

    out = Path(args.out) if args.out else Path("out") / "live-call.json"
    if args.input_file:
        from telephony.device import FileLeg

        if not args.output_file:
            raise CarelineError("--input-file needs --output-file for the agent's audio")
        leg: Any = FileLeg(args.input_file, args.output_file, tail_s=args.tail)
        kind = "file"
    else:
        from telephony.device import DeviceLeg

        leg = DeviceLeg(device=args.device)
        kind = "device"
    engine = _load_engine(args)

    async def talk() -> Any:
        async with leg:
            call = engine.new_call(
                leg,
                on_partial=lambda text: print(f"  ... {text}", file=sys.stderr),
                sinks=[JournalFile(out.with_suffix(".jsonl"))],
                leg_kind=kind,
                clock_kind="realtime",
            )
            return await call.run()

    print("Talking to careline. Press Ctrl-C to hang up.", file=sys.stderr)
    try:
        record = asyncio.run(talk())
    finally:
        engine.close()
    record.save(out)
    _print_record(record.data, quiet=False)
    print(f"record: {out}")
    return 0


def cmd_staff(args: argparse.Namespace) -> int:
    import getpass
    import os

    from agent.flows.services import open_clinic
    from handoff.accounts import AccountError, Accounts

    services = open_clinic(args.config, data_dir=args.data_dir)
    try:
        accounts = Accounts(services.store)
        if args.action == "list":
            for staff in accounts.all():
                listed = ",".join(sorted(staff.skills)) or "-"
                print(f"{staff.username}\t{staff.role}\t{listed}\t{staff.display_name}")
            return 0
        if not args.username:
            print("careline staff add: name the account (careline staff add USERNAME)",
                  file=sys.stderr)  # fmt: skip
            return 2
        password = os.environ.get("CARELINE_STAFF_PASSWORD") or getpass.getpass(
            f"password for {args.username}: "
        )
        skills = {s.strip() for s in args.skills.split(",") if s.strip()}
        try:
            made = accounts.add(
                args.username,
                password,
                display_name=args.name,
                role=args.role,
                skills=skills if args.role == "agent" else set(),
            )
        except AccountError as exc:
            print(f"careline staff add: {exc}", file=sys.stderr)
            return 2
        print(f"added {made.role} {made.username}")
        return 0
    finally:
        services.store.close()


def cmd_serve(args: argparse.Namespace) -> int:
    import asyncio
    import os
    from dataclasses import replace

    from agent.config import CONFIG_NAME, demo_config, load_config
    from agent.serve import CallServer, install_signal_handlers
    from agent.serve_config import resolve_serve_config

    path = args.config or (CONFIG_NAME if Path(CONFIG_NAME).exists() else None)
    org = load_config(path) if path else demo_config()
    cli = {k: getattr(args, k) for k in ("sip", "http", "rtp_ports", "allow_from", "register")}
    cli |= {"drain_timeout": args.drain_timeout, "media_timeout": args.media_timeout}
    cli |= {"tls_port": args.tls_port, "tls_cert": args.tls_cert, "tls_key": args.tls_key}
    cli |= {"tls_ca": args.tls_ca}
    cli |= {"console_cert": args.console_cert, "console_key": args.console_key}
    cli |= {"web_calls_per_minute": args.web_calls_per_minute}
    config, http = resolve_serve_config(cli, os.environ, org.telephony, path or "demo config")
    engine = _load_engine(args)

    async def serve() -> None:
        stop = asyncio.Event()
        install_signal_handlers(stop)
        server = CallServer(
            engine, replace(config, records_dir=args.records_dir), http=http, demo=path is None
        )
        await server.serve(stop)

    print(
        f"careline: answering SIP on {config.sip_host}:{config.sip_port}; Ctrl-C drains",
        file=sys.stderr,
    )
    try:
        asyncio.run(serve())
    finally:
        engine.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["db"]:
        from agent.store.__main__ import run

        try:
            return run(argv[1:])
        except (CarelineError, OSError, ValueError) as exc:
            print(f"careline db: {exc}", file=sys.stderr)
            return 2
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        if args.command == "replay":
            return cmd_replay(args)
        if args.command == "call":
            return cmd_call(args)
        if args.command == "serve":
            return cmd_serve(args)
        if args.command == "init":
            return cmd_init(args)
        if args.command == "staff":
            return cmd_staff(args)
        if args.command == "triage":
            from agent.batch_triage import triage_file

            bad = triage_file(args.jsonl, args.out, heads=args.heads, progress=not args.quiet)
            if bad:
                print(
                    f"careline: {bad} input line(s) could not be read; see {args.out}",
                    file=sys.stderr,
                )
            return 1 if bad else 0
    except CarelineError as exc:
        print(f"careline: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("careline: interrupted", file=sys.stderr)
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
