#!/bin/sh
# Every Jupyter command of the project goes through here: it puts the project's kernelspec
# (jupyter/kernels/tslab) first on JUPYTER_PATH, so nothing is installed globally.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export JUPYTER_PATH="$ROOT/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1   # silences Python 3.11's "frozen modules" debugger warning
if ! command -v jupyter >/dev/null 2>&1; then
  echo "jupyter is not installed. Run: sudo sh scripts/install-jupyter.sh" >&2
  exit 1
fi
exec jupyter "$@"
