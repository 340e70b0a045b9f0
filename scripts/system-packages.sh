#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the platform needs when any is missing:
#   WeasyPrint (Pango, HarfBuzz subsetting), Chinese fonts and fontconfig's fc-match (the
#   certificate font's common cut), gettext (translations), a C compiler with the headers of
#   Python, libldap and libsasl (pip compiles python-ldap, which django-auth-ldap needs, from
#   source: it has no Linux wheels), postgresql-client (pg_dump and pg_restore for
#   `manage.py backup` / `restore` of a PostgreSQL site, docs/operations.md),
#   Chromium (browser tests), poppler-utils (PDF checks in tests), nginx and openssl (the
#   deployment's nginx configuration, run over TLS by tests/lms/test_nginx.py), slapd and
#   ldap-utils (the OpenLDAP server tests/ldap_server.py starts for the LDAP sign-in tests;
#   installing slapd may also start Debian's own slapd service, which the tests do not use),
#   redis-server (the shared cache the cache tests start with scripts/redis.sh; Debian may start
#   its own service too, which the tests do not use).
# As root it installs them; otherwise it prints the exact command to run.
set -euo pipefail

RUNTIME=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-noto-cjk gettext
  python3.11-venv gcc libc6-dev python3.11-dev libldap2-dev libsasl2-dev postgresql-client)
TESTING=(chromium poppler-utils nginx openssl slapd ldap-utils redis-server)

wanted=("${RUNTIME[@]}")
if [ "${1:-}" = "--test" ]; then wanted+=("${TESTING[@]}"); fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "This is not a Debian/Ubuntu system. Install the equivalents of: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
