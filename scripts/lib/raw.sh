# shellcheck shell=bash
# Packs a directory tree as a raw portable image (squashfs), reproducibly. Source it from bash:
#
#   . scripts/lib/raw.sh
#   raw_pack TREE OUT              # a portable image, or the base image extensions run on
#   raw_pack_extension TREE OUT    # an extension image, OUT named NAME_VERSION.raw
#
# TREE holds the image's units under usr/lib/systemd/system and its usr/lib/os-release. raw_pack adds
# /usr/bin/busybox (from Debian's busybox-static), the empty mount points and files portabled needs, makes
# every file root's and world-readable, fixes every time stamp and packs it with mksquashfs, so the same
# inputs give the same bytes (and the same sha256). raw_pack_extension packs only what TREE holds: its units,
# its files and usr/lib/extension-release.d/extension-release.NAME_VERSION (no os-release, no busybox: the
# base brings them). TREE is changed; OUT is written under a temporary name first, so a pool or a server
# never shows half of it. Needs squashfs-tools and busybox-static.

raw_pack() {
  local tree=${1:?raw_pack TREE OUT} out=${2:?raw_pack TREE OUT}
  [[ -x /bin/busybox ]] || { echo "raw_pack: install busybox-static" >&2; return 1; }
  [[ -f $tree/usr/lib/os-release ]] || { echo "raw_pack: $tree has no usr/lib/os-release" >&2; return 1; }
  mkdir -p "$tree"/{usr/bin,proc,sys,dev,run,tmp,var/tmp,etc}
  chmod -R u=rwX,go=rX "$tree"
  chmod 1777 "$tree/tmp" "$tree/var/tmp"
  install -m 0755 /bin/busybox "$tree/usr/bin/busybox"
  : >"$tree/etc/resolv.conf"
  : >"$tree/etc/machine-id"
  raw_squash "$tree" "$out"
}

raw_pack_extension() {
  local tree=${1:?raw_pack_extension TREE OUT} out=${2:?raw_pack_extension TREE OUT} release
  release="usr/lib/extension-release.d/extension-release.$(basename "$out" .raw)"
  [[ -f $tree/$release ]] || {
    echo "raw_pack_extension: $tree has no $release (portabled needs it named after $(basename "$out"))" >&2
    return 1
  }
  [[ ! -e $tree/usr/lib/os-release ]] || {
    echo "raw_pack_extension: $tree has a usr/lib/os-release; an extension has only its extension-release" >&2
    return 1
  }
  chmod -R u=rwX,go=rX "$tree"
  raw_squash "$tree" "$out"
}

# Fixes every time stamp under TREE and packs it into OUT through a hidden partial file.
raw_squash() {
  local tree=${1:?raw_squash TREE OUT} out=${2:?raw_squash TREE OUT} partial
  command -v mksquashfs >/dev/null || { echo "raw_pack: install squashfs-tools" >&2; return 1; }
  find "$tree" -exec touch -h -d @0 {} +
  partial="$(dirname "$out")/.#$(basename "$out").partial"
  rm -f "$partial"
  mksquashfs "$tree" "$partial" -noappend -all-root -no-xattrs -no-progress -quiet \
    -mkfs-time 0 -all-time 0 >/dev/null
  mv -f "$partial" "$out"
}
