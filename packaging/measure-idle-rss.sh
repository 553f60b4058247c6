#!/usr/bin/env bash
# Idle resident memory (VmRSS) of a JVM that did what an agent pass does, for several sets of JVM flags.
#
# Each run starts dev.berth.agent.systemd.IdleFootprint (agent test classes) with berth.jar: it reads a manifest
# from a git repository (JGit, file://), downloads its image from python3's http.server on 127.0.0.1 (OkHttp, 1 MiB
# blocks, sha256), calls a private dbus-daemon (dbus-java; portabled is not there, the call fails politely), then
# idles. SETTLE seconds after it says "idle", VmRSS and VmHWM are read from /proc/PID/status, the CPU time it used
# from /proc/PID/stat, and the JVM is killed.
# Prints one line per flag set: the median of RUNS runs, in MiB.
#
# Build first: mvn -B -q -DskipTests package -pl agent -am && mvn -B -q test-compile -pl agent -am
# Environment: RUNS (3), SETTLE (10 s), PASSES (1; more passes download the image again each time),
# IMAGE_MIB (8), ONLY (run only the flag sets whose name contains this), WORK (a scratch directory),
# GC_WHEN_IDLE=1 (one System.gc() before idling, as a daemon could do after a pass).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/agent/target/berth.jar
TESTS=$ROOT/agent/target/test-classes
RUNS=${RUNS:-3}
SETTLE=${SETTLE:-10}
PASSES=${PASSES:-1}
IMAGE_MIB=${IMAGE_MIB:-8}
ONLY=${ONLY:-}
if [ ! -f "$JAR" ] || [ ! -f "$TESTS/dev/berth/agent/systemd/IdleFootprint.class" ]; then
    echo "build first: mvn -B -q -DskipTests package -pl agent -am && mvn -B -q test-compile -pl agent -am" >&2
    exit 1
fi

