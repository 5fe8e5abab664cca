#!/usr/bin/env bash
# Child processes and ports, for scripts that start services (scripts/run). Uses bash's
# /dev/tcp and /proc only, so nothing beyond bash and coreutils is needed. Sourced, never run.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# True while PID runs. `kill -0` alone also succeeds for an exited child nobody has waited
# for yet (a zombie), so the state in /proc decides.
kefu_alive() {
  local pid="$1" state
  [[ -r "/proc/${pid}/stat" ]] || return 1
  # Fields: pid (comm) state ...; our children's names have no spaces.
  read -r _ _ state _ <"/proc/${pid}/stat" || return 1
  [[ "${state}" != Z && "${state}" != X ]]
}

# Stops child PID with SIGTERM, waits up to TIMEOUT seconds (default 15), then SIGKILL;
# reaps it either way. NAME is for the log line.
kefu_stop_child() {
  local pid="$1" name="$2" timeout="${3:-15}" tenths=0
  if kefu_alive "${pid}"; then
    kefu_log "stopping ${name} (pid ${pid})"
    kill -TERM "${pid}" 2>/dev/null || true
    while kefu_alive "${pid}" && [[ ${tenths} -lt $((timeout * 10)) ]]; do
      sleep 0.1
      tenths=$((tenths + 1))
    done
    if kefu_alive "${pid}"; then
      kefu_warn "${name} did not stop within ${timeout}s: killing it"
      kill -KILL "${pid}" 2>/dev/null || true
    fi
  fi
  wait "${pid}" 2>/dev/null || true
}

# True when something accepts TCP connections on HOST PORT.
kefu_port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Prints the HTTP status code of GET PATH on HOST PORT (nothing if there is no answer).
kefu_http_status() {
  local host="$1" port="$2" path="$3"
  (
    exec 3<>"/dev/tcp/${host}/${port}" || exit 0
    printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' \
      "${path}" "${host}" "${port}" >&3
    local version code
    read -r -t 5 version code _ <&3 || exit 0
    [[ "${version}" == HTTP/* ]] && printf '%s\n' "${code}"
  ) 2>/dev/null || true
}
