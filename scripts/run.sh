#!/usr/bin/env bash
# Set everything up and run careline's main job on its embedded defaults: a demo patient call
# replayed through the whole agent (speech recognition, understanding, dialogue, speech).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/careline replay scripts/demo/call.json --out out/demo.json "$@"
