#!/usr/bin/env bash
# Make sure the PostgreSQL the tests use (127.0.0.1:5432, database `test`, trust auth) is up before
# `make test`: under CI=true the PostgreSQL tests must run, never skip (tests/store/conftest.py fails
# them when the server is unreachable). Starts the machine's cluster when it is installed but down.
set -uo pipefail
host=127.0.0.1
if ! pg_isready -q -h "$host" -p 5432 2>/dev/null; then
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | while read -r ver name _rest; do
      pg_ctlcluster "$ver" "$name" start >/dev/null 2>&1 || true
    done
  fi
  for _ in $(seq 30); do pg_isready -q -h "$host" -p 5432 2>/dev/null && break; sleep 1; done
fi
if pg_isready -q -h "$host" -p 5432 2>/dev/null; then
  psql -h "$host" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null | grep -q 1 \
    || psql -h "$host" -U postgres -c "CREATE DATABASE test" >/dev/null 2>&1 || true
  echo "PostgreSQL ready on $host:5432"
else
  echo "PostgreSQL is not reachable on $host:5432: the PostgreSQL tests will fail under CI=true" >&2
fi
exit 0
