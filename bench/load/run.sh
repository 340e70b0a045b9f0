#!/usr/bin/env bash
# `make load`: the certification exam under 300 learners, against gunicorn + PostgreSQL.
#
# Starts everything it needs on loopback addresses and stops it again:
#   1. PostgreSQL (installed from Debian's packages if missing) in a temporary directory, run
#      as the `postgres` user, on a free 127.0.0.1 port, with its durable defaults (fsync on);
#      Redis (scripts/redis.sh) as the cache and the sessions' cache (CACHE_URL);
#   2. migrate, then per scenario bench/load/setup.py: 300 learners (signed in: one session
#      each) and, once, the exam;
#   3. SERVERS (1 or 2) gunicorn app servers on free 127.0.0.1 ports. With SERVERS=2 also
#      SeaweedFS (scripts/seaweedfs.sh, FILE_STORAGE=s3), two task workers (`db_worker`) and
#      nginx (scripts/nginx.sh) with deploy/nginx/academy.conf in front of both app servers,
#      over TLS with a throw-away certificate;
#   4. Locust, headless: 300 learners start the exam within 30 s, then answer a question every
#      5–15 s for 3 minutes (bench/load/locustfile.py);
#   5. bench/load/verify.py: p50/p95/p99 per request type, the error count, server CPU per
#      request, and a check in the database that every answer the server acknowledged is
#      stored; budgets are checked.
#
# Scenarios (LOAD_SCENARIOS, each with learners of its own, one after the other):
#   normal  the exam; with SERVERS=2 a bulk issue of 500 certificates runs at the same time;
#   hog     the exam while a process spins on one core (taskset -c 0), the whole run long;
#   fault   the exam; halfway through, app server 1 is killed (kill -9, master and workers).
# Defaults: SERVERS=1 runs "normal hog", SERVERS=2 runs "normal fault".
# Shorter runs while developing: LOAD_USERS=30 LOAD_RUN_TIME=60s LOAD_SCENARIOS=normal.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
BIN="$(dirname "$PY")"
LOCUST="${LOCUST:-$BIN/locust}"
SERVERS="${SERVERS:-1}"
USERS="${LOAD_USERS:-300}"
SPAWN_RATE="${LOAD_SPAWN_RATE:-10}"   # 300 users in 30 s
RUN_TIME="${LOAD_RUN_TIME:-210s}"     # 30 s of starts + 3 minutes of answering
WORKERS="${LOAD_WORKERS:-$((6 / SERVERS))}"  # gunicorn workers per app server
CERTIFICATES="${LOAD_CERTIFICATES:-500}"
if [ "$SERVERS" = 2 ]; then SCENARIOS="${LOAD_SCENARIOS:-normal fault}"
elif [ "$SERVERS" = 1 ]; then SCENARIOS="${LOAD_SCENARIOS:-normal hog}"
else echo "SERVERS must be 1 or 2, not $SERVERS" >&2; exit 2
fi
[[ "$RUN_TIME" =~ ^[0-9]+s$ ]] || { echo "LOAD_RUN_TIME must be seconds, e.g. 210s" >&2; exit 2; }

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
APP_PIDS=()
TASK_PIDS=()
HOG_PID=""
S3_DIR=""
NGINX_DIR=""

stop_app_servers() {
  for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  APP_PIDS=()
}

