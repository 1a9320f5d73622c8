#!/bin/sh
# System packages the project needs, from Debian's apt:
#   jupyter  — notebooks run under a real kernel (notebook, nbconvert, nbclient, ipykernel)
#   chromium — reports, notebooks' charts and PNG export are checked in a real browser
#   redis    — redis-server for the distributed backend's tests and benchmark (BullMQ workers);
#              only the binary: tests start their own server on a free port and stop it by its PID
# Usage: sh scripts/install-system-deps.sh [jupyter] [chromium] [redis]   (no argument = all three)
# Idempotent; used by `npm test`'s pre-step and by .ci/run. Needs root or passwordless sudo;
# otherwise it prints the exact command to run and exits 1.
set -eu
groups="${*:-jupyter chromium redis}"
JUPYTER_PKGS="jupyter-notebook jupyter-nbconvert python3-nbclient python3-nbformat python3-ipykernel jupyter-client"
CHROMIUM_PKGS="chromium"
REDIS_PKGS="redis-server"
pkgs=""
for g in $groups; do
  case "$g" in
    jupyter)
      if ! command -v jupyter >/dev/null 2>&1 || ! /usr/bin/python3 -c "import nbclient, nbformat, nbconvert" >/dev/null 2>&1; then
        pkgs="$pkgs $JUPYTER_PKGS"
      fi ;;
    chromium)
      [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || pkgs="$pkgs $CHROMIUM_PKGS" ;;
    redis)
      command -v redis-server >/dev/null 2>&1 || pkgs="$pkgs $REDIS_PKGS" ;;
    *) echo "unknown group '$g' (use jupyter, chromium and/or redis)" >&2; exit 2 ;;
  esac
done
[ -z "$pkgs" ] && exit 0
echo "installing from Debian:$pkgs" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    exec sudo -n sh "$0" "$@"
  fi
  echo "This needs root. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$pkgs" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get not found (not Debian/Ubuntu). Install by other means:$pkgs" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q $pkgs
