# Start a private PostgreSQL cluster on 127.0.0.1 for tests; sets KARTOTEKA_TEST_PG.
start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "postgres: no server installed; PostgreSQL tests will be skipped" >&2
    return 0
  fi
  local port=${KARTOTEKA_PG_PORT:-55432}
  local data=${KARTOTEKA_PG_DATA:-/tmp/kartoteka-pg-$port}
  local runas=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd -r -m postgres
    runas=(runuser -u postgres --)
  fi
  if ! "${runas[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    rm -rf "$data"; mkdir -p "$data"; [ ${#runas[@]} -gt 0 ] && chown postgres "$data"
    "${runas[@]}" "$bindir/initdb" -D "$data" -U kartoteka --auth=trust -E UTF8 >/dev/null
    "${runas[@]}" "$bindir/pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" -l "$data/log" -w start >/dev/null
  fi
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U kartoteka kartoteka_test 2>/dev/null || true
  export KARTOTEKA_TEST_PG="postgresql://kartoteka@127.0.0.1:$port/kartoteka_test"
  echo "postgres: $KARTOTEKA_TEST_PG" >&2
}
