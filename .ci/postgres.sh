#!/usr/bin/env bash
# Make a PostgreSQL server available on 127.0.0.1 for the library tests and print its SQLAlchemy URL.
# Installs Debian's postgresql when missing, starts the newest installed cluster, and (re)creates a
# throwaway role and database. Everything else goes to stderr, so: URL=$(bash .ci/postgres.sh)
set -euo pipefail

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is missing: run 'sudo apt-get install postgresql' (needed for the library tests)" >&2
    exit 1
  fi
  echo "Installing PostgreSQL from Debian's packages..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
  pg_createcluster "$version" main >&2
fi
status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
if [ "$status" != online ]; then
  pg_ctlcluster "$version" main start >&2
fi

as_postgres psql -q -v ON_ERROR_STOP=1 -p "$port" >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'studio_test') THEN
    CREATE ROLE studio_test LOGIN PASSWORD 'studio_test';
  END IF;
END $$;
SET client_min_messages = warning;
DROP DATABASE IF EXISTS studio_test WITH (FORCE);
CREATE DATABASE studio_test OWNER studio_test;
SQL

echo "postgresql+psycopg://studio_test:studio_test@127.0.0.1:${port}/studio_test"
