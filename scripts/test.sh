#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite: unit, AppTest and Playwright in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
exec .venv/bin/python -m pytest "$@"