WORK=${WORK:-$(mktemp -d)}
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# The image, the manifest in a git repository, the http server and the bus.
mkdir -p "$WORK/www" "$WORK/repo"
head -c $((IMAGE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/www/app_1.raw"
SUM=$(sha256sum "$WORK/www/app_1.raw" | cut -d' ' -f1)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$WORK/www" && exec python3 -m http.server --bind 127.0.0.1 "$PORT" >/dev/null 2>&1) &
PIDS+=($!)
cat >"$WORK/repo/manifest.yaml" <<YAML
apiVersion: berth.dev/v1
kind: Manifest
images:
  - name: app
    version: "1"
    url: http://127.0.0.1:$PORT/app_1.raw
    sha256: $SUM
YAML
git -C "$WORK/repo" init -q -b main
git -C "$WORK/repo" -c user.name=bench -c user.email=bench@localhost add manifest.yaml
git -C "$WORK/repo" -c user.name=bench -c user.email=bench@localhost commit -qm manifest
BUS=$WORK/bus.sock
dbus-daemon --session --address="unix:path=$BUS" --nofork --nopidfile >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$BUS" ] && curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

# The flags berth-agent.service ships, read from its ExecStart= (continuation lines joined). The state directory
# of the unit does not exist here: user.home goes to the scratch directory.
SHIPPED=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$ROOT/packaging/berth-agent.service" |
    sed -n 's/^ExecStart=\/usr\/bin\/java \(.*\) -jar .*/\1/p' | tr -s ' ' |
    sed "s|-Duser.home=[^ ]*|-Duser.home=$WORK/home|")
[ -n "$SHIPPED" ] || { echo "cannot read the JVM flags from berth-agent.service" >&2; exit 1; }
SHIPPED_TIERED=${SHIPPED/"-XX:-TieredCompilation "/}
SHIPPED_TIERED=${SHIPPED_TIERED/"-XX:CICompilerCount=1 "/}
# shellcheck disable=SC2001 # [0-9]* is a regular expression, which ${SHIPPED/.../} cannot say without extglob
SHIPPED_UNTRIMMED=$(echo "$SHIPPED" | sed -e 's/-XX:TrimNativeHeapInterval=[0-9]* //')
SHIPPED_C1=${SHIPPED/"-XX:-TieredCompilation"/"-XX:TieredStopAtLevel=1"}
EXTRA=""
[ "${GC_WHEN_IDLE:-0}" = 1 ] && EXTRA="-Dberth.bench.gcWhenIdle=true"

# name | environment | JVM flags
SETS=(
    "JDK defaults (G1, Xmx = 1/4 of RAM)||"
    "SerialGC||-XX:+UseSerialGC"
    "SerialGC, 16-64 MiB heap||-XX:+UseSerialGC -Xms16m -Xmx64m"
    "+ C1 only||-XX:+UseSerialGC -Xms16m -Xmx64m -XX:TieredStopAtLevel=1"
    "+ one compiler thread, code/metaspace/direct caps||-XX:+UseSerialGC -Xms16m -Xmx64m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=32m"
    "+ no perf data, MALLOC_ARENA_MAX=2|MALLOC_ARENA_MAX=2|-XX:+UseSerialGC -Xms16m -Xmx64m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=32m -XX:-UsePerfData"
    "+ Xss512k|MALLOC_ARENA_MAX=2|-XX:+UseSerialGC -Xms16m -Xmx64m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=32m -XX:-UsePerfData -Xss512k"
    "shipped in berth-agent.service|MALLOC_ARENA_MAX=2|$SHIPPED"
    "shipped, but C1 and C2 (tiered, the default)|MALLOC_ARENA_MAX=2|$SHIPPED_TIERED"
    "shipped, but the native heap not trimmed|MALLOC_ARENA_MAX=2|$SHIPPED_UNTRIMMED"
    "shipped, but C1 alone (TieredStopAtLevel=1)|MALLOC_ARENA_MAX=2|$SHIPPED_C1"
    "shipped, but -Xshare:off|MALLOC_ARENA_MAX=2|$SHIPPED -Xshare:off"
)

status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mib() { awk '{ printf "%.1f", $1 / 1024 }'; }

one_run() { # env flags -> "RSS_KIB HWM_KIB FETCH_MS START_TO_IDLE_MS CPU_MS"
    local env=$1 flags=$2 dir
    dir=$(mktemp -d "$WORK/run.XXXXXX")
    # Each is a list of words separated by spaces: NAME=VALUE assignments, JVM flags.
    local assignments jvm_flags
    read -r -a assignments <<<"$env"
    read -r -a jvm_flags <<<"$flags $EXTRA"
    local started
    started=$(date +%s%N)
    env "${assignments[@]}" java "${jvm_flags[@]}" -cp "$JAR:$TESTS" dev.berth.agent.systemd.IdleFootprint \
        "file://$WORK/repo" "$dir/state" "$dir/pool" "unix:path=$BUS" "$PASSES" >"$dir/out" 2>"$dir/err" &
    local pid=$!
    for _ in $(seq 600); do grep -qx idle "$dir/out" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if ! grep -qx idle "$dir/out"; then
        echo "the JVM did not reach idle with: $flags" >&2
        cat "$dir/err" >&2
        kill "$pid" 2>/dev/null || true
        return 1
    fi
    local idle=$((($(date +%s%N) - started) / 1000000))
    sleep "$SETTLE"
    local rss hwm fetch cpu
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$pid/stat")
    rss=$(status_kib "$pid" VmRSS)
    hwm=$(status_kib "$pid" VmHWM)
    fetch=$(grep -o 'fetched app_1.raw in [0-9]* ms' "$dir/err" | tail -1 | grep -o '[0-9]* ms' | cut -d' ' -f1)
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
    echo "$rss $hwm $fetch $idle $cpu"
}

printf '| flags | idle VmRSS MiB (median of %s) | VmHWM MiB | last fetch of %s MiB, ms | start to idle, ms | CPU until idle, ms |\n|---|---:|---:|---:|---:|---:|\n' \
    "$RUNS" "$IMAGE_MIB"
echo "(passes: $PASSES, settle: $SETTLE s${EXTRA:+, $EXTRA})" >&2
for set in "${SETS[@]}"; do
    IFS='|' read -r name env flags <<<"$set"
    [ -n "$ONLY" ] && [[ $name != *"$ONLY"* ]] && continue
    results=()
    for _ in $(seq "$RUNS"); do results+=("$(one_run "$env" "$flags")"); done
    rss=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median | mib)
    hwm=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median | mib)
    fetch=$(printf '%s\n' "${results[@]}" | cut -d' ' -f3 | median)
    idle=$(printf '%s\n' "${results[@]}" | cut -d' ' -f4 | median)
    cpu=$(printf '%s\n' "${results[@]}" | cut -d' ' -f5 | median)
    shown=$(echo "${flags:-(none)}" | sed -e "s|$WORK/home|/var/lib/berth|" -e 's/ *$//')
    # shellcheck disable=SC2016 # the backticks are Markdown (a code span in the table), not a command substitution
    printf '| %s%s `%s` | %s | %s | %s | %s | %s |\n' "$name" "${env:+ ($env)}" "$shown" "$rss" "$hwm" "$fetch" "$idle" "$cpu"
done
