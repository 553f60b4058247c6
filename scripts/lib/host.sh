# shellcheck shell=bash
# A throwaway systemd host for scripts: a real systemd with systemd-portabled booted with systemd-nspawn from
# the root file system that scripts/prepare-test-host.sh caches (docs/testing.md), Berth installed in it the way
# packaging/README.md says, and raw portable images built with mksquashfs. Source it from bash, as root:
#
#   . scripts/lib/host.sh
#   rootfs=$(host_rootfs bookworm)
#   trap host_poweroff EXIT
#   host_boot "$rootfs" my-host /tmp/console.log --bind-ro=/srv/examples:/etc/berth/examples
#   host_install_berth agent/target/berth.jar
#   host_exec berth validate /etc/berth/examples/hello.yaml
#
# One host per shell: host_boot sets HOST_NAME, HOST_NSPAWN (the systemd-nspawn process) and HOST_PID (the
# container's systemd, as this machine numbers it). The container shares this machine's network namespace: a
# server on 127.0.0.1 here is reachable inside, and the other way round. --volatile=overlay keeps the cached
# root file system untouched; everything written inside vanishes at power-off.

HOST_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/lib/raw.sh
. "$HOST_REPO/scripts/lib/raw.sh"
HOST_CACHE=${BERTH_TEST_CACHE:-/var/cache/berth-test}
# shellcheck disable=SC2034 # for the scripts that source this file
HOST_NAME=
HOST_NSPAWN=
HOST_PID=

host_die() {
  echo "host.sh: $*" >&2
  return 1
}

# Prints the cached root file system of SUITE (bookworm: systemd 252, trixie: 257), building it if needed.
host_rootfs() {
  "$HOST_REPO/scripts/prepare-test-host.sh" "${1:?host_rootfs SUITE}"
}

# Makes sure $HOST_CACHE/loop-nodes has a node for each of the first 64 loop devices (prepare-test-host.sh makes
# 16). The kernel hands out the lowest free loop device that exists, and it creates loop16 and up whenever 16 are
# bound at once (two test hosts with several raw images each); such a device outlives its use. A container
# without a node for the number it is handed fails every attach of a raw image ("Device or resource busy").
host_loop_nodes() {
  local dir=$HOST_CACHE/loop-nodes n
  mkdir -p "$dir"
  for ((n = 0; n < 64; n++)); do
    if [[ ! -e $dir/loop$n ]] && mknod -m 0660 "$dir/loop$n" b 7 "$n" 2>/dev/null; then
      chgrp disk "$dir/loop$n" 2>/dev/null || true
    fi
    [[ -b $dir/loop$n ]] || host_die "cannot make the loop device node $dir/loop$n (mknod $dir/loop$n b 7 $n)" || return
  done
}

