#!/usr/bin/env bash
# Prepares this machine (Debian 12, root) to run Berth's end-to-end tests: a real systemd and
# systemd-portabled booted with systemd-nspawn from a cached debootstrap root file system.
#
#   scripts/prepare-test-host.sh SUITE...     (SUITE: bookworm = systemd 252, trixie = systemd 257)
#
# Idempotent: packages, root file systems and loop device nodes that already exist are kept.
# Prints the path of each suite's root file system on stdout, one per line; progress goes to stderr.
# Environment: BERTH_TEST_CACHE (default /var/cache/berth-test), BERTH_DEBIAN_MIRROR (default: the
# mirror this machine's apt sources use).
set -euo pipefail

# Bump when the way a root file system is built changes: old caches are then left alone, not reused.
readonly RECIPE_VERSION=1
readonly HOST_PACKAGES=(systemd-container debootstrap squashfs-tools busybox-static dbus)
# default-jre-headless: Debian's Java runtime of the release (OpenJDK 17 in bookworm, 21 in trixie), which
# satisfies the Berth package's Depends when a test installs it with apt and no network.
readonly ROOTFS_PACKAGES=(systemd systemd-sysv dbus systemd-container libsystemd0 default-jre-headless)
readonly LOOP_NODES=32
readonly CACHE="${BERTH_TEST_CACHE:-/var/cache/berth-test}"
readonly ME="prepare-test-host"

log() { echo "$ME: $*" >&2; }
die() {
  echo "$ME: error: $*" >&2
  exit 1
}

