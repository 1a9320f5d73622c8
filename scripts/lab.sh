#!/bin/sh
# `npm run lab`: Jupyter Notebook on notebooks/ with the project's TypeScript kernel.
# Jupyter prints the URL (with its token) once it is up; open it in a browser.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXTRA=""
[ "$(id -u)" -eq 0 ] && EXTRA="--allow-root"
echo "Starting Jupyter Notebook on $ROOT/notebooks (kernel: TypeScript (tslab, project)) — the URL follows." >&2
exec sh "$ROOT/scripts/jupyter.sh" notebook --no-browser --ip=127.0.0.1 --notebook-dir="$ROOT/notebooks" $EXTRA "$@"
