#!/usr/bin/env bash
# Set everything up, build the test-call corpus, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python scripts/make_corpus.py --out build/corpus
.venv/bin/python -m pytest -q "$@"
