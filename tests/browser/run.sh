#!/usr/bin/env bash
# Runs the browser test against a real server:
#   tests/browser/run.sh <kefu-server-binary> <web-dist-dir> [test-file.mjs...]
# Starts its own redis-server (free port, temp dir, no persistence) and kefu-server (free
# port, a freshly generated demo config), waits for /healthz, runs roundtrip.test.mjs and then
# supervisor.test.mjs (one after the other: they share the server) with node's test runner, and
# always stops both processes. Given test files, runs those instead: drain.test.mjs (issue 9)
# starts two nodes of its own on the same Redis and drains one of them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
# shellcheck source=scripts/lib/services.sh
source "${root}/scripts/lib/services.sh"

if [[ $# -lt 2 ]]; then
  printf 'usage: %s <kefu-server-binary> <web-dist-dir> [test-file.mjs...]\n' "$0" >&2
  exit 2
fi
server="$(realpath "$1")"
dist="$(realpath "$2")"
shift 2
tests=("${here}/roundtrip.test.mjs" "${here}/supervisor.test.mjs")
[[ $# -eq 0 ]] || tests=("$@")
[[ -x "${server}" ]] || kefu_die "${server} is not an executable"
[[ -f "${dist}/buyer.html" && -f "${dist}/agent.html" && -f "${dist}/supervisor.html" ]] ||
  kefu_die "${dist} has no buyer.html/agent.html/supervisor.html: run 'npm run build' in web/"
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
KEFU_REDIS_PID=""
KEFU_SERVER_PID=""
cleanup() {
  local status=$?
  [[ -z "${KEFU_SERVER_PID}" ]] || kefu_stop_child "${KEFU_SERVER_PID}" kefu-server
  [[ -z "${KEFU_REDIS_PID}" ]] || kefu_stop_child "${KEFU_REDIS_PID}" redis-server
  if [[ ${status} -ne 0 && -f "${work}/server.log" ]]; then
    printf '\n--- kefu-server log (last 60 lines) ---\n' >&2
    tail -n 60 "${work}/server.log" >&2 || true
  fi
  rm -rf "${work}"
  exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

kefu_start_redis "${work}"
"${root}/scripts/lib/demo-config.sh" "${server}" "${work}/config.json" "${work}/logins.txt"
# The tests check today's figures: count them all day (R-KPI-1's window is 08:00-24:00 Shanghai
# by default, and CI may run while it is night there).
node -e '
  const fs = require("node:fs");
  const config = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  config.shops[0].kpi = { ...config.shops[0].kpi, windowStart: "00:00", windowEnd: "24:00" };
  fs.writeFileSync(process.argv[1], JSON.stringify(config, null, 2));
' "${work}/config.json"
kefu_start_server "${server}" "${work}/config.json" "${KEFU_REDIS_PORT}" "${work}" 2 "${dist}"
port="${KEFU_SERVER_PORT}"
kefu_log "kefu-server on 127.0.0.1:${port}, redis on ${KEFU_REDIS_PORT}"

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
  KEFU_SERVER_BIN="${server}" KEFU_WEB_DIST="${dist}" KEFU_REDIS_PORT="${KEFU_REDIS_PORT}" \
  node --test --test-concurrency=1 --test-reporter=spec "${tests[@]}"