cleanup() {
  set +e
  [ -n "$HOG_PID" ] && kill "$HOG_PID" 2>/dev/null
  stop_app_servers
  # A worker stops after its current task (minutes for 25 certificates on a busy machine):
  # this data is thrown away, so it gets 5 s.
  for pid in "${TASK_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${TASK_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${TASK_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  [ -n "$NGINX_DIR" ] && "$ROOT/scripts/nginx.sh" stop "$NGINX_DIR"
  [ -n "$S3_DIR" ] && "$ROOT/scripts/seaweedfs.sh" stop "$S3_DIR"
  "$ROOT/scripts/redis.sh" stop "$WORK/redis"
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
echo "== Redis (the cache, and the sessions' cache)"
export CACHE_URL="$("$ROOT/scripts/redis.sh" start "$WORK/redis" "$(free_port)")"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/academy"
export DJANGO_SETTINGS_MODULE=lms.settings.dev
export DEBUG=False
export SECRET_KEY="load-test-only-$(date +%s)-not-a-real-secret-key-xxxxxxxxxxxxxxxxxxxx"
export LMS_VAR_DIR="$WORK/var"
export CERTIFICATE_FONTS_DIR="${CERTIFICATE_FONTS_DIR:-$ROOT/var/fonts}"  # make bootstrap builds them
mkdir -p "$LMS_VAR_DIR/static"
export LOG_LEVEL=WARNING
export CONN_MAX_AGE=60
export LOAD_WORK="$WORK"
export LOAD_USERS="$USERS"
export EMAIL_URL="dummymail://"
export TASKS_BACKEND=database

if [ "$SERVERS" = 2 ]; then
  echo "== SeaweedFS (FILE_STORAGE=s3)"
  S3_DIR="$WORK/seaweedfs"
  [ -x "$BIN/weed" ] && export WEED="$BIN/weed"
  export S3_ENDPOINT_URL="$("$ROOT/scripts/seaweedfs.sh" start "$S3_DIR" "$(free_port)")"
  export FILE_STORAGE=s3 S3_PRIVATE_BUCKET=load-private S3_MEDIA_BUCKET=load-media \
    S3_ACCESS_KEY_ID=lms-test-access S3_SECRET_ACCESS_KEY=lms-test-secret-key \
    S3_REGION=us-east-1 S3_ADDRESSING_STYLE=path
  "$PY" -c 'import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name="us-east-1",
                  aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
                  aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"])
for bucket in (os.environ["S3_PRIVATE_BUCKET"], os.environ["S3_MEDIA_BUCKET"]):
    s3.create_bucket(Bucket=bucket)'
  export PROXY_COUNT=1
fi

cd "$ROOT"
echo "== migrate"
"$PY" manage.py migrate --no-input -v0

if [ "$SERVERS" = 2 ]; then
  "$PY" bench/load/certificates.py setup "$CERTIFICATES"
  echo "== two task workers (db_worker, nice 10 as the systemd units run them)"
  for n in 1 2; do
    nice -n 10 "$PY" manage.py db_worker --no-reload --worker-id "load-worker-$n" \
      >"$WORK/db_worker-$n.log" 2>&1 &
    TASK_PIDS+=($!)
  done
fi

APP_PORTS=()
for n in $(seq 1 "$SERVERS"); do APP_PORTS+=("$(free_port)"); done
BASE="http://127.0.0.1:${APP_PORTS[0]}"
NGINX_PID=""
if [ "$SERVERS" = 2 ]; then
  NGINX_DIR="$WORK/nginx"
  mkdir -p "$NGINX_DIR"
  NGINX_PORT="$(free_port)"
  openssl req -x509 -nodes -days 1 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$NGINX_DIR/site.key" -out "$NGINX_DIR/site.pem" 2>/dev/null
  # deploy/nginx/academy.conf with the values it marks `# <-` replaced, as tests/lms/test_nginx.py does.
  sed -e "s|listen 443 ssl;|listen 127.0.0.1:$NGINX_PORT ssl;|" \
      -e "s|/etc/ssl/certs/academy.example.com.pem|$NGINX_DIR/site.pem|" \
      -e "s|/etc/ssl/private/academy.example.com.key|$NGINX_DIR/site.key|" \
      -e "s|/srv/academy/var/|$LMS_VAR_DIR/|" \
      -e "s|10.0.0.11:8000|127.0.0.1:${APP_PORTS[0]}|" \
      -e "s|10.0.0.12:8000|127.0.0.1:${APP_PORTS[1]}|" \
      deploy/nginx/academy.conf >"$NGINX_DIR/academy.conf"
  NGINX_PID="$(NGINX_WORKERS=2 "$ROOT/scripts/nginx.sh" start "$NGINX_DIR" "$NGINX_DIR/academy.conf")"
  BASE="https://127.0.0.1:$NGINX_PORT"
  # nginx passes the Host without the port (`$host`) and gunicorn trusts X-Forwarded-Proto from
  # loopback, so Django checks the browser's Origin/Referer against this (port ≠ 443).
  export CSRF_TRUSTED_ORIGINS="$BASE"
  echo "== nginx on $BASE in front of app servers on ports ${APP_PORTS[*]}"
fi

start_app_servers() {
  for port in "${APP_PORTS[@]}"; do
    "$BIN/gunicorn" lms.wsgi:application --bind "127.0.0.1:$port" \
      --workers "$WORKERS" --worker-class sync --timeout 60 --log-level warning --preload \
      --access-logfile /dev/null -c bench/load/request_cpu.py &
    APP_PIDS+=($!)
  done
  for port in "${APP_PORTS[@]}"; do
    for _ in $(seq 1 60); do
      curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
      sleep 1
    done
  done
  echo "== $SERVERS gunicorn app server(s) on 127.0.0.1:${APP_PORTS[*]} ($WORKERS workers each)"
}

cpu_groups() {  # the server processes whose CPU verify.py counts, as cpu.py's arguments
  local IFS=,
  local groups=("app=${APP_PIDS[*]}" "db=$(head -1 "$PGDATA/postmaster.pid")"
    "cache=$(cat "$WORK/redis/redis.pid")")
  [ -n "$NGINX_PID" ] && groups+=("proxy=$NGINX_PID")
  [ ${#TASK_PIDS[@]} -gt 0 ] && groups+=("tasks=${TASK_PIDS[*]}")
  echo "${groups[@]}"
}

kill_app_server_1() {  # kill -9 the first app server's master and workers at once
  local pids
  pids="$("$PY" -c 'import sys, psutil
p = psutil.Process(int(sys.argv[1]))
print(" ".join(str(c.pid) for c in [p, *p.children(recursive=True)]))' "${APP_PIDS[0]}")"
  "$PY" bench/load/cpu.py "app=${APP_PIDS[0]}" >"$WORK/cpu-killed.json"
  # shellcheck disable=SC2086
  kill -9 $pids
  echo "   $(date +%T) app server 1 killed (kill -9: pids $pids)"
}

STATUS=0
SUMMARY=()
for scenario in $SCENARIOS; do
  export LOAD_BATCH="$scenario"
  echo
  echo "######## scenario: $scenario ($SERVERS app server(s), $USERS learners, $RUN_TIME)"
  "$PY" bench/load/setup.py
  rm -f "$WORK/cpu-killed.json" "$WORK/locust_stats.csv" "$WORK/acks.json" "$WORK"/request-cpu-*.json \
    "$WORK"/reference-*.txt
  start_app_servers
  # Warm every worker up (templates, translations, connections) with a learner of its own.
  "$PY" bench/load/warmup.py "$BASE"
  if [ "$scenario" = hog ]; then
    # A bounded CPU hog: one process spinning on core 0 for the whole run, stopped after it.
    taskset -c 0 "$PY" -c 'while True: pass' &
    HOG_PID=$!
    echo "   CPU hog on core 0 (pid $HOG_PID)"
  fi
  if [ "$scenario" = normal ] && [ "$SERVERS" = 2 ]; then
    "$PY" bench/load/certificates.py start
  fi
  "$PY" bench/load/reference.py "$WORK/reference-before.txt"  # the host's speed (0905)
  # shellcheck disable=SC2046
  "$PY" bench/load/cpu.py $(cpu_groups) >"$WORK/cpu-before.json"
  echo "== Locust: $USERS learners, $SPAWN_RATE started per second, for $RUN_TIME"
  "$LOCUST" -f bench/load/locustfile.py --headless \
    --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$RUN_TIME" --stop-timeout 20 \
    --host "$BASE" --csv "$WORK/locust" --only-summary \
    --loglevel WARNING 2>"$WORK/locust-$scenario.log" >/dev/null &
  LOCUST_PID=$!
  if [ "$scenario" = fault ]; then
    sleep $(( ${RUN_TIME%s} / 2 ))
    kill_app_server_1
  fi
  wait "$LOCUST_PID" || true
  # shellcheck disable=SC2046
  "$PY" bench/load/cpu.py $(cpu_groups) >"$WORK/cpu-after.json"
  uptime >"$WORK/uptime.txt"
  "$PY" bench/load/reference.py "$WORK/reference-after.txt"
  if [ -n "$HOG_PID" ]; then kill "$HOG_PID"; wait "$HOG_PID" 2>/dev/null || true; HOG_PID=""; fi

  # Stopped first: each worker writes its requests' CPU as it exits (bench/load/request_cpu.py).
  stop_app_servers
  echo "== results ($scenario)"
  if [ "$SERVERS" = 2 ]; then "$PY" bench/load/certificates.py report; fi
  if "$PY" bench/load/verify.py; then SUMMARY+=("$scenario: passed")
  else STATUS=1; SUMMARY+=("$scenario: FAILED"); fi
done
echo
echo "== make load SERVERS=$SERVERS: ${SUMMARY[*]}"
exit $STATUS
