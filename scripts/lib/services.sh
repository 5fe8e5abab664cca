#!/usr/bin/env bash
# Throw-away services for tests and benchmarks: a Redis without persistence and a kefu-server
# on free ports, in a directory of the caller's. The caller stops them (kefu_stop_child).
# Sourced, never run.
set -euo pipefail

# shellcheck source=scripts/lib/process.sh
source "$(dirname "${BASH_SOURCE[0]}")/process.sh"

# Prints a port nobody listens on, below the kernel's ephemeral range: a load run's outgoing
# connections take ports from that range, and a port in use by one cannot be listened on.
# Another process may take it before we bind: rare, and the start-up checks below then fail
# loudly rather than testing the wrong server.
kefu_free_port() {
  local port low=10000 high=32767 ephemeral_low
  read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || ephemeral_low=0
  if [[ ${ephemeral_low} -gt $((low + 1000)) ]]; then
    high=$((ephemeral_low - 1))
  else
    high=65000
  fi
  for _ in $(seq 1 100); do
    port=$((low + RANDOM % (high - low + 1)))
    if ! kefu_port_open 127.0.0.1 "${port}"; then
      printf '%s\n' "${port}"
      return 0
    fi
  done
  kefu_die "no free port found"
}

# kefu_wait_until SECONDS PID NAME CMD...: polls CMD every 0.1 s while PID lives.
kefu_wait_until() {
  local seconds="$1" pid="$2" name="$3" tenths=0
  shift 3
  until "$@"; do
    kefu_alive "${pid}" || kefu_die "${name} exited during start-up"
    [[ ${tenths} -lt $((seconds * 10)) ]] || kefu_die "${name} not ready after ${seconds}s"
    sleep 0.1
    tenths=$((tenths + 1))
  done
}

# kefu_start_redis DIR: redis-server on a free port, data and log in DIR, no persistence.
# Sets KEFU_REDIS_PID and KEFU_REDIS_PORT.
kefu_start_redis() {
  local dir="$1"
  command -v redis-server >/dev/null || kefu_die "redis-server is not installed"
  KEFU_REDIS_PORT="$(kefu_free_port)"
  redis-server --bind 127.0.0.1 --port "${KEFU_REDIS_PORT}" --dir "${dir}" --save '' \
    --appendonly no --daemonize no --logfile "${dir}/redis.log" --maxclients 10000 </dev/null &
  KEFU_REDIS_PID=$!
  kefu_wait_until 10 "${KEFU_REDIS_PID}" redis-server kefu_port_open 127.0.0.1 "${KEFU_REDIS_PORT}"
}

# kefu_start_server BINARY CONFIG REDIS_PORT DIR THREADS [WEB_ROOT]: kefu-server on a free
# port, its log in DIR/server.log, serving WEB_ROOT (default DIR), until /healthz answers 200.
# Sets KEFU_SERVER_PID and KEFU_SERVER_PORT.
kefu_start_server() {
  local binary="$1" config="$2" redis_port="$3" dir="$4" threads="$5" web_root="${6:-$4}"
  KEFU_SERVER_PORT="$(kefu_free_port)"
  "${binary}" --listen "127.0.0.1:${KEFU_SERVER_PORT}" --redis "redis://127.0.0.1:${redis_port}" \
    --config "${config}" --web-root "${web_root}" --threads "${threads}" \
    >>"${dir}/server.log" 2>&1 </dev/null &
  KEFU_SERVER_PID=$!
  kefu_wait_until 30 "${KEFU_SERVER_PID}" kefu-server kefu_server_healthy
}

kefu_server_healthy() {
  [[ "$(kefu_http_status 127.0.0.1 "${KEFU_SERVER_PORT}" /healthz)" == 200 ]]
}

# kefu_start_echo_server BINARY DIR THREADS: tests/load's echo server on a free port.
# Sets KEFU_ECHO_PID and KEFU_ECHO_PORT.
kefu_start_echo_server() {
  local binary="$1" dir="$2" threads="$3"
  KEFU_ECHO_PORT="$(kefu_free_port)"
  "${binary}" --listen "127.0.0.1:${KEFU_ECHO_PORT}" --threads "${threads}" \
    >>"${dir}/echo.log" 2>&1 </dev/null &
  KEFU_ECHO_PID=$!
  kefu_wait_until 10 "${KEFU_ECHO_PID}" kefu-echo-server kefu_port_open 127.0.0.1 "${KEFU_ECHO_PORT}"
}
