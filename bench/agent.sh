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
#   - start (issue 12): /usr/lib/berth/berth-cds builds the class-data-sharing archive after the cold start (it is
#     there for every measure below, as on an installed host); then START_RUNS restarts of the converged host with
#     the archive and as many without it (moved away), alternating: `systemctl restart` to READY=1 and to the first
#     finished pass, medians; `berth status` and `berth plan` through the /usr/bin/berth wrapper, with and without
#     the archive, beside `java -version` and `systemctl status berth-agent` (START_RUNS runs each, medians, timed
#     inside the host); idle memory without the archive, beside the one with it;
#   - the machine: nproc, CPU model, memory, load, java and systemd versions.
# /var/lib/berth (the agent's state: git cache, inventory, status.json, all fsynced) is bound from a directory on
# this machine's disk, as on a real host; the container's own file system is a tmpfs overlay, where fsync is free.
#
# Environment: ONLY=start (only the cold start, the idle memory and the start measures: no no-op passes, no
# SIGHUP passes), START_RUNS (default 7), PASS_SECONDS (default 70, at least 60), IDLE_SECONDS (40: longer than portabled stays up when idle), OUT (a directory: keeps each pass's
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
BENCH_NAME=agent.sh
# shellcheck source=scripts/lib/bench.sh
. scripts/lib/bench.sh

readonly SUITE=${1:-bookworm}
readonly SOURCE=${SOURCE:-git}
readonly IMAGES=10
readonly PASS_SECONDS=${PASS_SECONDS:-70}
readonly IDLE_SECONDS=${IDLE_SECONDS:-40}
readonly START_RUNS=${START_RUNS:-7}
readonly ONLY=${ONLY:-}
readonly ARCHIVE=/var/cache/berth/berth.jsa
((EUID == 0)) || die "run as root: it boots a systemd container"
((PASS_SECONDS >= 60)) || die "PASS_SECONDS must be at least 60"
[[ -z $ONLY || $ONLY == start ]] || die "ONLY must be start or empty"
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

log "building $IMAGES images"
mkdir -p "$work/repos/fleet/hosts/bench"
http_port=$(free_port)
manifest=$work/repos/fleet/hosts/bench/images.yaml
bench_images "$IMAGES" "$work" "$http_port" "$manifest"
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

# When systemd executed the agent's current main process (the JVM), in seconds since the epoch.
exec_time() {
  date -d "$(host_exec systemctl show -p ExecMainStartTimestamp --value --timestamp=us+utc berth-agent)" +%s.%N
}

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

all_attached=$(all_attached "$IMAGES")

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

log "berth-cds: the class-data-sharing archive"
started=$(now)
host_exec /usr/lib/berth/berth-cds >&2
cds_seconds=$(secs "$started" "$(now)")
cds_mib=$(host_exec stat -c %s "$ARCHIVE" | awk '{ printf "%.1f", $1 / 1048576 }')

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

if [[ $ONLY != start ]]; then
  log "no-op passes for $PASS_SECONDS s"
  file=$(host_path "$BENCH_STATUS")
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
fi

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

# "VmRSS VmHWM CPU" of a restarted agent after its first pass and IDLE_SECONDS idle.
idle_after_restart() {
  t0=$(now)
  host_exec systemctl restart berth-agent
  await_status "the first pass at interval 1m" 60 '(.lastPass.started | ts) > $t0 and '"$all_attached"
  sleep "$IDLE_SECONDS"
  echo "$(memory) $(cpu)"
}

log "idle with interval 1m, without the archive"
config 1m
host_exec mv "$ARCHIVE" "$ARCHIVE.off"
idle_off=$(idle_after_restart)
read -r idle_rss_off idle_hwm_off idle_cpu_off <<<"$idle_off"
host_exec mv "$ARCHIVE.off" "$ARCHIVE"

log "idle with interval 1m"
idle=$(idle_after_restart)
read -r idle_rss idle_hwm idle_cpu <<<"$idle"

if [[ $ONLY != start ]]; then
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
fi

