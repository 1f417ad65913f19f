#!/usr/bin/env bash
# `pnpm models:train [--smoke] [--init DIR] ...`: installs the venv if needed, then runs the pipeline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/setup.sh"
cd "$here"
exec "$here/.venv/bin/python" -m sa_train "$@"
