#!/usr/bin/env bash
# `make load`: the certification exam under 300 learners, against gunicorn + PostgreSQL.
#
# Starts everything it needs on loopback addresses and stops it again:
#   1. PostgreSQL (installed from Debian's packages if missing) in a temporary directory, run
#      as the `postgres` user, on a free 127.0.0.1 port;
#   2. migrate, then bench/load/setup.py: 300 learners (signed in: one session each), the exam;
#   3. gunicorn on another free 127.0.0.1 port;
#   4. Locust, headless: 300 learners start the exam within 30 s, then answer a question every
#      5–15 s for 3 minutes (bench/load/locustfile.py);
#   5. bench/load/verify.py: p50/p95/p99 per request type, the error count, and a check in the
#      database that every answer the server acknowledged is stored; budgets are checked.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PY="$ROOT/.venv/bin/python"
USERS="${LOAD_USERS:-300}"
SPAWN_RATE="${LOAD_SPAWN_RATE:-10}"   # 300 users in 30 s
RUN_TIME="${LOAD_RUN_TIME:-210s}"     # 30 s of starts + 3 minutes of answering
WORKERS="${LOAD_WORKERS:-6}"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres

WORK="$(mktemp -d /tmp/academy-load.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pgdata"
PGPORT="$(free_port)"
APPPORT="$(free_port)"
GUNICORN_PID=""

cleanup() {
  set +e
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  [ -d "$PGDATA" ] && su postgres -s /bin/sh -c "'$PGBIN/pg_ctl' -D '$PGDATA' -m fast stop" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== PostgreSQL on 127.0.0.1:$PGPORT (data in $PGDATA)"
mkdir -p "$PGDATA" && chown postgres "$PGDATA"
su postgres -s /bin/sh -c "'$PGBIN/initdb' -D '$PGDATA' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -s /bin/sh -c "'$PGBIN/pg_ctl' -D '$PGDATA' -l '$PGDATA/server.log' -w start \
  -o \"-p $PGPORT -k '$PGDATA' -c listen_addresses=127.0.0.1 -c max_connections=200 \
      -c shared_buffers=256MB\"" >/dev/null
su postgres -s /bin/sh -c "'$PGBIN/createdb' -h 127.0.0.1 -p $PGPORT -U postgres academy"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/academy"
export DJANGO_SETTINGS_MODULE=lms.settings.dev
export DEBUG=False
export SECRET_KEY="load-test-only-$(date +%s)-not-a-real-secret-key-xxxxxxxxxxxxxxxxxxxx"
export LMS_VAR_DIR="$WORK/var"
mkdir -p "$LMS_VAR_DIR/static"
export LOG_LEVEL=WARNING
export CONN_MAX_AGE=60
export LOAD_WORK="$WORK"
export LOAD_USERS="$USERS"

cd "$ROOT"
echo "== migrate and set up $USERS learners and the exam"
"$PY" manage.py migrate --no-input -v0
"$PY" bench/load/setup.py

echo "== gunicorn on 127.0.0.1:$APPPORT ($WORKERS workers)"
"$ROOT/.venv/bin/gunicorn" lms.wsgi:application --bind "127.0.0.1:$APPPORT" \
  --workers "$WORKERS" --worker-class sync --timeout 60 --log-level warning --preload \
  --access-logfile /dev/null &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$APPPORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
# Warm every worker up (templates, translations, connections) with a learner of its own.
"$PY" bench/load/warmup.py "http://127.0.0.1:$APPPORT"

"$PY" bench/load/cpu.py "$GUNICORN_PID" "$PGDATA" > "$WORK/cpu-before.json"
echo "== Locust: $USERS learners, $SPAWN_RATE started per second, for $RUN_TIME"
"$ROOT/.venv/bin/locust" -f bench/load/locustfile.py --headless \
  --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$RUN_TIME" --stop-timeout 20 \
  --host "http://127.0.0.1:$APPPORT" --csv "$WORK/locust" --only-summary \
  --loglevel WARNING 2>"$WORK/locust.log" >/dev/null || true

"$PY" bench/load/cpu.py "$GUNICORN_PID" "$PGDATA" > "$WORK/cpu-after.json"
uptime > "$WORK/uptime.txt"

echo "== results"
"$PY" bench/load/verify.py
