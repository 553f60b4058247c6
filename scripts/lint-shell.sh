#!/usr/bin/env bash
# Runs shellcheck over every shell script of the repository and fails with its findings:
#
#   scripts/lint-shell.sh
#
# A shell script is a file git knows of (tracked, or new and not ignored, so a script is checked before it is
# committed) whose first line is a shebang naming sh, bash, dash or ksh, or whose name ends in .sh (the libraries
# in scripts/lib have no shebang; they say "# shellcheck shell=bash"). Every finding at shellcheck's default
# severity (style and up) fails. A finding that is wrong is disabled on the line before the command it is about,
# with the reason: # shellcheck disable=SC2016 # the backticks are Markdown
# Installs shellcheck and git (Debian packages, as root) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "lint-shell.sh: $*" >&2; }
die() {
  log "$*"
  exit 1
}

missing=()
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v git >/dev/null || missing+=(git)
if ((${#missing[@]})); then
  # shellcheck source=scripts/lib/packages.sh
  . scripts/lib/packages.sh
  ensure_packages lint-shell.sh "${missing[@]}"
fi

# Whether file $1 is a shell script: its name ends in .sh or its shebang names a shell shellcheck knows.
is_shell_script() {
  local first=
  [[ $1 == *.sh ]] && return 0
  # The first 256 characters of the first line; read fails at the end of a file without a newline.
  IFS= read -r -n 256 first <"$1" || true
  [[ $first =~ ^#![[:space:]]*[^[:space:]]*/(env[[:space:]]+(-S[[:space:]]*)?)?(sh|bash|dash|ksh)([[:space:]]|$) ]]
}

git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  die "$(pwd) is not a git work tree: the scripts to check are the files git knows of; run it in a clone"
files=()
while IFS= read -r -d '' file; do
  # A link is checked where it points (if that is in the repository), not twice.
  if [[ -f $file && ! -L $file ]] && is_shell_script "$file"; then files+=("$file"); fi
done < <(git ls-files -z --cached --others --exclude-standard --deduplicate)
# An empty list means the detection is broken, not that there is nothing to check.
((${#files[@]})) || die "found no shell scripts in $(pwd)"

log "shellcheck $(shellcheck --version | sed -n 's/^version: //p') over ${#files[@]} scripts: ${files[*]}"
# --external-sources: follow the "# shellcheck source=" directives, which name files from the repository's root.
if ! shellcheck --external-sources -- "${files[@]}"; then
  die "shellcheck found the problems above: fix them (https://www.shellcheck.net/wiki/SC<number> explains each);" \
    "if a finding is wrong, put '# shellcheck disable=SC<number> # why it is wrong' on the line before the command"
fi
