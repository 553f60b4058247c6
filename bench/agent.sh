#!/usr/bin/env bash
# Agent benchmark: the shipped berth-agent.service on a real systemd host converged on 10 images.
#
#   bench/agent.sh [SUITE]        (SUITE: bookworm = systemd 252, the default; trixie = systemd 257)
#
# On this machine (Debian 12, root) it builds the jar if missing, builds 10 raw images svc0..svc9 (a busybox
# `sleep` service each), serves them with busybox httpd on 127.0.0.1, commits a manifest listing them to a git
# repository served by `git daemon` on 127.0.0.1, boots a throwaway systemd host (scripts/lib/host.sh) and
# installs Berth there with the shipped unit unchanged and a configuration with interval 1s, jitter 0, health
# stableFor 1s, allowHttp and no metrics. Then it measures and prints a Markdown table:
#   - cold start: `systemctl start berth-agent` to the JVM's exec, to READY=1 and to the first finished pass that
#     attached all images (status.json lastPass.finished), and that pass alone;
#   - warm restart: `systemctl restart berth-agent` on the converged host to the new JVM's exec (the old agent's
#     stop), to READY=1 and to its first finished pass (a no-op), and that pass alone;
#   - no-op passes: lastPass.finished - lastPass.started of every pass for PASS_SECONDS after the restart (the
#     file is polled every 0.1 s; with interval 1s each pass stays there a second), median, p90 and max for the
#     first 10 passes of the new JVM and for the rest; how long after a pass status.json was in place; the JVM's
#     CPU time per pass;
#   - resident memory (VmRSS, VmHWM of MainPID) after those passes; after a restart with interval 1m and
#     IDLE_SECONDS idle; and after 60 more passes (SIGHUP) and IDLE_SECONDS idle again;
#   - the machine: nproc, CPU model, memory, load, java and systemd versions.
# /var/lib/berth (the agent's state: git cache, inventory, status.json, all fsynced) is bound from a directory on
# this machine's disk, as on a real host; the container's own file system is a tmpfs overlay, where fsync is free.
#
# Environment: PASS_SECONDS (default 70, at least 60), IDLE_SECONDS (40: longer than portabled stays up when idle), OUT (a directory: keeps each pass's
# times, the agent's journal and status.json there), STATE_ON_TMPFS=1 (keep /var/lib/berth in the container's
# tmpfs instead), JAVA_OPTIONS (JVM flags added to the shipped ones through JAVA_TOOL_OPTIONS in a drop-in, to
# compare flags; later flags win), SOURCE: where the agent reads the manifest from (the same commit each time):
#   git       (the default) git://127.0.0.1 from `git daemon` on this machine: a fetch over TCP, as from a remote;
#   git-file  file:// of the same repository, bound read-only into the host: a JGit fetch without the server's cost;
#   file      the manifest file itself, no git at all.
#   CURVE     (for example "50 100") after the no-op passes above, attach directory images (dirN_1, a busybox
#             `sleep` service each, made inside the host with hard links: no loop device) by hand with
#             `portablectl attach --enable --now` until that many images are attached in all, and time the no-op
#             passes for CURVE_SECONDS (default 30) at each size; beside them, in the same host, the medians of 11
#             `systemctl list-units` of the same units and of 11 `portablectl list`. The directory images are not in
#             the manifest: Berth observes them, reports them as unmanaged and never touches them. With CURVE the
#             memory stages are skipped and only the no-op curve is printed.
# Before the agent starts it also times `git ls-remote` (C git) against the git daemon and against file://: the
# server's own cost per connection, which every git pass pays whatever the client.
# shellcheck disable=SC2016 # the jq and awk programs are in single quotes on purpose
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/host.sh
. scripts/lib/host.sh

