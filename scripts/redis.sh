#!/usr/bin/env bash
# Start a throw-away Redis server from Debian's packages on a loopback port.
#   scripts/redis.sh start DIR PORT   -> prints the CACHE_URL to use
#   scripts/redis.sh stop DIR
# Installs the server when it is missing (as root). Nothing is written to disk (no RDB
# snapshots, no append-only file): it is a cache, and the tests' servers are thrown away.
set -euo pipefail

cmd=${1:?usage: redis.sh start DIR PORT | stop DIR}
dir=${2:?data directory}

case "$cmd" in
  start)
    port=${3:?port}
    if ! command -v redis-server >/dev/null 2>&1; then
      if [ "$(id -u)" -ne 0 ]; then
        echo "Redis is not installed. Run: sudo apt-get install -y redis-server" >&2
        exit 1
      fi
      echo "Installing Redis from Debian's packages..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    fi
    mkdir -p "$dir"
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
      --dir "$dir" --save '' --appendonly no \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
    for _ in $(seq 1 100); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
        echo "redis://127.0.0.1:$port/0"
        exit 0
      fi
      sleep 0.05
    done
    echo "Redis did not answer on 127.0.0.1:$port; see $dir/redis.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/redis.pid" ]; then
      pid=$(cat "$dir/redis.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
      done
      rm -f "$dir/redis.pid"
    fi
    ;;
  *)
    echo "usage: redis.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
