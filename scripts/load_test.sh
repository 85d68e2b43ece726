#!/usr/bin/env bash
# The load test of issue #15: citizens reading the portal and staff working in /admin/ at the same
# time, against gunicorn serving a fresh copy of the demo (bench/load/locustfile.py; figures in
# docs/benchmarks.md, "Load test: staff and portal together"). Called by `make load`.
#
#   scripts/load_test.sh                        # PostgreSQL, 10 minutes, 50 users
#   DURATION=1m USERS=20 scripts/load_test.sh   # a smoke run
#   DB=sqlite scripts/load_test.sh              # the same on a SQLite file
#
# Everything it creates lives under var/load/ (its own THIDUA_VAR_DIR: secret key, static files,
# media, the SQLite file) and in the database thidua_load, which it drops and recreates; counters go
# to their own Redis database (REDIS_DB, 11 by default: CI's tests use 15). Exit status: 0 when no
# request failed, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${DB:-postgres}"                 # postgres | sqlite
DURATION="${DURATION:-10m}"
USERS="${USERS:-50}"
SPAWN_RATE="${SPAWN_RATE:-5}"
# gunicorn's rule of thumb (2 × cores + 1) with sync workers: a request that waits on the database
# leaves the core to another worker. Each worker keeps its own copy of the portal's page cache.
WORKERS="${WORKERS:-$((2 * $(nproc) + 1))}"
PORT="${PORT:-8765}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_USER="${PG_USER:-postgres}"
PG_NAME="${PG_NAME:-thidua_load}"
REDIS_DB="${REDIS_DB:-11}"
BIN="${BIN:-.venv/bin}"
OUT=var/load
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

if ! $BIN/python -c "import locust" 2>/dev/null; then
  echo "== locust is missing: installing the 'load' extra into .venv"
  $BIN/pip install --quiet -e ".[load]"
fi

mkdir -p "$OUT"
export THIDUA_DEMO=1
export THIDUA_VAR_DIR="$PWD/$OUT/server"
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
export LOG_LEVEL=WARNING
FRESH="${FRESH:-1}"  # 0: keep the database and the counters of the last run (a quicker second run)
case "$DB" in
  postgres)
    export DATABASE_URL="postgres://$PG_USER@$PG_HOST:5432/$PG_NAME"
    if [ "$FRESH" = 1 ]; then
      dropdb --if-exists -h "$PG_HOST" -U "$PG_USER" "$PG_NAME"
      createdb -h "$PG_HOST" -U "$PG_USER" "$PG_NAME"
    fi
    ;;
  sqlite)
    export DATABASE_URL="sqlite:///$THIDUA_VAR_DIR/load.sqlite3"
    if [ "$FRESH" = 1 ]; then rm -f "$THIDUA_VAR_DIR"/load.sqlite3*; fi
    mkdir -p "$THIDUA_VAR_DIR"
    ;;
  *)
    echo "DB must be postgres or sqlite, got '$DB'" >&2
    exit 2
    ;;
esac

if [ "$FRESH" = 1 ]; then
  echo "== preparing the demo on $DB (a few minutes)"
  redis-cli -n "$REDIS_DB" flushdb >/dev/null
  $BIN/thidua migrate --noinput -v0
  $BIN/thidua collectstatic --noinput -v0
  $BIN/thidua demo_load >"$OUT/demo_load-$STAMP.log"
  $BIN/thidua portal_schedule -v0
else
  echo "== FRESH=0: the database and counters of the last run are kept"
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The task worker runs the portal's minute tick (counter flush to the database), as in production.
$BIN/thidua db_worker --queue-name default >"$OUT/worker-$STAMP.log" 2>&1 &
PIDS+=($!)
$BIN/gunicorn thidua.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --log-level warning --error-logfile "$OUT/gunicorn-$STAMP.log" &
PIDS+=($!)
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 1
done

COMMIT="${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
echo "== $STAMP commit $COMMIT, $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== locust: $USERS users, spawn rate $SPAWN_RATE/s, $DURATION; gunicorn: $WORKERS sync workers; $DB"
# The machine's load average every 15 s during the run: other work on the same cores shows here.
(while sleep 15; do cut -d' ' -f1 /proc/loadavg; done) >"$OUT/loadavg-$STAMP.log" &
PIDS+=($!)
status=0
# The figures once every user has stopped (the locustfile writes them; locust's CSV misses the last tasks).
export LOAD_FINAL_CSV="$OUT/${STAMP}_final.csv"
$BIN/locust -f bench/load/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$DURATION" --stop-timeout 30 \
  --csv "$OUT/$STAMP" --only-summary --loglevel WARNING >"$OUT/locust-$STAMP.log" 2>&1 || status=$?
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg); during it (every 15 s):" \
  "$(sort -n "$OUT/loadavg-$STAMP.log" | awk '{a[NR]=$1; s+=$1} END {if (NR) printf "min %s, mean %.2f, max %s", a[1], s/NR, a[NR]}')"

$BIN/python bench/load/summary.py "$LOAD_FINAL_CSV" "$OUT/${STAMP}_failures.csv"
if [ "$FRESH" = 1 ]; then
  # Exact counters under load: the views stored equal the article beacons answered.
  $BIN/python bench/load/views_check.py "$LOAD_FINAL_CSV" || status=1
fi
echo "== CSV: $LOAD_FINAL_CSV and locust's own $OUT/${STAMP}_stats.csv (locust's log: $OUT/locust-$STAMP.log, gunicorn's: $OUT/gunicorn-$STAMP.log)"
exit "$status"
