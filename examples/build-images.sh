#!/usr/bin/env bash
# Builds the example portable images as raw squashfs files, the way a release pipeline would:
#
#   examples/build-images.sh OUTDIR
#
# For each NAME:VERSION below it copies examples/images/NAME, writes VERSION wherever a file says
# @VERSION@, adds /usr/bin/busybox (from Debian's busybox-static), /usr/lib/os-release and the empty
# mount points portabled needs, and packs OUTDIR/NAME_VERSION.raw with fixed timestamps, so the same
# inputs give the same bytes (and the sha256 pinned in the example manifests). OUTDIR/SHA256SUMS lists
# the results. Needs squashfs-tools and busybox-static.
set -euo pipefail

readonly IMAGES=(hello:1.0 hello:1.1 web:1.0)
HERE=$(cd "$(dirname "$0")" && pwd)
readonly HERE

out=${1:?usage: examples/build-images.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# shellcheck source=scripts/lib/raw.sh
. "$HERE/../scripts/lib/raw.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for image in "${IMAGES[@]}"; do
  name=${image%%:*}
  version=${image#*:}
  tree="$work/${name}_$version"
  cp -a "$HERE/images/$name" "$tree"
  grep -rl '@VERSION@' "$tree" | xargs -r sed -i "s/@VERSION@/$version/g"
  printf 'ID=berth-example\nNAME="Berth example: %s"\nVERSION_ID=%s\n' "$name" "$version" >"$tree/usr/lib/os-release"
  raw_pack "$tree" "$out/${name}_$version.raw"
done

(cd "$out" && sha256sum -- *.raw >SHA256SUMS)
cat "$out/SHA256SUMS"