readonly SUITE=${1:-bookworm}
readonly SOURCE=${SOURCE:-git}
readonly IMAGES=10
readonly PASS_SECONDS=${PASS_SECONDS:-70}
readonly IDLE_SECONDS=${IDLE_SECONDS:-40}
readonly STATUS=/var/lib/berth/status.json
# jq: an ISO-8601 instant as Java writes it (0, 3, 6 or 9 fraction digits) in seconds since the epoch.
readonly TS='def ts: capture("^(?<s>[^.Z]+)(?<f>\\.[0-9]+)?Z$")
  | ((.s + "Z") | fromdateiso8601) + ((.f // ".0") | ("0" + .) | tonumber);'

log() { echo "agent.sh: [${SECONDS}s] $*" >&2; }
die() {
  log "error: $*"
  exit 1
}
now() { date +%s.%N; }
# Milliseconds from $1 to $2 (seconds since the epoch, with fractions).
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

((EUID == 0)) || die "run as root: it boots a systemd container"
((PASS_SECONDS >= 60)) || die "PASS_SECONDS must be at least 60"
[[ $SOURCE == git || $SOURCE == git-file || $SOURCE == file ]] || die "SOURCE must be git, git-file or file"
# shellcheck source=scripts/lib/packages.sh
. scripts/lib/packages.sh
ensure_packages agent.sh git jq busybox-static squashfs-tools

rootfs=$(host_rootfs "$SUITE")
if [[ ! -f agent/target/berth.jar ]]; then
  log "building agent/target/berth.jar"
  mvn -B -q -ntp -DskipTests package >&2
fi
work=$(mktemp -d /tmp/berth-bench-agent.XXXXXX)
servers=()
cleanup() {
  set +e
  # Stopping the agent takes 150 s (docs/benchmarks.md): kill it, so the power-off is clean and quick.
  if [[ -n $HOST_PID ]]; then
    host_exec sh -c 'kill -9 "$1"' kill "$(host_exec systemctl show -p MainPID --value berth-agent)" 2>/dev/null
  fi
  host_poweroff
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
# A signal ends the script through exit, so the EXIT trap cleans up (bash skips it when a signal kills it).
trap "exit 130" INT
trap "exit 143" TERM

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

await_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return; fi
    sleep 0.1
  done
  die "nothing listens on 127.0.0.1:$1 after 10 s ($2)"
}

log "building $IMAGES images"
mkdir -p "$work/images" "$work/repos/fleet/hosts/bench"
http_port=$(free_port)
manifest=$work/repos/fleet/hosts/bench/images.yaml
printf 'apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n' >"$manifest"
for ((i = 0; i < IMAGES; i++)); do
  tree=$work/trees/svc$i
  mkdir -p "$tree/usr/lib/systemd/system"
  printf '[Unit]\nDescription=svc%s, an idle service for the agent benchmark\n\n[Service]\nExecStart=%s\n\n[Install]\nWantedBy=multi-user.target\n' \
    "$i" "/usr/bin/busybox sleep 2147483647" >"$tree/usr/lib/systemd/system/svc$i.service"
  host_build_raw "$tree" "$work/images/svc${i}_1.0.raw" "svc$i" 1.0
  printf '  - name: svc%s\n    version: "1.0"\n    url: http://127.0.0.1:%s/svc%s_1.0.raw\n    sha256: %s\n' \
    "$i" "$http_port" "$i" "$(sha256sum "$work/images/svc${i}_1.0.raw" | cut -d' ' -f1)" >>"$manifest"
done
busybox httpd -f -p "127.0.0.1:$http_port" -h "$work/images" &
servers+=($!)
await_port "$http_port" "busybox httpd"

git -C "$work/repos/fleet" init -q -b main
git -C "$work/repos/fleet" add -A
git -C "$work/repos/fleet" -c user.name=bench -c user.email=bench@localhost commit -q -m "$IMAGES images"
revision=$(git -C "$work/repos/fleet" rev-parse HEAD)
# With a manifest file the status names the file's hash: any revision will do.
[[ $SOURCE != file ]] || revision=
git_port=$(free_port)
git daemon --base-path="$work/repos" --export-all --port="$git_port" --listen=127.0.0.1 --reuseaddr \
  "$work/repos" >"$work/git-daemon.log" 2>&1 &
servers+=($!)
await_port "$git_port" "git daemon"

# Median ms of 21 `git ls-remote URL` (C git, from this machine).
ls_remote_ms() {
  local i started
  for ((i = 0; i < 21; i++)); do
    started=$(now)
    git ls-remote "$1" >/dev/null
    ms "$started" "$(now)"
    echo
  done | sort -n | sed -n 11p
}
ls_remote_daemon=$(ls_remote_ms "git://127.0.0.1:$git_port/fleet")
ls_remote_file=$(ls_remote_ms "file://$work/repos/fleet")

log "booting a $SUITE host"
binds=()
if [[ -z ${STATE_ON_TMPFS:-} ]]; then
  mkdir -m 0700 "$work/state"
  binds+=("--bind=$work/state:/var/lib/berth")
fi
binds+=("--bind-ro=$work/repos/fleet:/srv/fleet")
host_boot "$rootfs" "berth-bench-$$" "$work/console.log" "${binds[@]}"
host_install_berth "$ROOT/agent/target/berth.jar"
host_copy_in "$manifest" /etc/berth/manifest/images.yaml
if [[ -n ${JAVA_OPTIONS:-} ]]; then
  printf '[Service]\nEnvironment="JAVA_TOOL_OPTIONS=%s"\n' "$JAVA_OPTIONS" |
    host_write /etc/systemd/system/berth-agent.service.d/bench-java-options.conf
  host_exec systemctl daemon-reload
fi

source_config() {
  if [[ $SOURCE == git ]]; then
    printf '  git:\n    url: git://127.0.0.1:%s/fleet\n    path: hosts/bench\n' "$git_port"
  elif [[ $SOURCE == git-file ]]; then
    printf '  git:\n    url: file:///srv/fleet\n    path: hosts/bench\n'

  else
    echo "  manifest: /etc/berth/manifest/images.yaml"
  fi
}

config() {
  host_write /etc/berth/agent.yaml <<EOF
apiVersion: berth.dev/v1
kind: AgentConfig
source:
$(source_config)
interval: $1
jitter: 0
health: {stableFor: 1s, timeout: 30s}
policy: {allowHttp: true}
metrics: {listen: "off"}
EOF
}

# Polls status.json every 50 ms until the jq condition (with $t0, $rev and ts) holds within $2 seconds.
await_status() {
  local what=$1 timeout=$2 condition=$3 file deadline
  file=$(host_path "$STATUS")
  deadline=$(awk -v n="$(now)" -v t="$timeout" 'BEGIN { printf "%d", n + t }')
  while (($(date +%s) < deadline)); do
    if [[ -f $file ]] && jq -e --argjson t0 "$t0" --arg rev "$revision" "$TS $condition" "$file" >/dev/null 2>&1; then
      return
    fi
    sleep 0.05
  done
  host_exec journalctl -u berth-agent -n 40 --no-pager >&2 || true
  die "$what did not happen within $timeout s"
}

# When systemd executed the agent's current main process (the JVM), in seconds since the epoch.
exec_time() {
  date -d "$(host_exec systemctl show -p ExecMainStartTimestamp --value --timestamp=us+utc berth-agent)" +%s.%N
}

# One field of the last pass, in seconds since the epoch.
pass_time() { jq -r "$TS .lastPass.$1 | ts" "$(host_path "$STATUS")"; }

# "VmRSS VmHWM" of the agent, in MiB with one decimal.
memory() {
  local pid
  pid=$(host_exec systemctl show -p MainPID --value berth-agent)
  host_exec awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { printf "%.1f %.1f", r / 1024, h / 1024 }' \
    "/proc/$pid/status"
}

# CPU seconds (user + system) the agent has used.
cpu() {
  local pid
  pid=$(host_exec systemctl show -p MainPID --value berth-agent)
  host_exec awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat"
}

all_attached='.lastPass.outcome == "CONVERGED" and ($rev == "" or .lastPass.revision == $rev)
  and ([.images[] | select(.attachedVersion == "1.0" and .state == "running")] | length) == '$IMAGES

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
config 1s
log "cold start"
t0=$(now)
host_exec systemctl start berth-agent
cold_ready=$(now)
t0_cold=$t0
cold_exec=$(exec_time)
await_status "convergence on $IMAGES images" 180 "$all_attached"
cold_started=$(pass_time started)
cold_finished=$(pass_time finished)
cold_passes=$(host_exec journalctl -u berth-agent -o cat --no-pager | grep -c 'converged of revision' || true)

# How often systemd started portabled (on demand, by the bus; it exits after 30 s idle) so far.
portabled_starts() {
  host_exec journalctl -u systemd-portabled.service -o cat --no-pager | grep -c '^Started ' || true
}
portabled_cold=$(portabled_starts)

log "warm restart"
sleep 3
t0=$(now)
host_exec systemctl restart berth-agent
warm_ready=$(now)
t0_warm=$t0
warm_exec=$(exec_time)
await_status "the first pass after the restart" 60 '(.lastPass.started | ts) > $t0 and '"$all_attached"
warm_started=$(pass_time started)
warm_finished=$(pass_time finished)

log "no-op passes for $PASS_SECONDS s"
file=$(host_path "$STATUS")
seen=
end=$((SECONDS + PASS_SECONDS - 1))
: >"$work/passes.tsv"
seen_passes=0
cpu_from=
while ((SECONDS < end)); do
  mtime=$(stat -c %.9Y "$file")
  if [[ $mtime != "$seen" ]]; then
    seen=$mtime
    seen_passes=$((seen_passes + 1))
    # The JVM's CPU time from the 10th pass on, to divide by the passes after it.
    if ((seen_passes == 10)); then cpu_from=$(cpu); fi
    jq -r --arg m "$mtime" "$TS"' .lastPass | [(.started | ts), (.finished | ts), ($m | tonumber), .outcome,
      .revision] | map(tostring) | @tsv' "$file" >>"$work/passes.tsv"
  fi
  sleep 0.1
done
# One line per pass (a pass seen twice is one): started finished written outcome, from the restart on.
sort -u -k1,1 "$work/passes.tsv" | awk -v t0="$t0" '$1 > t0' >"$work/passes.sorted"
if [[ -n ${OUT:-} ]]; then
  mkdir -p "$OUT"
  cp "$work/passes.sorted" "$OUT/passes-$SUITE.tsv"
fi
awk -v rev="$revision" '$4 != "CONVERGED" || (rev != "" && $5 != rev) { bad++ } END { exit bad > 0 }' "$work/passes.sorted" ||
  die "a pass did not converge: $(grep -v CONVERGED "$work/passes.sorted" | head -n 3)"
npasses=$(wc -l <"$work/passes.sorted")
((npasses >= 20)) || die "only $npasses passes were seen in $PASS_SECONDS s"
# Every pass after the first one starts about 1 s after the previous one finished; a longer gap means one was missed.
awk 'NR > 1 && $1 - f > 1.9 { print "gap of " $1 - f " s before pass " NR; bad++ } { f = $2 } END { exit bad > 0 }' \
  "$work/passes.sorted" >&2 || die "passes were missed while polling"
passes_mem=$(memory)
passes_cpu=$(cpu)
cpu_per_pass=$(awk -v a="$cpu_from" -v b="$passes_cpu" -v n="$((seen_passes - 10))" 'BEGIN { printf "%.0f", (b - a) * 1000 / n }')

# "median p90 max" in ms of column $3 - column $2 (1-based fields) for lines $4..$5 of the passes.
stats() {
  awk -v a="$1" -v b="$2" -v from="$3" -v to="$4" 'NR >= from && NR <= to { print ($b - $a) * 1000 }' \
    "$work/passes.sorted" | sort -n | awk '{ v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      p = int(NR * 0.9); if (p < NR * 0.9) p++
      printf "%.1f | %.1f | %.1f", m, v[p], v[NR] }'
}

