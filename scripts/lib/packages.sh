# shellcheck shell=bash
# Installs the Debian packages a script needs and this machine lacks (apt-get update first, once). Source it:
#
#   . scripts/lib/packages.sh
#   ensure_packages my-script git jq
#
# The first argument names the script in the log line.

ensure_packages() {
  local who=${1:?ensure_packages WHO PACKAGE...} p missing=()
  shift
  for p in "$@"; do
    # shellcheck disable=SC2016 # the format is dpkg-query's, not the shell's
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "$who: installing ${missing[*]}" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
}
