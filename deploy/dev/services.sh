#!/usr/bin/env bash
# Starts the services MLOps needs on 127.0.0.1 without Docker: PostgreSQL (a private cluster),
# an S3 endpoint (s3rver) and Prometheus. Installs what is missing (apt, npm), keeps all data under
# one folder it owns, and writes the connection settings to one env file for the apps and tests.
#
#   deploy/dev/services.sh up       install what is missing, start what is not running
#   deploy/dev/services.sh down     stop what this script started (by pid file)
#   deploy/dev/services.sh status   say what runs, what answers, and what is not available here
#   deploy/dev/services.sh env      print the env file (source it: set -a; . "$(... env-file)"; set +a)
#   deploy/dev/services.sh env-file print the env file's path
#
# Ports and the data folder can be moved with the MLOPS_DEV_* variables below.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dev_home=${MLOPS_DEV_HOME:-$repo_root/.dev}
# Default ports lie above Linux's ephemeral range (32768-60999 here): a port inside it can be held by any
# outgoing connection, which once kept PostgreSQL from starting, and two checkouts' services collide there.
pg_port=${MLOPS_DEV_PG_PORT:-61432}
s3_port=${MLOPS_DEV_S3_PORT:-61900}
prom_port=${MLOPS_DEV_PROMETHEUS_PORT:-61090}
api_port=${MLOPS_DEV_API_PORT:-5080}
worker_port=${MLOPS_DEV_WORKER_PORT:-5081}
# Tests that need a scrape target start a small exporter here; Prometheus already scrapes it.
test_exporter_port=${MLOPS_DEV_TEST_EXPORTER_PORT:-61100}
s3rver_version=3.7.1
run_dir=$dev_home/run
env_file=$dev_home/services.env