# Median ms of 11 runs of a command inside the host.
host_ms() {
  local i started
  for ((i = 0; i < 11; i++)); do
    started=$(now)
    host_exec "$@" >/dev/null
    ms "$started" "$(now)"
    echo
  done | sort -n | sed -n 6p
}

# Attaches directory images by hand until $1 images are attached in all: one tree copied from svc0's into the host
# (without its unit and os-release), then a hard-linked copy of it per image with its own unit and os-release.
attach_directories() {
  local total=$1 i dir
  if ! host_exec test -d /var/lib/portables/.dirs; then
    tar -C "$work/trees/svc0" -cf - . | host_exec sh -c 'mkdir -p /var/lib/portables/.dirs && tar -C /var/lib/portables/.dirs -xf -'
    host_exec rm -f /var/lib/portables/.dirs/usr/lib/systemd/system/svc0.service /var/lib/portables/.dirs/usr/lib/os-release
  fi
  for ((i = 0; i < total - IMAGES; i++)); do
    dir=/var/lib/portables/dir${i}_1
    if host_exec test -d "$dir"; then continue; fi
    host_exec cp -al /var/lib/portables/.dirs "$dir"
    printf 'ID=berth-image\nVERSION_ID=1\n' | host_write "$dir/usr/lib/os-release"
    printf '[Service]\nExecStart=/usr/bin/busybox sleep 2147483647\n\n[Install]\nWantedBy=multi-user.target\n' |
      host_write "$dir/usr/lib/systemd/system/dir$i.service"
    host_exec portablectl attach --enable --now --no-pager --quiet "dir${i}_1" >/dev/null
  done
}

