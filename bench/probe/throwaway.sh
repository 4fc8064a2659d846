# Sourced by the on-demand probes (outage.sh, load.sh): a throw-away PostgreSQL cluster in a temp dir (never the
# shared dev services), the API over it, and an on-call key stored the way the API stores keys.
# Callers set pg_port and api_port, call throwaway_start, and get $work, $api_pid and $token; cleanup runs on exit.

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/mlops-probe.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_pg "$bin/pg_ctl" -D "$work/pg" -l "$work/postgres.log" -w -t 30 -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $work" "$@" >/dev/null; }
psql_probe() { as_pg "$bin/psql" -qtA -h "$work" -p "$pg_port" -U postgres -d mlops -c "$1"; }

api_pid=
throwaway_cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  pg stop -m immediate 2>/dev/null || true
  rm -rf "$work"
}
trap throwaway_cleanup EXIT

# throwaway_start API_DLL [extra env assignments for the API...]
throwaway_start() {
  local api_dll=$1
  shift
  [ "$(id -u)" -eq 0 ] && chown postgres: "$work"
  as_pg "$bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log"
  pg start
  as_pg "$bin/psql" -q -h "$work" -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE mlops" >/dev/null

  env ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=mlops;Username=postgres;Timeout=3" \
    ASPNETCORE_URLS="http://127.0.0.1:$api_port" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$api_dll" >"$work/api.log" 2>&1 &
  api_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$api_port/readyz"; do sleep 0.2; done

  local id secret hash
  id=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
  secret=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  hash=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)
  psql_probe "INSERT INTO api_keys (id, name, role, secret_sha256, created_by) VALUES ('$id', 'probe', 'oncall', decode('$hash', 'hex'), 'bench/probe')"
  token="mlops_${id}_${secret}"
}
