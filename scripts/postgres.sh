#!/usr/bin/env bash
# Start a throw-away PostgreSQL server from Debian's packages on a loopback port.
#   scripts/postgres.sh start DIR [PORT] -> prints the DATABASE_URL to use (without PORT: a
#                                           free loopback port, so a server left running by
#                                           another run cannot take it)
#   scripts/postgres.sh stop DIR
# Installs the server when it is missing (as root) and runs it as the `postgres` user.
set -euo pipefail

cmd=${1:?usage: postgres.sh start DIR [PORT] | stop DIR}
dir=${2:?data directory}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && echo "$bin"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    port=${3:-$(free_port)}
    if [ -z "$(pg_bin)" ]; then
      if [ "$(id -u)" -ne 0 ]; then
        echo "PostgreSQL is not installed. Run: sudo apt-get install -y postgresql" >&2
        exit 1
      fi
      echo "Installing PostgreSQL from Debian's packages..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    bin=$(pg_bin)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2
    echo "postgres://postgres@127.0.0.1:$port/lms"
    ;;
  stop)
    bin=$(pg_bin)
    [ -f "$dir/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2 || true
    ;;
  *)
    echo "usage: postgres.sh start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