# "passes median-ms" of the passes seen in status.json for $1 seconds (their outcomes go to $work/outcomes).
curve_passes() {
  local end=$((SECONDS + $1)) seen='' mtime
  : >"$work/curve.tsv"
  while ((SECONDS < end)); do
    mtime=$(stat -c %.9Y "$file")
    if [[ $mtime != "$seen" ]]; then
      seen=$mtime
      jq -r "$TS"' .lastPass | [(.started | ts), (.finished | ts), .outcome] | map(tostring) | @tsv' "$file" >>"$work/curve.tsv"
    fi
    sleep 0.1
  done
  sort -u -k1,1 "$work/curve.tsv" | cut -f3 | sort | uniq -c | tr -s ' \n' ' ' >>"$work/outcomes"
  sort -u -k1,1 "$work/curve.tsv" | awk '{ print ($2 - $1) * 1000 }' | sort -n |
    awk '{ v[NR] = $1 } END { printf "%d %.1f", NR, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One row of the reference table: the medians of `systemctl list-units` of the attached units and `portablectl list`.
reference_row() {
  echo "| $1 | $(host_ms systemctl list-units --all --no-pager --plain 'svc*.service' 'dir*.service') | $(
    host_ms portablectl list --no-pager
  ) |"
}

if [[ -n ${CURVE:-} ]]; then
  curve_rows="| $IMAGES | $((npasses - 10)) | $(stats 1 2 11 "$npasses" | cut -d'|' -f1)| $(uptime | sed 's/.*average: //') |"
  curve_ref=$(reference_row "$IMAGES")
  for total in $CURVE; do
    log "attaching directory images by hand up to $total images"
    attach_directories "$total"
    sleep 5
    read -r curve_n curve_ms <<<"$(curve_passes "${CURVE_SECONDS:-30}")"
    curve_rows+=$'\n'"| $total | $curve_n | $curve_ms | $(uptime | sed 's/.*average: //') |"
    curve_ref+=$'\n'$(reference_row "$total")
  done
  cat <<EOF

