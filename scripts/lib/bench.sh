# shellcheck shell=bash
# What the benchmarks in bench/ share: timing helpers, ports on 127.0.0.1, N idle service images served over
# HTTP with a manifest listing them, and polling the agent's status.json. Source it after scripts/lib/host.sh,
# with BENCH_NAME set to the script's name (it prefixes every log line):
#
#   BENCH_NAME=converge.sh
#   . scripts/lib/host.sh
#   . scripts/lib/bench.sh
# shellcheck disable=SC2016 # the jq and awk programs are in single quotes on purpose

readonly BENCH_STATUS=/var/lib/berth/status.json
# jq: an ISO-8601 instant as Java writes it (0, 3, 6 or 9 fraction digits) in seconds since the epoch.
readonly TS='def ts: capture("^(?<s>[^.Z]+)(?<f>\\.[0-9]+)?Z$")
  | ((.s + "Z") | fromdateiso8601) + ((.f // ".0") | ("0" + .) | tonumber);'

log() { echo "${BENCH_NAME:-bench}: [${SECONDS}s] $*" >&2; }
die() {
  log "error: $*"
  exit 1
}
now() { date +%s.%N; }
# Milliseconds from $1 to $2 (seconds since the epoch, with fractions).
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# A port on 127.0.0.1 nothing listens on.
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "found no free port on 127.0.0.1"
}

# Waits up to 10 s for something ($2) to listen on 127.0.0.1:$1.
await_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return; fi
    sleep 0.1
  done
  die "nothing listens on 127.0.0.1:$1 after 10 s ($2)"
}

# Builds COUNT raw images svc0..svcN-1 (a busybox `sleep` service each, version 1.0) in DIR/images and writes
# the manifest MANIFEST listing them at http://127.0.0.1:PORT/; serve DIR/images there.
bench_images() {
  local count=${1:?bench_images COUNT DIR PORT MANIFEST} dir=${2:?} port=${3:?} manifest=${4:?} i tree
  mkdir -p "$dir/images"
  printf 'apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n' >"$manifest"
  for ((i = 0; i < count; i++)); do
    tree=$dir/trees/svc$i
    mkdir -p "$tree/usr/lib/systemd/system"
    printf '[Unit]\nDescription=svc%s, an idle service for the benchmarks\n\n[Service]\nExecStart=%s\n\n[Install]\nWantedBy=multi-user.target\n' \
      "$i" "/usr/bin/busybox sleep 2147483647" >"$tree/usr/lib/systemd/system/svc$i.service"
    host_build_raw "$tree" "$dir/images/svc${i}_1.0.raw" "svc$i" 1.0
    printf '  - name: svc%s\n    version: "1.0"\n    url: http://127.0.0.1:%s/svc%s_1.0.raw\n    sha256: %s\n' \
      "$i" "$port" "$i" "$(sha256sum "$dir/images/svc${i}_1.0.raw" | cut -d' ' -f1)" >>"$manifest"
  done
}

# Polls status.json every 50 ms until the jq condition (with $t0, $rev and ts) holds within $2 seconds; $t0
# and $revision are the caller's.
await_status() {
  local what=$1 timeout=$2 condition=$3 file deadline
  file=$(host_path "$BENCH_STATUS")
  deadline=$(awk -v n="$(now)" -v t="$timeout" 'BEGIN { printf "%d", n + t }')
  while (($(date +%s) < deadline)); do
    if [[ -f $file ]] && jq -e --argjson t0 "${t0:?}" --arg rev "${revision:-}" "$TS $condition" "$file" >/dev/null 2>&1; then
      return
    fi
    sleep 0.05
  done
  host_exec journalctl -u berth-agent -n 40 --no-pager >&2 || true
  die "$what did not happen within $timeout s"
}

# One field of the last pass, in seconds since the epoch.
pass_time() { jq -r "$TS .lastPass.$1 | ts" "$(host_path "$BENCH_STATUS")"; }

# The jq condition: the last pass converged (on revision $rev, if given) with all COUNT images running 1.0.
all_attached() {
  echo '.lastPass.outcome == "CONVERGED" and ($rev == "" or .lastPass.revision == $rev)
  and ([.images[] | select(.attachedVersion == "1.0" and .state == "running")] | length) == '"${1:?}"
}
