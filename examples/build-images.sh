#!/usr/bin/env bash
# Builds the example portable images as raw squashfs files, the way a release pipeline would:
#
#   examples/build-images.sh OUTDIR
#
# For each NAME:VERSION below it copies examples/images/NAME, writes VERSION wherever a file says
# @VERSION@, adds /usr/bin/busybox (from Debian's busybox-static), /usr/lib/os-release and the empty
# mount points portabled needs, and packs OUTDIR/NAME_VERSION.raw with fixed timestamps, so the same
# inputs give the same bytes (and the sha256 pinned in the example manifests). Each EXTENSIONS entry is
# packed the same way but holds only its tree and the extension-release that ties it to the base image
# (ID and VERSION_ID of base_BASE_VERSION's os-release). Each COMPRESSED image is published only as
# NAME_VERSION.raw.gz (gzip -n: no name or time stamp, so the same bytes again). OUTDIR/SHA256SUMS lists
# the published files. Needs squashfs-tools, busybox-static and gzip.
set -euo pipefail

readonly IMAGES=(hello:1.0 hello:1.1 hello:1.2 web:1.0 base:1)
readonly EXTENSIONS=(shop:1.0 blog:1.0)
readonly BASE_VERSION=1
readonly COMPRESSED=(hello_1.2)
HERE=$(cd "$(dirname "$0")" && pwd)
readonly HERE

out=${1:?usage: examples/build-images.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# shellcheck source=scripts/lib/raw.sh
. "$HERE/../scripts/lib/raw.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Copies examples/images/NAME to a work tree with VERSION written in, and prints the tree's path.
tree_of() {
  local name=$1 version=$2 tree="$work/${1}_$2"
  cp -a "$HERE/images/$name" "$tree"
  grep -rl '@VERSION@' "$tree" | xargs -r sed -i "s/@VERSION@/$version/g"
  echo "$tree"
}

for image in "${IMAGES[@]}"; do
  name=${image%%:*}
  version=${image#*:}
  tree=$(tree_of "$name" "$version")
  mkdir -p "$tree/usr/lib"
  printf 'ID=berth-example\nNAME="Berth example: %s"\nVERSION_ID=%s\n' "$name" "$version" >"$tree/usr/lib/os-release"
  raw_pack "$tree" "$out/${name}_$version.raw"
done

for image in "${EXTENSIONS[@]}"; do
  name=${image%%:*}
  version=${image#*:}
  tree=$(tree_of "$name" "$version")
  mkdir -p "$tree/usr/lib/extension-release.d"
  printf 'ID=berth-example\nVERSION_ID=%s\n' "$BASE_VERSION" \
    >"$tree/usr/lib/extension-release.d/extension-release.${name}_$version"
  raw_pack_extension "$tree" "$out/${name}_$version.raw"
done

for image in "${COMPRESSED[@]}"; do
  env -u GZIP gzip -n -9 -f "$out/$image.raw"
done

(cd "$out" && sha256sum -- *.raw *.raw.gz >SHA256SUMS)
cat "$out/SHA256SUMS"
