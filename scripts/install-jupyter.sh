#!/bin/sh
# Installs Jupyter from Debian's packages (needs root; without it, prints the apt-get command to run).
# The TypeScript kernel (tslab) comes from npm with the project, and its kernelspec lives in
# jupyter/kernels/, found through JUPYTER_PATH by scripts/jupyter.sh: nothing is installed globally.
exec sh "$(dirname "$0")/install-system-deps.sh" jupyter
