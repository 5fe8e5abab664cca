#!/usr/bin/env bash
# Writes the demo shop's server config and its agents' logins.
#
#   scripts/lib/demo-config.sh <kefu-server-binary> <out-config.json> <out-logins.txt>
#
# The config is kefu.v1.ServerConfig in protobuf's JSON mapping (proto/kefu/v1/config.proto)
# with fresh random secrets. Each agent gets a random password; the config holds only its
# argon2id hash (from `kefu-server --hash-password`). The logins file has one "login password"
# line per agent. If it exists already its passwords are kept, so logins survive a rewrite.
# Both files are readable by their owner only.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ $# -ne 3 ]]; then
  printf 'usage: %s <kefu-server-binary> <out-config.json> <out-logins.txt>\n' "$0" >&2
  exit 2
fi
server="$1"
config_out="$2"
logins_out="$3"
[[ -x "${server}" ]] || kefu_die "${server} is not an executable"
umask 077

# The demo accounts: login, display name, group, and "supervisor" for the shop's supervisor
# (supervisor.html, the supervisor API). The supervisor sits outside the routing groups, as in
# the end-to-end tests' shop: supervisors take escalations and reassign, buyers are not routed
# to them.
agents=(
  "presale1 小美 presale"
  "presale2 小雅 presale"
  "aftersale1 阿强 aftersale"
  "aftersale2 阿明 aftersale"
  "supervisor1 王主管 leads supervisor"
)

# Passwords from an earlier logins file, by login.
declare -A passwords=()
if [[ -f "${logins_out}" ]]; then
  while read -r login password _; do
    if [[ -n "${login}" && -n "${password}" ]]; then
      passwords["${login}"]="${password}"
    fi
  done <"${logins_out}"
fi

random_password() {
  local password=""
  while [[ ${#password} -lt 12 ]]; do
    password+=$(openssl rand -base64 24 | tr -dc 'A-Za-z0-9')
  done
  printf '%s\n' "${password:0:12}"
}

hash_password() {
  local hash
  hash=$(printf '%s\n' "$1" | "${server}" --hash-password)
  # The hash goes into JSON unescaped: make sure it is what we expect.
  [[ "${hash}" =~ ^\$argon2id\$[A-Za-z0-9\$=+/,.-]+$ ]] ||
    kefu_die "${server} --hash-password printed an unexpected hash: ${hash}"
  printf '%s\n' "${hash}"
}

tmp_config="${config_out}.tmp.$$"
tmp_logins="${logins_out}.tmp.$$"
trap 'rm -f "${tmp_config}" "${tmp_logins}"' EXIT
mkdir -p "$(dirname "${config_out}")" "$(dirname "${logins_out}")"

agents_json=""
: >"${tmp_logins}"
for entry in "${agents[@]}"; do
  read -r login name group role <<<"${entry}"
  password="${passwords[${login}]:-$(random_password)}"
  hash=$(hash_password "${password}")
  printf '%s %s\n' "${login}" "${password}" >>"${tmp_logins}"
  [[ -z "${agents_json}" ]] || agents_json+=$',\n'
  supervisor=false
  [[ "${role:-}" != supervisor ]] || supervisor=true
  agents_json+=$(printf '        {"id": "%s", "login": "%s", "displayName": "%s", "group": "%s",\n         "supervisor": %s, "passwordHash": "%s"}' \
    "${login}" "${login}" "${name}" "${group}" "${supervisor}" "${hash}")
done

cat >"${tmp_config}" <<JSON
{
  "shops": [
    {
      "id": "demo",
      "displayName": "演示店铺",
      "demo": true,
      "buyerTokenSecret": "$(openssl rand -hex 32)",
      "webhookSecret": "$(openssl rand -hex 32)",
      "groups": [
        {"id": "presale", "displayName": "售前"},
        {"id": "aftersale", "displayName": "售后"}
      ],
      "agents": [
${agents_json}
      ]
    }
  ]
}
JSON

chmod 600 "${tmp_config}" "${tmp_logins}"
mv -f "${tmp_config}" "${config_out}"
mv -f "${tmp_logins}" "${logins_out}"
