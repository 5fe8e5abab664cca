#!/usr/bin/env bash
# The load generator's smoke test (ctest label load): a few seconds of each scenario at a low
# rate against a real kefu-server and Redis, and of the echo baseline. kefu-load exits
# non-zero when anything was lost, duplicated or refused, and so does this script.
#   tests/load/run_smoke.sh <kefu-server> <kefu-load> <kefu-echo-server>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
# shellcheck source=scripts/lib/services.sh
source "${root}/scripts/lib/services.sh"

if [[ $# -ne 3 ]]; then
  printf 'usage: %s <kefu-server> <kefu-load> <kefu-echo-server>\n' "$0" >&2
  exit 2
fi
server="$(realpath "$1")"
load="$(realpath "$2")"
echo_server="$(realpath "$3")"

work="$(mktemp -d)"
KEFU_REDIS_PID=""
KEFU_SERVER_PID=""
KEFU_ECHO_PID=""
cleanup() {
  local status=$?
  [[ -z "${KEFU_SERVER_PID}" ]] || kefu_stop_child "${KEFU_SERVER_PID}" kefu-server
  [[ -z "${KEFU_REDIS_PID}" ]] || kefu_stop_child "${KEFU_REDIS_PID}" redis-server
  [[ -z "${KEFU_ECHO_PID}" ]] || kefu_stop_child "${KEFU_ECHO_PID}" kefu-echo-server
  if [[ ${status} -ne 0 && -f "${work}/server.log" ]]; then
    printf '\n--- kefu-server log (last 40 lines) ---\n' >&2
    tail -n 40 "${work}/server.log" >&2 || true
  fi
  rm -rf "${work}"
  exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${root}/scripts/lib/bench-config.sh" "${server}" "${work}/config.json" 4 "${work}/password"
kefu_start_redis "${work}"
kefu_start_server "${server}" "${work}/config.json" "${KEFU_REDIS_PORT}" "${work}" 2
kefu_log "kefu-server on 127.0.0.1:${KEFU_SERVER_PORT}, redis on ${KEFU_REDIS_PORT}"

common=(--port "${KEFU_SERVER_PORT}" --config "${work}/config.json"
  --password "$(cat "${work}/password")" --warmup 0 --drain 15 --sources 4)

kefu_log "routed: 20 buyers, 200 messages/s for 3 s"
"${load}" routed "${common[@]}" --buyers 20 --rate 200 --duration 3 --think-ms 20 \
  --server-pid "${KEFU_SERVER_PID}" --redis-pid "${KEFU_REDIS_PID}"

kefu_log "new conversations: 50/s for 2 s"
"${load}" new-conversations "${common[@]}" --rate 50 --duration 2

kefu_log "idle: 200 connections"
"${load}" idle "${common[@]}" --connections 200 --settle 0.5 --server-pid "${KEFU_SERVER_PID}"

kefu_start_echo_server "${echo_server}" "${work}" 1
kefu_log "echo baseline: 10 peers, 200 messages/s for 1 s"
"${load}" routed --target echo --port "${KEFU_ECHO_PORT}" --buyers 10 --rate 200 --duration 1 \
  --warmup 0 --drain 5
