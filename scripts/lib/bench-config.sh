#!/usr/bin/env bash
# Writes a server config for load runs: one shop "bench" with many agents that share one
# password, capacities high enough that nobody ever queues, and no rota (served around the
# clock by whoever is online).
#
#   scripts/lib/bench-config.sh <kefu-server-binary> <out-config.json> <agents> <out-password-file>
#
# The config is kefu.v1.ServerConfig in protobuf's JSON mapping (proto/kefu/v1/config.proto).
# The password is random; the file gets it, the config only its argon2id hash, computed once
# (Debian's argon2 at the lowest cost, else `kefu-server --hash-password`) and given to every
# agent. Agents are bench-a0001, ....
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ $# -ne 4 ]]; then
  printf 'usage: %s <kefu-server-binary> <out-config.json> <agents> <out-password-file>\n' "$0" >&2
  exit 2
fi
server="$1"
config_out="$2"
agents="$3"
password_out="$4"
[[ -x "${server}" ]] || kefu_die "${server} is not an executable"
[[ "${agents}" =~ ^[1-9][0-9]*$ ]] || kefu_die "agents must be a positive number, not '${agents}'"
umask 077
# Simulated buyers and agents send far faster than people: the flood limits (issue 10) are
# lifted so the figures measure the server, not its protection.

password="$(openssl rand -hex 12)"
if command -v argon2 >/dev/null; then
  # Logins are not what the bench measures: at the lowest cost libsodium accepts (8 KiB, one
  # pass) 200 agents log in in milliseconds instead of half a minute of the server's CPU.
  hash="$(printf '%s' "${password}" | argon2 "$(openssl rand -hex 8)" -id -t 1 -m 3 -p 1 -e)"
else
  hash="$(printf '%s\n' "${password}" | "${server}" --hash-password)"
fi
[[ "${hash}" =~ ^\$argon2id\$[A-Za-z0-9\$=+/,.-]+$ ]] ||
  kefu_die "${server} --hash-password printed an unexpected hash: ${hash}"

{
  cat <<JSON
{
  "shops": [
    {
      "id": "bench",
      "displayName": "Bench",
      "buyerTokenSecret": "$(openssl rand -hex 32)",
      "webhookSecret": "$(openssl rand -hex 32)",
      "defaultCapacity": 1000000,
      "groups": [
        {"id": "presale", "displayName": "售前"},
        {"id": "aftersale", "displayName": "售后"}
      ],
      "agents": [
JSON
  for ((i = 1; i <= agents; i++)); do
    id="$(printf 'bench-a%04d' "${i}")"
    separator=","
    [[ ${i} -lt ${agents} ]] || separator=""
    printf '        {"id": "%s", "login": "%s", "displayName": "Agent %d", "group": "presale", "passwordHash": "%s"}%s\n' \
      "${id}" "${id}" "${i}" "${hash}" "${separator}"
  done
  cat <<JSON
      ]
    }
  ],
  "limits": {
    "framesPerSecond": 1000000, "frameBurst": 1000000,
    "buyerMessagesPerMinute": 60000000, "buyerMessageBurst": 1000000
  }
}
JSON
} >"${config_out}"
printf '%s\n' "${password}" >"${password_out}"
