#!/bin/sh
# deploy/backup-retention.sh DIR [KEEP] — keep the KEEP (default 14) newest complete backups in
# DIR (those with a manifest.json; docs/operations.md). An incomplete directory is left alone.
set -eu
dir=${1:?usage: backup-retention.sh DIR [KEEP]}
keep=${2:-14}
cd "$dir"
ls -1d -- */manifest.json 2>/dev/null | sed 's#/manifest.json$##' | sort -r | tail -n +"$((keep + 1))" |
  while read -r old; do rm -rf -- "$old"; done
