#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a temp
# folder, a server on a Unix socket there (and 127.0.0.1 on a free port),
# EMBARGO_TEST_POSTGRES set to its DSN for the ledger tests, and the
# cluster stopped and removed when the command ends, however it ends.
#   bash scripts/with-postgres.sh go test ./audit/ledger/...
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql).
set -euo pipefail

bindir=""
if command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
else
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: no initdb found (apt-get install postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/embargo-pg.XXXXXX)
# initdb and postgres refuse to run as root: run them as the postgres
# user (Debian's package creates it) when we are root.
as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
cleanup() {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"${as[@]}" "$bindir/initdb" -D "$dir/data" -U embargo -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: the cluster is thrown away; the tests measure logic, not disks.
# A random loopback port, tried again if another server holds it.
for try in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 20000 ))
  if "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    break
  fi
  if [ "$try" = 5 ]; then cat "$dir/server.log" >&2; exit 1; fi
done

export EMBARGO_TEST_POSTGRES="postgres://embargo@127.0.0.1:$port/postgres?sslmode=disable"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
