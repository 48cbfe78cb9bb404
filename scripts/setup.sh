#!/usr/bin/env bash
# Set-up shared by run.sh and test.sh: a virtual environment at .venv with pinned dependencies,
# and the offline gazetteer built from package data. Safe to run again (fast when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUIREMENTS=${1:-requirements.txt}
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
fi
# Upgrade pip first: the stock pip mis-resolves trafilatura's lxml extra.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
echo "==> installing $REQUIREMENTS"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
echo "==> building the offline gazetteer (skipped when up to date)"
.venv/bin/python -m components build-gazetteer --if-missing
echo "==> building the offline basemap (skipped when up to date)"
.venv/bin/python -c "from components.geo import basemap; basemap.country_outlines()"
