# shellcheck shell=bash
# Packs a directory tree as a raw portable image (squashfs), reproducibly. Source it from bash:
#
#   . scripts/lib/raw.sh
#   raw_pack TREE OUT
#
# TREE holds the image's units under usr/lib/systemd/system and its usr/lib/os-release. raw_pack adds
# /usr/bin/busybox (from Debian's busybox-static), the empty mount points and files portabled needs, makes
# every file root's and world-readable, fixes every time stamp and packs it with mksquashfs, so the same
# inputs give the same bytes (and the same sha256). TREE is changed; OUT is written under a temporary name
# first, so a pool or a server never shows half of it. Needs squashfs-tools and busybox-static.

raw_pack() {
  local tree=${1:?raw_pack TREE OUT} out=${2:?raw_pack TREE OUT} partial
  command -v mksquashfs >/dev/null || { echo "raw_pack: install squashfs-tools" >&2; return 1; }
  [[ -x /bin/busybox ]] || { echo "raw_pack: install busybox-static" >&2; return 1; }
  [[ -f $tree/usr/lib/os-release ]] || { echo "raw_pack: $tree has no usr/lib/os-release" >&2; return 1; }
  mkdir -p "$tree"/{usr/bin,proc,sys,dev,run,tmp,var/tmp,etc}
  chmod -R u=rwX,go=rX "$tree"
  chmod 1777 "$tree/tmp" "$tree/var/tmp"
  install -m 0755 /bin/busybox "$tree/usr/bin/busybox"
  : >"$tree/etc/resolv.conf"
  : >"$tree/etc/machine-id"
  find "$tree" -exec touch -h -d @0 {} +
  partial="$(dirname "$out")/.#$(basename "$out").partial"
  rm -f "$partial"
  mksquashfs "$tree" "$partial" -noappend -all-root -no-xattrs -no-progress -quiet \
    -mkfs-time 0 -all-time 0 >/dev/null
  mv -f "$partial" "$out"
}