No-op pass curve on $SUITE ($(host_exec systemctl --version | head -n 1)), manifest from $SOURCE, $IMAGES images in the
manifest, the others directory images attached by hand; $(nproc) CPUs, $(java -version 2>&1 | head -n 1).

| images attached | passes | median no-op pass ms | load average (1, 5, 15 min) at the end |
|---:|---:|---:|---|
$curve_rows

Reference, in the same host: medians of 11 runs, ms.

| images attached | \`systemctl list-units\` of their units | \`portablectl list\` |
|---:|---:|---:|
$curve_ref

Outcomes of the passes at each size: $(cat "$work/outcomes").
EOF
  exit 0
fi

log "idle with interval 1m"
config 1m
t0=$(now)
host_exec systemctl restart berth-agent
await_status "the first pass at interval 1m" 60 '(.lastPass.started | ts) > $t0 and '"$all_attached"
sleep "$IDLE_SECONDS"
idle_mem=$(memory)
idle_cpu=$(cpu)

log "60 passes by SIGHUP, then idle"
for ((i = 0; i < 60; i++)); do
  t0=$(now)
  # To the JVM alone: `systemctl kill` fails here ("Failed to send signal SIGHUP to auxiliary processes:
  # Input/output error"), AgentIT ignores that too.
  host_exec sh -c 'kill -HUP "$1"' hup "$(host_exec systemctl show -p MainPID --value berth-agent)"
  await_status "pass $i by SIGHUP" 30 '(.lastPass.started | ts) > $t0 and .lastPass.cause == "SIGNAL" and '"$all_attached"
done
sleep "$IDLE_SECONDS"
hup_mem=$(memory)
hup_cpu=$(cpu)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
portabled_later=$(($(portabled_starts) - portabled_cold))

if [[ -n ${OUT:-} ]]; then
  cp "$(host_path "$STATUS")" "$OUT/status-$SUITE.json"
  host_exec journalctl -u berth-agent -o short-precise --no-pager >"$OUT/journal-$SUITE.txt"
fi

read -r passes_rss passes_hwm <<<"$passes_mem"
read -r idle_rss idle_hwm <<<"$idle_mem"
read -r hup_rss hup_hwm <<<"$hup_mem"
cat <<EOF

Berth agent on $SUITE ($(host_exec systemctl --version | head -n 1)), $IMAGES images, manifest from $(
  case $SOURCE in
    git) echo "git (git daemon, git://127.0.0.1)" ;;
    git-file) echo "git (file://, the repository bound into the host)" ;;
    file) echo "a file" ;;
  esac
), state on $(
  [[ -z ${STATE_ON_TMPFS:-} ]] && echo "this machine's disk ($(findmnt -n -o FSTYPE -T "$work"))" || echo "tmpfs"
)
Machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(
  awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo
), $(java -version 2>&1 | head -n 1), load average $load_before at start, $load_after at end
JVM flags: the shipped ones${JAVA_OPTIONS:+, then $JAVA_OPTIONS}.
The git server alone: \`git ls-remote\` (C git) takes $ls_remote_daemon ms against the git daemon, $ls_remote_file ms against file:// (medians of 21).

| measure | value |
|---|---:|
| cold: \`systemctl start\` to the JVM's exec | $(secs "$t0_cold" "$cold_exec") s |
| cold: \`systemctl start\` to READY=1 | $(secs "$t0_cold" "$cold_ready") s |
| cold: \`systemctl start\` to the first pass that attached all $IMAGES images | $(secs "$t0_cold" "$cold_finished") s |
| cold: that pass alone (started to finished; passes that changed something: $cold_passes) | $(secs "$cold_started" "$cold_finished") s |
| warm restart: \`systemctl restart\` to the new JVM's exec (stopping the old agent) | $(secs "$t0_warm" "$warm_exec") s |
| warm restart: \`systemctl restart\` to READY=1 | $(secs "$t0_warm" "$warm_ready") s |
| warm restart: \`systemctl restart\` to its first finished pass (no-op) | $(secs "$t0_warm" "$warm_finished") s |
| warm restart: that pass alone | $(ms "$warm_started" "$warm_finished") ms |

| no-op passes (interval 1s, $PASS_SECONDS s) | passes | median ms | p90 ms | max ms |
|---|---:|---:|---:|---:|
| passes 1-10 of the restarted JVM | 10 | $(stats 1 2 1 10) |
| passes 11-$npasses | $((npasses - 10)) | $(stats 1 2 11 "$npasses") |
| status.json in place after the pass finished (file mtime, ±4 ms), passes 11-$npasses | $((npasses - 10)) | $(stats 2 3 11 "$npasses") |

CPU per no-op pass (user + system of the whole JVM, passes 11-$npasses): $cpu_per_pass ms.
portabled (started on demand by the bus, gone after 30 s idle) was started $portabled_cold times up to the first
converged pass and $portabled_later times in all the no-op passes after it, across idle periods of $IDLE_SECONDS s.

| resident memory (MainPID) | VmRSS MiB | VmHWM MiB | CPU s |
|---|---:|---:|---:|
| restarted, then $npasses passes at interval 1s | $passes_rss | $passes_hwm | $passes_cpu |
| restarted with interval 1m: one pass, then ${IDLE_SECONDS} s idle | $idle_rss | $idle_hwm | $idle_cpu |
| then 60 passes (SIGHUP), then ${IDLE_SECONDS} s idle | $hup_rss | $hup_hwm | $hup_cpu |
EOF
