#!/usr/bin/env bash
# Runs the browser test against a real server:
#   tests/browser/run.sh <kefu-server-binary> <web-dist-dir>
# Starts its own redis-server (free port, temp dir, no persistence) and kefu-server (free
# port, a freshly generated demo config), waits for /healthz, runs roundtrip.test.mjs with
# node's test runner, and always stops both processes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
# shellcheck source=scripts/lib/process.sh
source "${root}/scripts/lib/process.sh"

if [[ $# -ne 2 ]]; then
  printf 'usage: %s <kefu-server-binary> <web-dist-dir>\n' "$0" >&2
  exit 2
fi
server="$(realpath "$1")"
dist="$(realpath "$2")"
[[ -x "${server}" ]] || kefu_die "${server} is not an executable"
[[ -f "${dist}/buyer.html" && -f "${dist}/agent.html" ]] ||
  kefu_die "${dist} has no buyer.html/agent.html: run 'npm run build' in web/"
[[ -d "${root}/web/node_modules/playwright-core" ]] ||
  kefu_die "playwright-core is missing: run 'npm ci' in web/"
command -v redis-server >/dev/null || kefu_die "redis-server is not installed"
# Debian's browser binary itself, not its /usr/bin/chromium launcher script: the launcher
# sources /etc/chromium.d/ (extensions, a /dev/shm probe that fails where findmnt does) and adds
# nothing a headless test needs.
if [[ -z "${KEFU_CHROMIUM:-}" ]]; then
  KEFU_CHROMIUM=/usr/bin/chromium
  [[ -x /usr/lib/chromium/chromium ]] && KEFU_CHROMIUM=/usr/lib/chromium/chromium
fi
export KEFU_CHROMIUM
[[ -x "${KEFU_CHROMIUM}" ]] || kefu_die "chromium is not installed"

work="$(mktemp -d)"
redis_pid=""
server_pid=""
cleanup() {
  local status=$?
  [[ -z "${server_pid}" ]] || kefu_stop_child "${server_pid}" kefu-server
  [[ -z "${redis_pid}" ]] || kefu_stop_child "${redis_pid}" redis-server
  if [[ ${status} -ne 0 && -f "${work}/server.log" ]]; then
    printf '\n--- kefu-server log (last 60 lines) ---\n' >&2
    tail -n 60 "${work}/server.log" >&2 || true
  fi
  rm -rf "${work}"
  exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nobody listens on. Another process may take it before we bind: rare, and the
# start-up check below then fails loudly rather than testing the wrong server.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! kefu_port_open 127.0.0.1 "${port}"; then
      printf '%s\n' "${port}"
      return 0
    fi
  done
  kefu_die "no free port found"
}

wait_until() { # wait_until SECONDS PID NAME CMD...: polls CMD while PID lives
  local seconds="$1" pid="$2" name="$3" tenths=0
  shift 3
  until "$@"; do
    kefu_alive "${pid}" || kefu_die "${name} exited during start-up"
    [[ ${tenths} -lt $((seconds * 10)) ]] || kefu_die "${name} not ready after ${seconds}s"
    sleep 0.1
    tenths=$((tenths + 1))
  done
}

redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "${redis_port}" --dir "${work}" --save '' --appendonly no \
  --daemonize no --logfile "${work}/redis.log" &
redis_pid=$!
wait_until 10 "${redis_pid}" redis-server kefu_port_open 127.0.0.1 "${redis_port}"

"${root}/scripts/lib/demo-config.sh" "${server}" "${work}/config.json" "${work}/logins.txt"

port="$(free_port)"
"${server}" --listen "127.0.0.1:${port}" --redis "redis://127.0.0.1:${redis_port}" \
  --config "${work}/config.json" --web-root "${dist}" --threads 2 >"${work}/server.log" 2>&1 &
server_pid=$!
healthy() { [[ "$(kefu_http_status 127.0.0.1 "${port}" /healthz)" == 200 ]]; }
wait_until 30 "${server_pid}" kefu-server healthy
kefu_log "kefu-server on 127.0.0.1:${port}, redis on ${redis_port}"

# The simulated platform against the real server (issue 4): a day of orders is stored, and the
# same day sent again stores nothing twice.
sim() { KEFU_CONFIG="${work}/config.json" "${root}/scripts/platform-sim" --url "http://127.0.0.1:${port}" --shop demo --quiet --seed 42; }
first="$(sim)" || kefu_die "platform-sim failed: ${first}"
again="$(sim)" || kefu_die "platform-sim failed the second time: ${again}"
node -e '
  const [first, again] = process.argv.slice(1).map((s) => JSON.parse(s));
  if (!(first.stored === first.events && first.stored > 0)) throw new Error(`first run: ${JSON.stringify(first)}`);
  if (!(again.stored === 0 && again.duplicates === again.sent)) throw new Error(`second run: ${JSON.stringify(again)}`);
  console.log(`platform-sim: ${first.stored} events stored, then ${again.duplicates} duplicates and nothing stored`);
' "${first}" "${again}"

# The browser gets a home of its own: CI users may have none, or one it cannot write.
mkdir -p "${work}/home"
HOME="${work}/home" XDG_CONFIG_HOME="${work}/home/.config" XDG_CACHE_HOME="${work}/home/.cache" \
  KEFU_URL="http://127.0.0.1:${port}" KEFU_LOGINS_FILE="${work}/logins.txt" KEFU_CONFIG="${work}/config.json" \
  node --test --test-reporter=spec "${here}/roundtrip.test.mjs"
