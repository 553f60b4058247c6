#!/usr/bin/env bash
# Converging many images at once (issue 12): on one throwaway systemd host (scripts/lib/host.sh), in the same run,
#   (a) by hand: `portablectl attach --enable --now` of IMAGES raw images one after the other, then one `sleep`
#       of the health window STABLE: what converging them takes at the least;
#   (b) the agent: `systemctl start berth-agent` (the shipped unit, a manifest file listing the same images served
#       over http on 127.0.0.1, health stableFor STABLE) to the end of its first pass that attached them all
#       (status.json lastPass.finished), and that pass alone;
# RUNS times each, alternating, the host cleaned in between (everything detached, the agent killed, its state and
# pool emptied). Prints the medians, the ratio (b)/(a) (goal: at most 1.5) and the load before and after.
#
#   bench/converge.sh [SUITE]     (SUITE: bookworm = systemd 252, the default; trixie = systemd 257)
#
# Environment: IMAGES (default 10), STABLE (seconds, default 10, the agent's default), RUNS (default 3), OUT (a
# directory: keeps the agent's journal of each run).
# shellcheck disable=SC2016 # the jq and awk programs are in single quotes on purpose
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/host.sh
. scripts/lib/host.sh
BENCH_NAME=converge.sh
# shellcheck source=scripts/lib/bench.sh
. scripts/lib/bench.sh

readonly SUITE=${1:-bookworm}
readonly IMAGES=${IMAGES:-10}
readonly STABLE=${STABLE:-10}
readonly RUNS=${RUNS:-3}

((EUID == 0)) || die "run as root: it boots a systemd container"
# shellcheck source=scripts/lib/packages.sh
. scripts/lib/packages.sh
ensure_packages converge.sh jq busybox-static squashfs-tools

rootfs=$(host_rootfs "$SUITE")
[[ -f agent/target/berth.jar ]] || die "no agent/target/berth.jar: build it with mvn -B -q -ntp -o -DskipTests package"
work=$(mktemp -d /tmp/berth-bench-converge.XXXXXX)
servers=()
cleanup() {
  set +e
  host_poweroff
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

log "building $IMAGES images"
http_port=$(free_port)
bench_images "$IMAGES" "$work" "$http_port" "$work/images.yaml"
busybox httpd -f -p "127.0.0.1:$http_port" -h "$work/images" &
servers+=($!)
await_port "$http_port" "busybox httpd"

log "booting a $SUITE host"
host_boot "$rootfs" "berth-converge-$$" "$work/console.log" "--bind-ro=$work/images:/srv/images"
host_install_berth "$ROOT/agent/target/berth.jar"
host_copy_in "$work/images.yaml" /etc/berth/manifest/images.yaml
host_write /etc/berth/agent.yaml <<CONFIG
apiVersion: berth.dev/v1
kind: AgentConfig
source:
  manifest: /etc/berth/manifest/images.yaml
interval: 1m
jitter: 0
health: {stableFor: ${STABLE}s, timeout: $((STABLE + 60))s}
policy: {allowHttp: true}
metrics: {listen: "off"}
CONFIG
revision=

# Seconds the IMAGES attaches by hand and one window take; leaves them attached.
by_hand() {
  local started i
  started=$(now)
  for ((i = 0; i < IMAGES; i++)); do
    host_exec portablectl attach --enable --now --quiet "/srv/images/svc${i}_1.0.raw" >/dev/null
  done
  sleep "$STABLE"
  secs "$started" "$(now)"
}

# Seconds from `systemctl start berth-agent` to the end of the first pass that attached all images; then that
# pass alone, after a space.
by_agent() {
  local t0 finished
  t0=$(now)
  host_exec systemctl start berth-agent
  await_status "the first pass that attached $IMAGES images" $((IMAGES * 10 + STABLE + 120)) "$(all_attached "$IMAGES")"
  finished=$(pass_time finished)
  echo "$(secs "$t0" "$finished") $(secs "$(pass_time started)" "$finished")"
}

# Back to a host with nothing attached: the agent killed (stopping it waits for its pass), every image detached,
# the agent's state and the pool emptied.
clean() {
  local pid i
  pid=$(host_exec systemctl show -p MainPID --value berth-agent)
  if [[ $pid != 0 ]]; then
    host_exec systemctl stop --no-block berth-agent
    host_exec kill -9 "$pid" 2>/dev/null || true
  fi
  for _ in $(seq 100); do
    [[ $(host_exec systemctl is-active berth-agent || true) != active ]] && break
    sleep 0.1
  done
  host_exec systemctl reset-failed berth-agent 2>/dev/null || true
  for ((i = 0; i < IMAGES; i++)); do
    host_exec portablectl detach --enable --now --quiet "svc${i}_1.0" >/dev/null 2>&1 || true
  done
  host_exec sh -c 'rm -rf /var/lib/berth/* /var/lib/portables/svc*' || true
  [[ -z $(host_exec portablectl list --no-legend 2>/dev/null | grep svc || true) ]] || die "images left attached"
}

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load_before=$(uptime)
hand=()
agent=()
pass=()
for ((r = 1; r <= RUNS; r++)); do
  log "run $r of $RUNS: by hand"
  hand+=("$(by_hand)")
  clean
  log "run $r of $RUNS: the agent"
  read -r total alone < <(by_agent)
  agent+=("$total")
  pass+=("$alone")
  if [[ -n ${OUT:-} ]]; then
    mkdir -p "$OUT"
    host_exec journalctl -u berth-agent -o short-precise --no-pager >"$OUT/journal-$SUITE-$r.txt"
  fi
  windows=$(host_exec journalctl -u berth-agent -o cat --no-pager | grep -c 'watching the health of' || true)
  clean
  log "run $r: by hand ${hand[-1]} s, agent $total s (pass $alone s, health windows logged so far: $windows)"
done
load_after=$(uptime)
a=$(printf '%s\n' "${hand[@]}" | median)
b=$(printf '%s\n' "${agent[@]}" | median)
p=$(printf '%s\n' "${pass[@]}" | median)

cat <<TABLE

Converging $IMAGES images on $SUITE ($(host_exec systemctl --version | head -n 1)), health window ${STABLE} s, $RUNS runs
Machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(java -version 2>&1 | head -n 1)
Load before: $load_before
Load after:  $load_after

| measure | median s | runs s |
|---|---:|---|
| (a) $IMAGES \`portablectl attach --enable --now\` by hand + one ${STABLE} s window | $a | ${hand[*]} |
| (b) \`systemctl start berth-agent\` to the first pass that attached all $IMAGES | $b | ${agent[*]} |
| that pass alone (started to finished) | $p | ${pass[*]} |
| ratio (b) / (a) (goal: at most 1.5) | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }') | |
TABLE
