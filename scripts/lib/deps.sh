#!/usr/bin/env bash
# Installs what Kefu needs on Debian 12 and what is missing only: an installed machine does
# no network work (dpkg-query decides, apt-get runs only for missing packages, npm ci only
# when web/node_modules is missing or older than web/package-lock.json).
# Source it and call kefu_install_deps, or run it directly.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Everything the build, the tests and scripts/run use. clang is for the fuzzing targets;
# openssl (the command) makes the demo shop's secrets; ca-certificates lets npm reach its
# registry over TLS. Neither of the last two is in a minimal Debian image. fonts-wqy-microhei
# gives the headless browser CJK glyphs, so screenshots of the Chinese UI are readable.
KEFU_DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libhiredis-dev libprotobuf-dev protobuf-compiler
  libssl-dev libsodium-dev libspdlog-dev libgtest-dev libgmock-dev
  redis-server chromium fonts-wqy-microhei nodejs npm tzdata clang openssl ca-certificates
)

KEFU_APT_UPDATED=0

# Prints the packages among "$@" that dpkg does not have installed.
kefu_missing_packages() {
  local pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "${pkg}" 2>/dev/null || true)
    if [[ "${status}" != ii* ]]; then
      printf '%s\n' "${pkg}"
    fi
  done
}

# Installs the packages among "$@" that are missing; runs apt-get update once per process,
# and only when something has to be installed.
kefu_apt_ensure() {
  local missing
  mapfile -t missing < <(kefu_missing_packages "$@")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  kefu_log "installing with apt-get: ${missing[*]}"
  if [[ ${KEFU_APT_UPDATED} -eq 0 ]]; then
    kefu_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    KEFU_APT_UPDATED=1
  fi
  kefu_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# The Debian packages to ask for. Node from elsewhere (e.g. NodeSource, whose nodejs package
# bundles npm and conflicts with Debian's npm) is kept: we only need `node` and `npm` to run.
kefu_wanted_packages() {
  local pkg have_node=0 have_npm=0
  command -v node >/dev/null 2>&1 && have_node=1
  command -v npm >/dev/null 2>&1 && have_npm=1
  for pkg in "${KEFU_DEBIAN_PACKAGES[@]}"; do
    if [[ "${pkg}" == nodejs && ${have_node} -eq 1 ]]; then continue; fi
    if [[ "${pkg}" == npm && ${have_npm} -eq 1 ]]; then continue; fi
    printf '%s\n' "${pkg}"
  done
}

# Installs web/'s npm packages when node_modules is missing or older than the lock file.
kefu_npm_ensure() {
  local web="${KEFU_ROOT}/web"
  if [[ ! -f "${web}/package.json" ]]; then
    kefu_warn "web/package.json not found: skipping npm ci"
    return 0
  fi
  if [[ ! -f "${web}/package-lock.json" ]]; then
    kefu_die "web/package-lock.json is missing: npm ci needs it (run npm install in web/ once)"
  fi
  # npm writes node_modules/.package-lock.json last, after package-lock.json, on every
  # install: it tells when node_modules was last brought in line with the lock file.
  local installed="${web}/node_modules/.package-lock.json"
  if [[ -f "${installed}" && ! "${web}/package-lock.json" -nt "${installed}" ]]; then
    return 0
  fi
  kefu_log "npm ci in web/"
  (cd "${web}" && npm ci --no-audit --no-fund)
}

kefu_install_deps() {
  local wanted
  mapfile -t wanted < <(kefu_wanted_packages)
  kefu_apt_ensure "${wanted[@]}"
  command -v node >/dev/null 2>&1 || kefu_die "node is not on PATH after installing nodejs"
  command -v npm >/dev/null 2>&1 || kefu_die "npm is not on PATH after installing npm"
  kefu_npm_ensure
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  kefu_install_deps
fi
