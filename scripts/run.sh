#!/usr/bin/env bash
# Set everything up and start the dashboard on the bundled sample data (built on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
PORT=${PORT:-8501}
echo "==> starting the dashboard on http://localhost:$PORT"
exec .venv/bin/streamlit run app.py --server.port "$PORT" --server.headless true \
    --browser.gatherUsageStats false "$@"
