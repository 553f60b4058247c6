#!/usr/bin/env bash
# Runs every test Berth has, on a fresh Debian 12 machine as root: unit tests, contract tests against a
# real systemd-portabled, and the end-to-end suite on systemd 252 (Debian 12) and 257 (Debian 13), each
# booted with systemd-nspawn from a cached root file system.
#
#   scripts/test.sh [MAVEN ARGS...]
#
# Installs what it needs first (Debian packages, the container root file systems). Expensive things are
# cached where a rerun finds them (/var/cache/berth-test, ~/.m2) but nothing depends on the cache.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "test.sh: $*" >&2; }

[[ $(id -u) == 0 ]] || { log "run as root: the tests boot systemd containers and attach images"; exit 1; }

# Packages the tests use beyond the container host (which prepare-test-host.sh installs):
# git for the git daemon the git-source tests start, Prometheus for promtool and the scrape test, and
# the linter of the shell scripts (scripts/lint-shell.sh), xz-utils, zstd and gzip that the compressed-image
# tests compress their data with, and groff, mandoc and zsh that render, lint and complete the generated man pages
# and completion.
# shellcheck source=scripts/lib/packages.sh
. scripts/lib/packages.sh
ensure_packages test.sh git prometheus openjdk-17-jdk-headless maven shellcheck xz-utils zstd gzip groff-base mandoc zsh

# The shell scripts first: a finding fails in seconds, before the root file systems and the tests.
log "shellcheck over the shell scripts"
scripts/lint-shell.sh

# The Debian package starts a Prometheus on port 9090 of the machine; the tests start their own.
if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  systemctl stop prometheus || true
fi

scripts/prepare-test-host.sh bookworm trixie >/dev/null

log "mvn verify (unit, contract and end-to-end tests on systemd 252 and 257)"
exec mvn -B -ntp verify "$@"