# Median of the numbers on standard input, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# "ready first-pass" in seconds of one `systemctl restart` of the converged agent.
restart_once() {
  local ready
  t0=$(now)
  host_exec systemctl restart berth-agent
  ready=$(now)
  await_status "the first pass after a restart" 60 '(.lastPass.started | ts) > $t0 and '"$all_attached"
  echo "$(secs "$t0" "$ready") $(secs "$t0" "$(pass_time finished)")"
}

# Seconds each of START_RUNS runs of the command took inside the host, one a line (exit status ignored).
time_inside() {
  # shellcheck disable=SC2016 # expanded by the shell inside
  host_exec sh -c 'n=$1; shift; i=0; while [ $i -lt $n ]; do s=$(date +%s%N); "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N); echo $(((e - s) / 1000000)); i=$((i + 1)); done' time "$START_RUNS" "$@" |
    awk '{ print $1 / 1000 }'
}

log "start: $START_RUNS restarts with the archive, $START_RUNS without, alternating"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$work/restart-on"
: >"$work/restart-off"
for ((i = 0; i < START_RUNS; i++)); do
  restart_once >>"$work/restart-on"
  host_exec mv "$ARCHIVE" "$ARCHIVE.off"
  restart_once >>"$work/restart-off"
  host_exec mv "$ARCHIVE.off" "$ARCHIVE"
done
log "start: berth status and berth plan, $START_RUNS times each"
declare -A cli_on cli_off
for c in status plan; do cli_on[$c]=$(time_inside /usr/bin/berth "$c" | median); done
host_exec mv "$ARCHIVE" "$ARCHIVE.off"
for c in status plan; do cli_off[$c]=$(time_inside /usr/bin/berth "$c" | median); done
host_exec mv "$ARCHIVE.off" "$ARCHIVE"
java_version=$(time_inside /usr/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -version | median)
systemctl_status=$(time_inside systemctl status --no-pager berth-agent | median)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
portabled_later=$(($(portabled_starts) - portabled_cold))

if [[ -n ${OUT:-} ]]; then
  mkdir -p "$OUT"
  cp "$(host_path "$BENCH_STATUS")" "$OUT/status-$SUITE.json"
  host_exec journalctl -u berth-agent -o short-precise --no-pager >"$OUT/journal-$SUITE.txt"
fi

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
EOF
if [[ $ONLY != start ]]; then
  read -r passes_rss passes_hwm <<<"$passes_mem"
  read -r hup_rss hup_hwm <<<"$hup_mem"
  cat <<EOF

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
fi
cat <<EOF

| resident memory (MainPID), with and without the archive | VmRSS MiB | VmHWM MiB | CPU s |
|---|---:|---:|---:|
| restarted with interval 1m: one pass, then ${IDLE_SECONDS} s idle | $idle_rss | $idle_hwm | $idle_cpu |
| restarted with interval 1m without the archive: one pass, then ${IDLE_SECONDS} s idle | $idle_rss_off | $idle_hwm_off | $idle_cpu_off |

Start (issue 12): berth-cds built a $cds_mib MiB archive in $cds_seconds s; every measure above but the cold start
and the line "without the archive" ran with it. Load average $load_start at the first restart below, $load_after
after the last command. Medians of $START_RUNS, restarts alternating with and without the archive.

| start | with the archive | without | reference |
|---|---:|---:|---:|
| \`systemctl restart\` (converged host) to READY=1 | $(cut -d' ' -f1 "$work/restart-on" | median) s | $(cut -d' ' -f1 "$work/restart-off" | median) s | |
| \`systemctl restart\` to its first finished pass | $(cut -d' ' -f2 "$work/restart-on" | median) s | $(cut -d' ' -f2 "$work/restart-off" | median) s | |
| \`berth status\` (/usr/bin/berth) | ${cli_on[status]} s | ${cli_off[status]} s | \`java -version\` (the wrapper's flags): $java_version s |
| \`berth plan\` (/usr/bin/berth) | ${cli_on[plan]} s | ${cli_off[plan]} s | \`systemctl status berth-agent\`: $systemctl_status s |
EOF
if [[ -n ${OUT:-} ]]; then cp "$work/restart-on" "$work/restart-off" "$OUT/"; fi
