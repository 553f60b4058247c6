#!/bin/sh
# Stages what the Debian package ships compressed, as Debian does it (gzip -9n: no name, no time stamp, so the
# same input gives the same bytes): the man pages the agent's build generates and the changelog.
#
#   stage.sh PROJECT_VERSION AGENT_TARGET STAGE_DIR      (run by dist/pom.xml before jdeb)
#
# The agent's build writes the man pages (dev.berth.agent.BuildFiles); none there is a broken build, not a
# package without pages.
set -eu
version=${1:?stage.sh PROJECT_VERSION AGENT_TARGET STAGE_DIR}
agent_target=${2:?}
stage=${3:?}
here=$(dirname "$0")

# The project version in Debian form, as jdeb's [[version]] writes it into the control file: a snapshot sorts
# before its release (0.1.0~SNAPSHOT < 0.1.0).
case $version in
  *[!0-9A-Za-z.-]* | '' | [!0-9]*)
    echo "stage.sh: the project version '$version' (pom.xml) is not one the Debian package can carry;" \
      "use digits and dots, optionally followed by -SNAPSHOT" >&2
    exit 1
    ;;
esac
case $version in
  *-SNAPSHOT) debian_version="${version%-SNAPSHOT}~SNAPSHOT" ;;
  *-*)
    echo "stage.sh: the project version '$version' (pom.xml) has a qualifier other than -SNAPSHOT;" \
      "teach dist/src/deb/stage.sh its Debian form (jdeb's [[version]]) before using it" >&2
    exit 1
    ;;
  *) debian_version=$version ;;
esac

rm -rf "$stage"
mkdir -p "$stage/man" "$stage/doc"

for page in "$agent_target"/man/*.1; do
  [ -f "$page" ] || {
    echo "stage.sh: no man pages in $agent_target/man: build the agent module first (mvn package)" >&2
    exit 1
  }
  name=$(basename "$page")
  gzip -9n <"$page" >"$stage/man/$name.gz"
done

# A native package's changelog, in Debian's format; the project's history is its git log. The date is the
# last commit's, so a rebuild of the same commit gives the same file.
date=$(git -C "$here" log -1 --format=%cD 2>/dev/null || true)
[ -n "$date" ] || date="Thu, 01 Jan 1970 00:00:00 +0000"
{
  printf 'berth (%s) unstable; urgency=medium\n\n' "$debian_version"
  printf '  * Berth %s: see the git log of the Berth repository for changes.\n\n' "$version"
  printf ' -- Berth maintainers <maintainers@berth.dev>  %s\n' "$date"
} | gzip -9n >"$stage/doc/changelog.gz"
cp "$here/copyright" "$stage/doc/copyright"