# Boots ROOTFS as container NAME, console output to LOG, with extra systemd-nspawn options (binds) after them;
# returns once systemd says running (or degraded), within 60 s. The loop device nodes and this machine's JDKs
# (each directory of /usr/lib/jvm, with Debian's /etc/java-* and the Java CA store they link to) are bound at
# the same paths.
host_boot() {
  local rootfs=${1:?host_boot ROOTFS NAME LOG [NSPAWN_OPTION...]} name=${2:?} log=${3:?} node dir state=
  shift 3
  host_loop_nodes || return
  local binds=(--bind=/dev/loop-control)
  for node in "$HOST_CACHE"/loop-nodes/loop*; do
    binds+=("--bind=$node:/dev/$(basename "$node")")
  done
  # Each JDK on its own, not /usr/lib/jvm whole: the container's own Java runtime stays visible next to them.
  for dir in /usr/lib/jvm/* /etc/java-* /etc/ssl/certs/java; do
    if [[ -d $dir && ! -L $dir ]]; then binds+=("--bind-ro=$dir"); fi
  done
  # setsid: nspawn leads its own process group, away from the terminal's signals.
  setsid systemd-nspawn --directory="$rootfs" --volatile=overlay --boot --machine="$name" --hostname="$name" \
    --register=no --keep-unit --console=passive "${binds[@]}" "$@" >"$log" 2>&1 &
  HOST_NSPAWN=$!
  # shellcheck disable=SC2034 # for the scripts that source this file
  HOST_NAME=$name
  HOST_PID=
  for _ in $(seq 120); do
    [[ -n $HOST_PID ]] || HOST_PID=$(host_init "$HOST_NSPAWN")
    [[ -n $HOST_PID ]] && state=$(nsenter -t "$HOST_PID" -a systemctl is-system-running 2>/dev/null || true)
    [[ $state == running || $state == degraded ]] && return 0
    kill -0 "$HOST_NSPAWN" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 20 "$log" >&2
  host_die "container $name did not boot (systemd says '${state:-nothing}'); its console log: $log"
}

# The container's PID 1 among the children of systemd-nspawn process $1, as this machine numbers it, or nothing
# yet. Early in the boot nspawn has another, short-lived child (it sets up the mounts and exits): taking that one
# would leave nothing to enter.
host_init() {
  local child
  for child in $(pgrep -P "${1:?host_init NSPAWN_PID}"); do
    if [[ $(awk '/^NSpid:/ { print $NF }' "/proc/$child/status" 2>/dev/null) == 1 ]]; then
      echo "$child"
      return 0
    fi
  done
}

# Runs a command inside the host (all its namespaces, as root).
host_exec() {
  nsenter -t "$HOST_PID" -a "$@"
}

# Where a path inside the host is seen from this machine (absolute symbolic links on the way resolve here).
host_path() {
  echo "/proc/$HOST_PID/root${1:?host_path PATH}"
}

# Copies a file of this machine to PATH inside the host, with MODE (default 0644), creating directories.
host_copy_in() {
  local source=${1:?host_copy_in FILE PATH [MODE]} target=${2:?} mode=${3:-0644}
  host_exec mkdir -p "$(dirname "$target")"
  # shellcheck disable=SC2016 # expanded by the shell inside
  host_exec sh -c 'cat >"$1" && chmod "$2" "$1"' copy-in "$target" "$mode" <"$source"
}

# Writes standard input to PATH inside the host (mode 0644).
host_write() {
  local target=${1:?host_write PATH}
  host_exec mkdir -p "$(dirname "$target")"
  # shellcheck disable=SC2016 # expanded by the shell inside
  host_exec sh -c 'cat >"$1"' write "$target"
}

# This machine's java, resolved, which the host sees at the same path (its JDK is bound in).
host_java() {
  readlink -f "$(command -v java)"
}

# Installs Berth as packaging/README.md says: JAR as /usr/lib/berth/berth.jar, packaging/berth as /usr/bin/berth,
# /usr/bin/java linked to this machine's JDK, the shipped berth-agent.service unchanged in /etc/systemd/system.
# The agent is not started (it has no /etc/berth/agent.yaml yet).
host_install_berth() {
  local jar=${1:?host_install_berth JAR}
  [[ -f $jar ]] || host_die "no $jar: build it with mvn -B -q -DskipTests package" || return
  host_copy_in "$jar" /usr/lib/berth/berth.jar 0644
  host_copy_in "$HOST_REPO/packaging/berth" /usr/bin/berth 0755
  host_copy_in "$HOST_REPO/packaging/berth-cds" /usr/lib/berth/berth-cds 0755
  host_copy_in "$HOST_REPO/packaging/berth-agent.service" /etc/systemd/system/berth-agent.service 0644
  host_exec ln -sf "$(host_java)" /usr/bin/java
  host_exec mkdir -p /etc/berth
  host_exec systemctl daemon-reload
}

# The main process of UNIT as this machine numbers it (for strace or perf from outside), or nothing.
host_main_pid() {
  local inside pid
  inside=$(host_exec systemctl show -p MainPID --value "${1:?host_main_pid UNIT}")
  [[ $inside != 0 ]] || return 0
  for pid in $(pgrep --ns "$HOST_PID" --nslist pid); do
    if [[ $(awk '/^NSpid:/ { print $NF }' "/proc/$pid/status" 2>/dev/null) == "$inside" ]]; then
      echo "$pid"
      return 0
    fi
  done
}

# Powers the host off and waits up to 30 s for systemd-nspawn to exit, then kills what is left of it. Safe to
# call twice, or before host_boot (for an EXIT trap).
host_poweroff() {
  [[ -n $HOST_NSPAWN ]] || return 0
  if [[ -n $HOST_PID ]]; then
    nsenter -t "$HOST_PID" -a systemctl poweroff >/dev/null 2>&1 || true
  fi
  for _ in $(seq 60); do
    kill -0 "$HOST_NSPAWN" 2>/dev/null || break
    sleep 0.5
  done
  kill -9 "$HOST_NSPAWN" 2>/dev/null || true
  wait "$HOST_NSPAWN" 2>/dev/null || true
  HOST_NSPAWN=
  HOST_PID=
  return 0
}

# Makes a raw portable image OUT (NAME_VERSION.raw) from TREE, which holds at least the service's unit under
# usr/lib/systemd/system: writes /usr/lib/os-release with NAME and VERSION and packs it (scripts/lib/raw.sh:
# busybox, mount points, fixed time stamps, the same inputs give the same bytes, never half a file at OUT).
host_build_raw() {
  local tree=${1:?host_build_raw TREE OUT NAME VERSION} out=${2:?} name=${3:?} version=${4:?}
  mkdir -p "$tree/usr/lib"
  printf 'ID=berth-image\nNAME="%s"\nVERSION_ID=%s\n' "$name" "$version" >"$tree/usr/lib/os-release"
  raw_pack "$tree" "$out"
}
