#!/usr/bin/env bash
# Creates models/.venv with the training pipeline's Python dependencies. Idempotent: a venv whose
# installed requirements match requirements.txt is left alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
export PIP_RETRIES="${PIP_RETRIES:-0}"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip >/dev/null 2>&1 || true
"$venv/bin/pip" install --quiet -r "$here/requirements.txt"
echo "$want" >"$stamp"
