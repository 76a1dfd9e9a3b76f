# Sourced by scripts that need a private PostgreSQL (and Redis) for one run: a `zenglow dev` stack
# under a temporary ZENGLOW_HOME on free ports, torn down on exit whatever happens.
#   throwaway_cluster_start        start it; sets ZENGLOW_HOME, ZENGLOW_DEV_POSTGRES_PORT,
#                                  ZENGLOW_DEV_REDIS_PORT, CLUSTER_SOCKET
#   throwaway_database NAME [DISABLED_CAPABILITIES]
#                                  create NAME and migrate it (`zenglow migrate up`), optionally as
#                                  if the comma-separated capabilities were missing
#   psql_admin ARGS…               psql as the superuser on the cluster's socket
#   database_url NAME              a DATABASE_URL for NAME over TCP
#   free_port                      a TCP port nothing on 127.0.0.1 listens on
# Needs ZENGLOW (the zenglow binary) set by the caller.

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 200); do
    # Below the kernel's ephemeral range (32768 up), where outgoing connections take their local
    # ports: a port that is free now cannot be taken by a client socket a moment later.
    port=$((20000 + RANDOM % 12000))
    if port_is_free "$port"; then echo "$port"; return; fi
  done
  echo "no free TCP port found on 127.0.0.1" >&2
  exit 1
}

throwaway_cluster_stop() {
  "$ZENGLOW" dev down >/dev/null 2>&1 || true
  [[ -n "${THROWAWAY_HOME:-}" ]] && rm -rf "$THROWAWAY_HOME"
}

throwaway_cluster_start() {
  [[ -x "$ZENGLOW" ]] || { echo "$ZENGLOW is missing; run 'swift build' first" >&2; exit 1; }
  THROWAWAY_HOME="$(mktemp -d /tmp/zenglow-cluster-XXXXXX)"
  chmod 755 "$THROWAWAY_HOME"   # PostgreSQL runs as the postgres user when this runs as root
  export ZENGLOW_HOME="$THROWAWAY_HOME"
  export ZENGLOW_DEV_POSTGRES_PORT="$(free_port)"
  export ZENGLOW_DEV_REDIS_PORT="$(free_port)"
  trap throwaway_cluster_stop EXIT
  "$ZENGLOW" dev up >/dev/null
  CLUSTER_SOCKET="$THROWAWAY_HOME/postgres/run"
}

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$CLUSTER_SOCKET" -p "$ZENGLOW_DEV_POSTGRES_PORT" -U postgres "$@"; }

database_url() { echo "postgresql://postgres@127.0.0.1:$ZENGLOW_DEV_POSTGRES_PORT/$1"; }

throwaway_database() {
  local database="$1" disabled="${2:-}"
  psql_admin -d postgres -c "create database $database"
  if [[ -n "$disabled" ]]; then
    psql_admin -d postgres -c "alter database $database set zenglow.disable_capabilities = '$disabled'"
  fi
  DATABASE_URL="$(database_url "$database")" "$ZENGLOW" migrate up --root . >/dev/null
}
