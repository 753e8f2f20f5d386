#!/usr/bin/env bash
# Set everything up, build the test-call corpus, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python scripts/make_corpus.py --out build/corpus --force --quiet
.venv/bin/ruff check agent telephony models handoff scripts tests
.venv/bin/mypy agent/cli.py agent/session.py agent/session_config.py agent/session_turns.py agent/session_replies.py agent/turns.py agent/clock.py agent/speaker.py agent/mailbox.py agent/utterances.py agent/stray_turns.py agent/triage agent/model_nlu.py agent/batch_triage.py agent/store agent/slots agent/flows agent/config.py agent/actions.py agent/replay/typed.py agent/warm.py agent/warm_session.py agent/transcriber.py handoff models/nlu.py models/heads.py models/memory.py models/minilm.py models/embed.py telephony scripts/bench_sip_load.py scripts/sip_load_*.py scripts/bench_red_flags.py scripts/bench_stt_beam.py models/wer.py scripts/check_medicine_turns.py
.venv/bin/python -m pytest -q "$@"
