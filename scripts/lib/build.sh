#!/usr/bin/env bash
# Builds Kefu: the C++ tree in build/ (RelWithDebInfo: the server, end-to-end tests, tools),
# the web files in web/dist/, and the sanitizer tree in build-asan/ (ASan + UBSan, the unit
# and integration tests).
# Source it and call the functions, or run it directly (scripts/lib/build.sh [TARGET...])
# to build build/ and the web.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KEFU_BUILD_DIR="${KEFU_ROOT}/build"
KEFU_ASAN_BUILD_DIR="${KEFU_ROOT}/build-asan"

# kefu_cmake_build DIR [TARGET...] -- CMAKE-ARGS...: configure (cheap when nothing changed),
# then build the targets (all when none are named).
kefu_cmake_build() {
  local dir="$1"
  shift
  local targets=()
  while [[ $# -gt 0 && "$1" != -- ]]; do
    targets+=(--target "$1")
    shift
  done
  [[ $# -eq 0 ]] || shift
  cmake -S "${KEFU_ROOT}" -B "${dir}" -G Ninja "$@"
  cmake --build "${dir}" -j "$(kefu_jobs)" "${targets[@]}"
}

# kefu_build [TARGET...]: the server, its end-to-end tests and tools, or only the named targets
# (scripts/run builds just kefu-server). The unit and integration tests are built and run in
# the sanitizer tree only.
kefu_build() {
  kefu_cmake_build "${KEFU_BUILD_DIR}" "$@" -- -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKEFU_UNIT_TESTS=OFF
}

# Unit and integration tests under ASan + UBSan. Debug: it compiles faster than -O2 and gives
# the sanitizers exact stack traces; the server and end-to-end tests are left to build/.
kefu_build_asan() {
  kefu_cmake_build "${KEFU_ASAN_BUILD_DIR}" -- -DCMAKE_BUILD_TYPE=Debug \
    -DKEFU_SANITIZE=ON -DKEFU_SERVER=OFF
}

# The agent console, dashboard and buyer page, into web/dist/ (served by kefu-server).
kefu_build_web() {
  if [[ ! -f "${KEFU_ROOT}/web/package.json" ]]; then
    kefu_warn "web/package.json not found: skipping the web build"
    return 0
  fi
  (cd "${KEFU_ROOT}/web" && npm run build)
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  kefu_build "$@"
  kefu_build_web
fi
