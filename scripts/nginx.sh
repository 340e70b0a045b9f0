#!/usr/bin/env bash
# Start a throw-away nginx (Debian's) with a site file, its paths all in DIR.
#   scripts/nginx.sh start DIR SITE_FILE   -> prints the pid of the nginx master
#   scripts/nginx.sh stop DIR
# SITE_FILE is a server block (and its upstream), as deploy/nginx/academy.conf with its
# `# <-` values replaced; it is included inside `http {}` after mime.types, as Debian's
# /etc/nginx/nginx.conf includes sites-enabled/. nginx runs in the foreground of a background
# process (`daemon off`), owned by whoever started it, logs and temporary files in DIR. As root
# its workers run as root too (the files they serve belong to the caller).
# Installs nginx when it is missing (as root).
set -euo pipefail

cmd=${1:?usage: nginx.sh start DIR SITE_FILE | stop DIR}
dir=${2:?folder}
NGINX=${NGINX:-/usr/sbin/nginx}

case "$cmd" in
  start)
    site=${3:?site file}
    if [ ! -x "$NGINX" ]; then
      if [ "$(id -u)" -ne 0 ]; then
        echo "nginx is not installed. Run: sudo apt-get install -y nginx" >&2
        exit 1
      fi
      echo "Installing nginx from Debian's packages..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends nginx >/dev/null
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    user=""
    if [ "$(id -u)" -eq 0 ]; then user="user root root;"; fi
    cat >"$dir/nginx.conf" <<CONF
$user
daemon off;
worker_processes ${NGINX_WORKERS:-1};
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log ${NGINX_ACCESS_LOG:-off};
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    include $(cd "$(dirname "$site")" && pwd)/$(basename "$site");
}
CONF
    "$NGINX" -t -q -c "$dir/nginx.conf" -e "$dir/error.log" >&2
    nohup "$NGINX" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/nginx.out" 2>&1 </dev/null &
    echo $! >"$dir/nginx.master"
    for _ in $(seq 1 100); do
      if [ -s "$dir/nginx.pid" ]; then
        cat "$dir/nginx.master"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/nginx.master")" 2>/dev/null; then
        echo "nginx stopped while starting; see $dir/error.log:" >&2
        tail -n 20 "$dir/error.log" >&2
        exit 1
      fi
      sleep 0.05
    done
    echo "nginx did not start within 5 s; see $dir/error.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/nginx.master" ]; then
      pid=$(cat "$dir/nginx.master")
      kill -QUIT "$pid" 2>/dev/null || true  # graceful: finish the requests in flight
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/nginx.master"
    fi
    ;;
  *)
    echo "usage: nginx.sh start DIR SITE_FILE | stop DIR" >&2
    exit 2
    ;;
esac
