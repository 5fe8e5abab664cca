#!/usr/bin/env bash
# Shared helpers for the scripts under scripts/: the repository root, log lines, root
# privileges and phase timing. Sourced, never run.
set -euo pipefail

# Sourced once, even when several libraries source it.
if [[ -n "${KEFU_COMMON_SOURCED:-}" ]]; then
  return 0
fi
KEFU_COMMON_SOURCED=1

KEFU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export KEFU_ROOT

kefu_log() { printf '==> %s\n' "$*" >&2; }
kefu_warn() { printf 'warning: %s\n' "$*" >&2; }
kefu_die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, else through sudo.
kefu_as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    kefu_die "need root to run '$*': run as root or install sudo"
  fi
}

# Phases: kefu_phase NAME CMD... runs CMD and records how long it took, so slow steps are
# visible in CI. It runs CMD in the caller's errexit context on purpose: a failing CMD stops
# the script (wrapping it in `||` would silently turn off set -e inside CMD's functions).
# kefu_phase_report prints the table, including the phase that was running if one failed.
KEFU_PHASES=()
KEFU_PHASE_NAME=""
KEFU_PHASE_START=0

kefu_phase() {
  KEFU_PHASE_NAME="$1"
  shift
  KEFU_PHASE_START=$(date +%s)
  kefu_log "${KEFU_PHASE_NAME}"
  "$@"
  local seconds=$(($(date +%s) - KEFU_PHASE_START))
  KEFU_PHASES+=("$(printf '%-22s %5ss' "${KEFU_PHASE_NAME}" "${seconds}")")
  printf '==> %s: %ss\n' "${KEFU_PHASE_NAME}" "${seconds}" >&2
  KEFU_PHASE_NAME=""
}

kefu_phase_report() {
  local line
  printf '\nPhase timings:\n'
  for line in "${KEFU_PHASES[@]}"; do
    printf '  %s\n' "${line}"
  done
  if [[ -n "${KEFU_PHASE_NAME}" ]]; then
    printf '  %-22s FAILED after %ss\n' "${KEFU_PHASE_NAME}" "$(($(date +%s) - KEFU_PHASE_START))"
  fi
}

# Parallel compile jobs: KEFU_JOBS, else one per core (Beast-heavy files need ~1 GiB each,
# so ninja's default of cores+2 can run a small machine out of memory).
kefu_jobs() {
  if [[ -n "${KEFU_JOBS:-}" ]]; then
    printf '%s\n' "${KEFU_JOBS}"
  else
    nproc
  fi
}
