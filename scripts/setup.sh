#!/usr/bin/env bash
# Install what the studio needs on a fresh Debian machine: a virtualenv with the pinned
# Python packages, and Debian's Chromium for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--with-browser" ]; then
  # Debian's Chromium for the browser tests; Node.js for the JavaScript snippet tests and npm,
  # which installs axe-core (the accessibility tests inject it into the pages).
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "Missing: ${missing[*]}; run 'sudo apt-get install ${missing[*]}' (needed for the tests)" >&2
      exit 1
    fi
  fi
  lock=node_modules/.package-lock.sha
  want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$lock" 2>/dev/null)" != "$want" ]; then
    npm ci --no-audit --no-fund --silent
    echo "$want" > "$lock"
  fi
fi