log() { printf '%s\n' "$*" >&2; }
die() { log "services.sh: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

pid_alive() {
  local pid_file=$run_dir/$1.pid
  [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Who holds a local TCP port, in any state (listening, or an outgoing connection that happens to use it):
# "process (pid N, STATE)" per socket, nothing when it is free.
port_holders() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    # TIME-WAIT is left out: it holds no process, and the services bind with SO_REUSEADDR past it.
    ss -Htanp exclude time-wait "( sport = :$port )" 2>/dev/null | awk '{
      proc = "an unknown process (run as root to see it)"
      if (match($0, /users:\(\("[^"]*",pid=[0-9]+/)) {
        split(substr($0, RSTART + 9, RLENGTH - 9), parts, /",pid=/)
        proc = parts[1] " (pid " parts[2] ", " $1 ")"
      } else { proc = proc " (" $1 ")" }
      print proc
    }' | sort -u
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$port" 2>/dev/null | awk 'NR > 1 { print $1 " (pid " $2 ")" }' | sort -u
  fi
}

# Stops with a plain sentence when a service's port is taken, instead of the service failing to bind later.
require_free_port() {
  local service=$1 port=$2 variable=$3 holders
  holders=$(port_holders "$port")
  [ -z "$holders" ] && return 0
  die "$service: port $port on 127.0.0.1 is taken by $(printf '%s' "$holders" | paste -sd ';' - | sed 's/;/; /g'); stop it or choose another port with $variable=PORT"
}

# Polls a command until it succeeds; services need a moment after their process starts.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "$what did not become ready within ${seconds}s (logs in $dev_home/logs)"
    sleep 0.2
  done
}

apt_install() {
  is_root || die "missing packages ($*); install them with: sudo apt-get install -y $*"
  log "installing $* (apt)"
  if [ ! -f "$run_dir/apt-updated" ]; then
    apt-get update -qq >/dev/null
    touch "$run_dir/apt-updated"
  fi
  # policy-rc.d on these machines keeps apt from starting the distribution's own cluster.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$dev_home/logs/apt.log" 2>&1 \
    || die "apt-get install $* failed (see $dev_home/logs/apt.log)"
}

# --- PostgreSQL: a private cluster, so `down` never touches a system one -----------------------

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# The server refuses to run as root; as root, run its tools as the postgres user.
# From / so the tools do not complain about a working directory the postgres user cannot enter.
as_pg() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

pg_home() {
  # The postgres user must reach the data folder; a checkout under a private home may not allow it.
  if is_root && ! runuser -u postgres -- test -x "$dev_home" 2>/dev/null; then
    printf '/var/lib/mlops-dev/%s/postgres' "$(printf '%s' "$dev_home" | sha256sum | cut -c1-12)"
  else
    printf '%s/postgres' "$dev_home"
  fi
}

pg_ready() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; }

postgres_up() {
  [ -n "$(pg_bin)" ] || apt_install postgresql
  local bin home data sockets
  bin=$(pg_bin); home=$(pg_home); data=$home/data; sockets=$home/sockets
  if pid_alive postgres && pg_ready; then log "postgres: already running on 127.0.0.1:$pg_port"; return; fi
  require_free_port postgres "$pg_port" MLOPS_DEV_PG_PORT
  mkdir -p "$home" "$sockets"
  is_root && chown postgres: "$home" "$sockets"
  if [ ! -s "$data/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dev_home/logs/initdb.log" 2>&1 \
      || die "initdb failed (see $dev_home/logs/initdb.log)"
  fi
  as_pg "$bin/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t 30 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $sockets" start >/dev/null \
    || die "postgres did not start (see $home/postgres.log)"
  head -n 1 "$data/postmaster.pid" >"$run_dir/postgres.pid"
  wait_for postgres 30 pg_ready
  # Role and database are created only if missing: a reused machine already has them.
  as_pg "$bin/psql" -q -h "$sockets" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mlops') THEN
    CREATE ROLE mlops LOGIN CREATEDB PASSWORD 'mlops';
  END IF;
END $$;
SELECT 'CREATE DATABASE mlops OWNER mlops'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'mlops') \gexec
SQL
  log "postgres: running on 127.0.0.1:$pg_port (data in $data)"
}

postgres_down() {
  pid_alive postgres || { rm -f "$run_dir/postgres.pid"; return; }
  as_pg "$(pg_bin)/pg_ctl" -D "$(pg_home)/data" -m fast -w stop >/dev/null
  rm -f "$run_dir/postgres.pid"
  log "postgres: stopped"
}

# --- S3 endpoint: s3rver ------------------------------------------------------------------------

s3rver_dir() { printf '%s/s3rver' "$dev_home"; }

s3_ready() { curl -sf -o /dev/null "http://127.0.0.1:$s3_port/"; }

s3_up() {
  if pid_alive s3rver && s3_ready; then log "s3: already running on 127.0.0.1:$s3_port"; return; fi
  require_free_port s3rver "$s3_port" MLOPS_DEV_S3_PORT
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  local dir; dir=$(s3rver_dir)
  if [ ! -x "$dir/node_modules/.bin/s3rver" ]; then
    log "installing s3rver@$s3rver_version (npm)"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --silent "s3rver@$s3rver_version" \
      >"$dev_home/logs/npm.log" 2>&1 || die "npm install s3rver failed (see $dev_home/logs/npm.log)"
  fi
  # s3rver answers ListObjects in a misspelled XML namespace, so S3 clients (the Minio SDK among
  # them) read an empty listing. Correct it in this dev copy; production uses MinIO.
  sed -i 's#http://doc\.s3\.amazonaws\.com/2006-03-01/#http://s3.amazonaws.com/doc/2006-03-01/#g' \
    "$dir"/node_modules/s3rver/lib/controllers/*.js
  mkdir -p "$dev_home/s3"
  setsid node "$dir/node_modules/.bin/s3rver" -d "$dev_home/s3" -a 127.0.0.1 -p "$s3_port" \
    --configure-bucket mlops >"$dev_home/logs/s3rver.log" 2>&1 </dev/null &
  echo $! >"$run_dir/s3rver.pid"
  wait_for s3rver 30 s3_ready
  log "s3: running on 127.0.0.1:$s3_port (data in $dev_home/s3)"
}

# --- Prometheus -----------------------------------------------------------------------------------

prom_ready() { curl -sf -o /dev/null "http://127.0.0.1:$prom_port/-/ready"; }

prometheus_config() {
  cat <<EOF
# Written by deploy/dev/services.sh; edit the script, not this file.
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$prom_port']
  - job_name: mlops-api
    static_configs:
      - targets: ['127.0.0.1:$api_port']
  - job_name: mlops-worker
    static_configs:
      - targets: ['127.0.0.1:$worker_port']
  - job_name: test-exporter
    scrape_interval: 1s
    static_configs:
      - targets: ['127.0.0.1:$test_exporter_port']
EOF
}

prometheus_up() {
  if pid_alive prometheus && prom_ready; then log "prometheus: already running on 127.0.0.1:$prom_port"; return; fi
  require_free_port prometheus "$prom_port" MLOPS_DEV_PROMETHEUS_PORT
  command -v prometheus >/dev/null || apt_install prometheus
  mkdir -p "$dev_home/prometheus/data"
  prometheus_config >"$dev_home/prometheus/prometheus.yml"
  setsid prometheus --config.file="$dev_home/prometheus/prometheus.yml" \
    --storage.tsdb.path="$dev_home/prometheus/data" \
    --web.listen-address="127.0.0.1:$prom_port" >"$dev_home/logs/prometheus.log" 2>&1 </dev/null &
  echo $! >"$run_dir/prometheus.pid"
  wait_for prometheus 60 prom_ready
  log "prometheus: running on 127.0.0.1:$prom_port"
}

# --- shared --------------------------------------------------------------------------------------

stop_by_pid() {
  local name=$1
  if pid_alive "$name"; then
    local pid; pid=$(cat "$run_dir/$name.pid")
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    log "$name: stopped"
  fi
  rm -f "$run_dir/$name.pid"
}

# Keys are .NET configuration keys ("__" nests), so the same file serves `set -a; . file`,
# docker-style env files and the test settings reader.
write_env_file() {
  cat >"$env_file" <<EOF
ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Database=mlops;Username=mlops;Password=mlops'
ArtifactStore__Endpoint='http://127.0.0.1:$s3_port'
ArtifactStore__AccessKey='S3RVER'
ArtifactStore__SecretKey='S3RVER'
ArtifactStore__Bucket='mlops'
Prometheus__Url='http://127.0.0.1:$prom_port'
Prometheus__TestExporterPort='$test_exporter_port'
EOF
  [ -n "${TEMPORAL_ADDRESS:-}" ] && printf "Temporal__Address='%s'\n" "$TEMPORAL_ADDRESS" >>"$env_file"
  [ -n "${MLFLOW_TRACKING_URI:-}" ] && printf "Mlflow__TrackingUri='%s'\n" "$MLFLOW_TRACKING_URI" >>"$env_file"
  # The MLflow server's --artifacts-destination on this S3; the platform refuses MLflow without it.
  [ -n "${MLFLOW_TRACKING_URI:-}" ] && printf "Mlflow__ArtifactsDestination='%s'\n" "${MLFLOW_ARTIFACTS_DESTINATION:-s3://mlflow}" >>"$env_file"
  return 0
}

report_external() {
  if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
    log "temporal: using $TEMPORAL_ADDRESS"
  else
    log "temporal: not available on this machine (no server can be downloaded or run here);" \
      "set TEMPORAL_ADDRESS to use one. Workflow tests skip without it."
  fi
  if [ -n "${MLFLOW_TRACKING_URI:-}" ]; then
    log "mlflow: using $MLFLOW_TRACKING_URI (run artifacts to ${MLFLOW_ARTIFACTS_DESTINATION:-s3://mlflow}; set MLFLOW_ARTIFACTS_DESTINATION to the server's --artifacts-destination)"
  else
    log "mlflow: not available on this machine (Python packages cannot be installed here);" \
      "set MLFLOW_TRACKING_URI to use one. The client is tested against recorded responses."
  fi
}

status() {
  local failed=0
  check() {
    if pid_alive "$1" && "$2"; then log "$1: running ($3)"; else log "$1: not running"; failed=1; fi
  }
  check postgres pg_ready "127.0.0.1:$pg_port"
  check s3rver s3_ready "127.0.0.1:$s3_port"
  check prometheus prom_ready "127.0.0.1:$prom_port"
  report_external
  return $failed
}

main() {
  mkdir -p "$run_dir" "$dev_home/logs"
  case "${1:-}" in
    up)
      postgres_up
      s3_up
      prometheus_up
      write_env_file
      report_external
      log "settings: $env_file"
      ;;
    down)
      stop_by_pid prometheus
      stop_by_pid s3rver
      postgres_down
      ;;
    status) status ;;
    env) cat "$env_file" ;;
    env-file) printf '%s\n' "$env_file" ;;
    *) die "usage: services.sh up|down|status|env|env-file" ;;
  esac
}

main "$@"
