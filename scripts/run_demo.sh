#!/usr/bin/env bash
# Serve the demo: migrate, load the demo data (once), start the task worker beside the web server.
# Called by `make run`; everything it creates lives under var/ and .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."
export THIDUA_DEMO=1
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
BIN=.venv/bin

$BIN/thidua migrate --noinput -v0
$BIN/thidua collectstatic --noinput -v0
$BIN/thidua demo_load
$BIN/thidua portal_schedule -v0  # the portal's minute tick: counter flush, scheduled publishing

# The one worker is not running yet: a job a killed worker left "running" is reported failed (docs/operations.md).
$BIN/thidua jobs_reap --minutes 0 -v0 >/dev/null
# Certificate files of print jobs finished more than CERTIFICATES_KEEP_DAYS days ago (docs/operations.md).
$BIN/thidua certificates_prune -v0 >/dev/null
$BIN/thidua db_worker --queue-name default >var/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM

echo
echo "Thi đua đang chạy tại / is serving at http://$HOST:$PORT  (Ctrl+C để dừng / to stop)"
echo "Trang quản trị / staff admin: http://$HOST:$PORT/admin/"
echo
$BIN/gunicorn thidua.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 --access-logfile - --log-level warning