usage() {
  sed -n '2,10s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

# Whether package $2 is installed in the system whose root is $1 (/ for this machine).
installed() {
  # shellcheck disable=SC2016 # the format is dpkg-query's, not the shell's
  chroot "$1" dpkg-query -W -f='${Status}' "$2" 2>/dev/null | grep -q 'install ok installed'
}

install_missing_packages() {
  # shellcheck source=scripts/lib/packages.sh
  . "$(dirname "$0")/lib/packages.sh"
  ensure_packages "$ME" "${HOST_PACKAGES[@]}"
}

# The archive URI this machine's own apt uses for its release (deb822 .sources first, then the
# one-line format). Security and third-party repositories do not carry the release's main suite.
debian_mirror() {
  if [[ -n "${BERTH_DEBIAN_MIRROR:-}" ]]; then
    echo "$BERTH_DEBIAN_MIRROR"
    return
  fi
  local codename uri
  # shellcheck source=/dev/null
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [[ -n "$codename" ]] || die "no VERSION_CODENAME in /etc/os-release; set BERTH_DEBIAN_MIRROR to a Debian mirror URI"
  uri=$(
    shopt -s nullglob
    for f in /etc/apt/sources.list.d/*.sources; do
      awk -v want="$codename" '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " want " ") && enabled != "no" && uris != "") {
            split(uris, u, " "); print u[1]; exit
          }
          types = ""; suites = ""; uris = ""; enabled = ""
        }
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { flush(); next }
        { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "") }
        key == "types" { types = $0 } key == "suites" { suites = $0 }
        key == "uris" { uris = $0 } key == "enabled" { enabled = tolower($0) }
        END { flush() }' "$f"
    done | head -n 1
  )
  if [[ -z "$uri" ]]; then
    uri=$(
      shopt -s nullglob
      cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        sed -E 's/\[[^]]*\]//' |
        awk -v want="$codename" '$1 == "deb" && $3 == want { print $2; exit }'
    )
  fi
  [[ -n "$uri" ]] || die "found no 'deb' source for suite $codename in /etc/apt/sources.list or /etc/apt/sources.list.d; set BERTH_DEBIAN_MIRROR to a Debian mirror URI"
  echo "${uri%/}"
}

check_keyring() {
  local suite=$1 keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -f "$keyring" ]] || die "$keyring is missing: apt-get install debian-archive-keyring"
  # debian-archive-keyring ships one file per release key next to the combined keyring; without
  # the suite's key debootstrap cannot check the Release file.
  if ! compgen -G "/usr/share/keyrings/debian-archive-${suite}-*.gpg" >/dev/null; then
    die "the installed debian-archive-keyring has no key for '$suite'; upgrade it (apt-get update && apt-get install debian-archive-keyring) and run again"
  fi
  echo "$keyring"
}

cache_key() {
  printf 'recipe=%s\nvariant=minbase\npackages=%s\n' "$RECIPE_VERSION" "${ROOTFS_PACKAGES[*]}" |
    sha256sum | cut -c1-12
}

# Removes a directory that debootstrap may have left with file systems still mounted inside it
# (it mounts proc and sys while it runs); never descends into another file system.
remove_tree() {
  local dir=$1 m
  [[ -e "$dir" ]] || return 0
  awk -v d="$dir/" 'index($2 "/", d) == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r m; do umount -l "$m" || true; done
  rm -rf --one-file-system -- "$dir"
}

# Leaves a root file system that can boot many times side by side: each boot gets its own
# machine id (the file exists but is empty) and the host name nspawn gives it.
make_template() {
  local root=$1
  rm -f "$root/etc/hostname"
  : >"$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id"
  rm -f "$root"/var/cache/apt/archives/*.deb
  rm -rf "$root"/var/lib/apt/lists/*
}

check_rootfs() {
  local root=$1 p
  for p in "${ROOTFS_PACKAGES[@]}"; do
    installed "$root" "$p" || die "package $p is not installed in the new root file system $root"
  done
  [[ -x "$root/usr/lib/systemd/systemd-portabled" ]] || die "systemd-portabled is missing in $root"
  [[ -x "$root/usr/bin/portablectl" || -x "$root/bin/portablectl" ]] || die "portablectl is missing in $root"
}

build_rootfs() {
  local suite=$1 dir final tmp mirror keyring started
  dir="$CACHE/rootfs"
  final="$dir/$suite-$(cache_key)"
  mkdir -p "$dir"
  # One builder per suite at a time; a second caller waits and then finds the finished cache.
  exec {lock}>"$dir/.$suite.lock"
  flock "$lock"
  if [[ -d "$final" ]]; then
    exec {lock}>&-
    echo "$final"
    return
  fi
  # Holding the lock, any earlier temporary build of this suite is a crashed one.
  for tmp in "$dir/.build-$suite-"*; do
    [[ -e "$tmp" ]] || continue
    [[ -d "$tmp" ]] && log "removing the unfinished build $tmp"
    remove_tree "$tmp"
  done
  [[ -x "/usr/share/debootstrap/scripts/$suite" || -f "/usr/share/debootstrap/scripts/$suite" ]] ||
    die "debootstrap does not know the suite '$suite'"
  keyring=$(check_keyring "$suite")
  mirror=$(debian_mirror)
  tmp=$(mktemp -d "$dir/.build-$suite-XXXXXX")
  chmod 755 "$tmp"
  log "building the $suite root file system in $final (takes a few minutes; log: $tmp.log)"
  started=$SECONDS
  if ! debootstrap --variant=minbase --keyring="$keyring" \
    --include="$(
      IFS=,
      echo "${ROOTFS_PACKAGES[*]}"
    )" \
    "$suite" "$tmp" "$mirror" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2 || true
    remove_tree "$tmp"
    die "debootstrap of $suite failed; the full log is $tmp.log"
  fi
  check_rootfs "$tmp"
  make_template "$tmp"
  mv -T "$tmp" "$final"
  mv -f "$tmp.log" "$final.log"
  exec {lock}>&-
  log "built $final in $((SECONDS - started)) s"
  echo "$final"
}

# Raw portable images need loop devices, and a container only sees the nodes bound into it. The
# machine's /dev may lack some (no udev creates them), and systemd removes each loop device it is
# done with (LOOP_CTL_REMOVE); devtmpfs then deletes the node it had made for that device, so a node
# bound from /dev can vanish just before another container starts. Containers therefore bind the
# nodes kept in $CACHE/loop-nodes, which the kernel never touches; /dev gets nodes for tools here.
ensure_loop_nodes() {
  local n dir="$CACHE/loop-nodes"
  if [[ ! -e /dev/loop-control ]]; then
    modprobe loop 2>/dev/null || true
  fi
  [[ -c /dev/loop-control ]] || die "/dev/loop-control is missing and 'modprobe loop' did not create it"
  mkdir -p "$dir"
  if findmnt -n -o OPTIONS --target "$dir" | tr , '\n' | grep -qx nodev; then
    die "$dir is on a file system mounted nodev; set BERTH_TEST_CACHE to a directory on one without it"
  fi
  for ((n = 0; n < LOOP_NODES; n++)); do
    make_block_node "/dev/loop$n" "$n"
    make_block_node "$dir/loop$n" "$n"
  done
}

# A parallel run may create the same node first: that is fine, a missing node after it is not.
make_block_node() {
  local path=$1 minor=$2
  if [[ ! -e "$path" ]] && mknod -m 0660 "$path" b 7 "$minor" 2>/dev/null; then
    chgrp disk "$path" 2>/dev/null || true
    log "created $path"
  fi
  [[ -b "$path" ]] || die "could not create the block device node $path (mknod $path b 7 $minor)"
}

main() {
  (($# > 0)) || usage
  local suite
  for suite in "$@"; do
    [[ "$suite" =~ ^[a-z]+$ ]] || die "'$suite' is not a Debian suite name (try bookworm or trixie)"
  done
  ((EUID == 0)) || die "must run as root: sudo $0 $*"
  install_missing_packages
  ensure_loop_nodes
  for suite in "$@"; do
    build_rootfs "$suite"
  done
}

main "$@"
