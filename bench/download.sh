#!/usr/bin/env bash
# Image download benchmark: Berth's fetcher against curl, same file, same local server, same run.
#
#   bench/download.sh            # 1 GiB, 5 rounds, work files under /tmp
#   SIZE_MIB=256 RUNS=3 BENCH_DIR=/dev/shm/berth-bench BUFFER_BYTES=4194304 bench/download.sh
#
# It builds the fetchers module's test classes (Maven, no install), creates a random file, serves it with
# python3 -m http.server on 127.0.0.1, and times in each round, in this order:
#   (a) Berth: dev.berth.fetchers.DownloadBench (fetchers test scope) downloads into a temporary pool,
#       hashing while writing, fsyncs, verifies and renames; the time is the fetch call itself, the JVM start
#       is reported on its own line, and so is the time until the last body byte was written (what follows
#       is waiting for the last hash, fsync and rename)
#   (b) curl -s URL | tee FILE | sha256sum   (download, write and hash, no fsync)
#   (c) curl -s -o /dev/null URL             (download only: the ceiling)
# then the same three over https (bench/tls-server.py, the same handler behind Python's ssl module, with a
# certificate from a CA made for the run):
#   (a') Berth, trusting the CA the way the agent trusts CAs: through the JDK's default trust store (here
#        -Djavax.net.ssl.trustStore pointing at a PKCS12 store holding the CA; on a host, the system store)
#   (b') curl --cacert CA -s URL | tee FILE | sha256sum
#   (c') curl --cacert CA -s -o /dev/null URL
# and the machine's limits, once per round:
#   dd if=/dev/zero of=FILE bs=1M count=SIZE_MIB conv=fsync   (writing the file to disk, with fsync)
#   dev.berth.fetchers.Sha256Bench                            (the JVM's SHA-256 alone, warmed up)
# and prints the median throughput of each (MB = 10^6 bytes), the ratios Berth/(b) and Berth/(c), and the load
# (uptime) before and after. HTTPS=0 skips the https rows.
#
# Then the compressed case, for each of CASES (default "zstd xz"; CASES= skips it): a SIZE_MIB image that
# compresses to about half (each MiB: 512 KiB random, 512 KiB of a repeated line) is compressed with zstd -3
# and with xz -1 and served as image.raw.zst / image.raw.xz; each round times
#   (a) Berth: download the compressed file, sha256 while writing, fsync, verify, then decompress into
#       image.raw (fsync, rename)
#   (b) curl -s URL | tee >(sha256sum) FILE.zst | zstd -dc > FILE.raw  (the same work, decoding while
#       downloading, unverified, no fsync)
# with the throughput counted in decompressed MB.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
SIZE_MIB=${SIZE_MIB:-1024}
BUFFER_BYTES=${BUFFER_BYTES:-1048576}
CASES=${CASES-zstd xz}
HTTPS=${HTTPS:-1}
WORK=${BENCH_DIR:-$(mktemp -d /tmp/berth-bench.XXXXXX)}
mkdir -p "$WORK/serve" "$WORK/pool" "$WORK/out"

server_pid=
tls_pid=
cleanup() {
    for pid in $server_pid $tls_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK/pool" "$WORK/out" "$WORK/tls"
    if [[ -z "${KEEP_IMAGE:-}" ]]; then rm -rf "$WORK/serve"; fi
}
trap cleanup EXIT
# A signal ends the script through exit, so the EXIT trap cleans up (bash skips it when a signal kills it).
trap "exit 130" INT
trap "exit 143" TERM

echo "building fetchers test classes..." >&2
(cd "$ROOT" && mvn -B -q -pl fetchers -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2)
CP="$ROOT/fetchers/target/test-classes:$ROOT/fetchers/target/classes:$(cat "$ROOT/fetchers/target/bench.classpath")"

IMAGE="$WORK/serve/image.raw"
if [[ ! -f "$IMAGE" || $(stat -c %s "$IMAGE") -ne $((SIZE_MIB * 1024 * 1024)) ]]; then
    echo "creating a ${SIZE_MIB} MiB random file..." >&2
    head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$IMAGE"
fi
BYTES=$(stat -c %s "$IMAGE")
SHA=$(sha256sum "$IMAGE" | cut -d' ' -f1)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/serve" >/dev/null 2>&1 &
server_pid=$!
URL="http://127.0.0.1:$PORT/image.raw"
for _ in $(seq 50); do curl -sf -o /dev/null -r 0-0 "$URL" && break; sleep 0.1; done
curl -s -o /dev/null "$URL" # warm the page cache and the server

if [[ "$HTTPS" == 1 ]]; then
    # A CA made for this run, a server certificate for 127.0.0.1 signed by it, and a trust store holding the CA.
    TLS="$WORK/tls"
    mkdir -p "$TLS"
    ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -keyout "$TLS/ca.key" -out "$TLS/ca.pem" -days 1 -subj "/CN=Berth bench CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
    openssl req "${ec[@]}" -keyout "$TLS/server.key" -out "$TLS/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$TLS/ext.cnf"
    openssl x509 -req -in "$TLS/server.csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca.key" -CAcreateserial \
        -out "$TLS/server.pem" -days 1 -extfile "$TLS/ext.cnf" 2>/dev/null
    keytool -importcert -noprompt -alias berth-bench-ca -file "$TLS/ca.pem" -keystore "$TLS/trust.p12" \
        -storetype PKCS12 -storepass berth-bench >/dev/null 2>&1
    TLS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    python3 "$ROOT/bench/tls-server.py" "$TLS_PORT" "$WORK/serve" "$TLS/server.pem" "$TLS/server.key" >/dev/null 2>&1 &
    tls_pid=$!
    TLS_URL="https://127.0.0.1:$TLS_PORT/image.raw"
    for _ in $(seq 50); do curl -sf --cacert "$TLS/ca.pem" -o /dev/null -r 0-0 "$TLS_URL" && break; sleep 0.1; done
    TRUST=(-Djavax.net.ssl.trustStore="$TLS/trust.p12" -Djavax.net.ssl.trustStorePassword=berth-bench
        -Djavax.net.ssl.trustStoreType=PKCS12)
fi

load_before=$(uptime)
now() { date +%s%N; }
berth=() ; berth_body=() ; berth_proc=() ; tee_sha=() ; devnull=()
s_berth=() ; s_tee=() ; s_null=() ; disk=() ; sha_jvm=()
for round in $(seq "$RUNS"); do
    t0=$(now)
    out=$(java -cp "$CP" dev.berth.fetchers.DownloadBench "$URL" "$SHA" "$WORK/pool" "$BUFFER_BYTES" 2>/dev/null)
    t1=$(now)
    read -r got_bytes fetch_ns body_ns <<< "$out"
    [[ "$got_bytes" == "$BYTES" ]] || { echo "Berth fetched $got_bytes bytes, expected $BYTES" >&2; exit 1; }
    berth+=("$fetch_ns"); berth_body+=("$body_ns"); berth_proc+=($((t1 - t0)))

    t0=$(now)
    got=$(curl -s "$URL" | tee "$WORK/out/image.raw" | sha256sum | cut -d' ' -f1)
    t1=$(now)
    [[ "$got" == "$SHA" ]] || { echo "curl | tee | sha256sum got $got, expected $SHA" >&2; exit 1; }
    rm -f "$WORK/out/image.raw"
    tee_sha+=($((t1 - t0)))

    t0=$(now)
    curl -s -o /dev/null "$URL"
    t1=$(now)
    devnull+=($((t1 - t0)))
    echo "round $round: berth ${berth[-1]} ns (body ${berth_body[-1]} ns, process ${berth_proc[-1]} ns), tee ${tee_sha[-1]} ns, devnull ${devnull[-1]} ns" >&2

    if [[ "$HTTPS" == 1 ]]; then
        out=$(java "${TRUST[@]}" -cp "$CP" dev.berth.fetchers.DownloadBench "$TLS_URL" "$SHA" "$WORK/pool" "$BUFFER_BYTES" 2>/dev/null)
        read -r got_bytes fetch_ns _ <<< "$out"
        [[ "$got_bytes" == "$BYTES" ]] || { echo "Berth fetched $got_bytes bytes over https, expected $BYTES" >&2; exit 1; }
        s_berth+=("$fetch_ns")

        t0=$(now)
        got=$(curl -s --cacert "$TLS/ca.pem" "$TLS_URL" | tee "$WORK/out/image.raw" | sha256sum | cut -d' ' -f1)
        t1=$(now)
        [[ "$got" == "$SHA" ]] || { echo "curl https | tee | sha256sum got $got, expected $SHA" >&2; exit 1; }
        rm -f "$WORK/out/image.raw"
        s_tee+=($((t1 - t0)))

        t0=$(now)
        curl -s --cacert "$TLS/ca.pem" -o /dev/null "$TLS_URL"
        t1=$(now)
        s_null+=($((t1 - t0)))
        echo "round $round https: berth ${s_berth[-1]} ns, tee ${s_tee[-1]} ns, devnull ${s_null[-1]} ns" >&2
    fi

    t0=$(now)
    dd if=/dev/zero of="$WORK/out/dd.raw" bs=1M count="$SIZE_MIB" conv=fsync 2>/dev/null
    t1=$(now)
    rm -f "$WORK/out/dd.raw"
    disk+=($((t1 - t0)))
    read -r _ sha_ns <<< "$(java -cp "$CP" dev.berth.fetchers.Sha256Bench "$SIZE_MIB")"
    sha_jvm+=("$sha_ns")
    echo "round $round limits: dd conv=fsync ${disk[-1]} ns, JVM sha256 ${sha_jvm[-1]} ns" >&2
done
load_after=$(uptime)

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
mbps() { awk -v b="$BYTES" -v ns="$1" 'BEGIN {printf "%.0f", b / 1e6 / (ns / 1e9)}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf "%.2f", y / x}'; }

m_berth=$(median "${berth[@]}"); m_body=$(median "${berth_body[@]}"); m_proc=$(median "${berth_proc[@]}")
m_tee=$(median "${tee_sha[@]}"); m_null=$(median "${devnull[@]}")

echo
echo "file: $((BYTES / 1024 / 1024)) MiB, $RUNS rounds, median; Berth buffer $BUFFER_BYTES bytes; work dir $WORK"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "uptime before: $load_before"
echo "uptime after:  $load_after"
row() { printf '%-52s %10.2f %8s\n' "$1" "$(awk -v n="$2" 'BEGIN{print n/1e9}')" "$(mbps "$2")"; }
printf '%-52s %10s %8s\n' "method" "seconds" "MB/s"
printf '%-52s %10.2f %8s\n' "(a) Berth fetcher (download+sha256+fsync+rename)" "$(awk -v n="$m_berth" 'BEGIN{print n/1e9}')" "$(mbps "$m_berth")"
printf '%-52s %10.2f %8s\n' "    of which until the last body byte was written" "$(awk -v n="$m_body" 'BEGIN{print n/1e9}')" "$(mbps "$m_body")"
printf '%-52s %10.2f %8s\n' "    same, whole JVM process incl. start" "$(awk -v n="$m_proc" 'BEGIN{print n/1e9}')" "$(mbps "$m_proc")"
printf '%-52s %10.2f %8s\n' "(b) curl | tee FILE | sha256sum" "$(awk -v n="$m_tee" 'BEGIN{print n/1e9}')" "$(mbps "$m_tee")"
printf '%-52s %10.2f %8s\n' "(c) curl -o /dev/null" "$(awk -v n="$m_null" 'BEGIN{print n/1e9}')" "$(mbps "$m_null")"
echo "Berth/(b): $(ratio "$m_berth" "$m_tee")x   Berth/(c): $(ratio "$m_berth" "$m_null")x   (throughput ratios)"
if [[ "$HTTPS" == 1 ]]; then
    m_sberth=$(median "${s_berth[@]}"); m_stee=$(median "${s_tee[@]}"); m_snull=$(median "${s_null[@]}")
    row "(a') Berth fetcher over https" "$m_sberth"
    row "(b') curl https | tee FILE | sha256sum" "$m_stee"
    row "(c') curl https -o /dev/null" "$m_snull"
    echo "https: Berth/(b'): $(ratio "$m_sberth" "$m_stee")x   Berth/(c'): $(ratio "$m_sberth" "$m_snull")x"
fi
m_disk=$(median "${disk[@]}"); m_sha=$(median "${sha_jvm[@]}")
row "limit: dd bs=1M conv=fsync (write + fsync)" "$m_disk"
row "limit: the JVM's SHA-256 alone" "$m_sha"
echo "Berth/dd: $(ratio "$m_berth" "$m_disk")x   Berth/sha256: $(ratio "$m_berth" "$m_sha")x"

[[ -n "$CASES" ]] || exit 0

# The compressed case: a compressible image, compressed once per codec, then RUNS interleaved rounds.
PLAIN="$WORK/serve/compressible.raw"
if [[ ! -f "$PLAIN" || $(stat -c %s "$PLAIN") -ne $((SIZE_MIB * 1024 * 1024)) ]]; then
    echo "creating a ${SIZE_MIB} MiB compressible file..." >&2
    line=$(printf 'portable service image, compressible part %064d\n' 0)
    half=$(mktemp "$WORK/half.XXXXXX")
    { yes "$line" || true; } | head -c $((512 * 1024)) > "$half" # yes ends on SIGPIPE
    for _ in $(seq "$SIZE_MIB"); do head -c $((512 * 1024)) /dev/urandom; cat "$half"; done > "$PLAIN"
    rm -f "$half"
fi
PLAIN_BYTES=$(stat -c %s "$PLAIN")
for codec in $CASES; do
    case $codec in
        zstd) suffix=zst; compress=(zstd -3 -q -c -T1); decompress=(zstd -dcq) ;;
        xz) suffix=xz; compress=(xz -1 -c -T1); decompress=(xz -dc) ;;
        *) echo "unknown case $codec (zstd or xz)" >&2; exit 2 ;;
    esac
    packed="$WORK/serve/image.raw.$suffix"
    if [[ ! -f "$packed" || "$packed" -ot "$PLAIN" ]]; then
        echo "compressing with ${compress[*]}..." >&2
        "${compress[@]}" "$PLAIN" > "$packed"
    fi
    PACKED_SHA=$(sha256sum "$packed" | cut -d' ' -f1)
    PACKED_BYTES=$(stat -c %s "$packed")
    CURL="http://127.0.0.1:$PORT/image.raw.$suffix"
    curl -s -o /dev/null "$CURL"
    c_berth=() ; c_pipe=()
    for round in $(seq "$RUNS"); do
        t0=$(now)
        out=$(java -cp "$CP" dev.berth.fetchers.DownloadBench "$CURL" "$PACKED_SHA" "$WORK/pool" "$BUFFER_BYTES" 2>/dev/null)
        t1=$(now)
        read -r got_bytes fetch_ns _ <<< "$out"
        [[ "$got_bytes" == "$PLAIN_BYTES" ]] || { echo "Berth decoded $got_bytes bytes, expected $PLAIN_BYTES" >&2; exit 1; }
        c_berth+=("$fetch_ns")

        t0=$(now)
        curl -s "$CURL" | tee >(sha256sum | cut -d' ' -f1 > "$WORK/out/sha") "$WORK/out/image.raw.$suffix" \
            | "${decompress[@]}" > "$WORK/out/image.raw"
        t1=$(now)
        # the process substitution may finish just after the pipeline
        for _ in $(seq 50); do [[ -s "$WORK/out/sha" ]] && break; sleep 0.1; done
        [[ $(cat "$WORK/out/sha") == "$PACKED_SHA" ]] || { echo "the pipe's sha256 is not $PACKED_SHA" >&2; exit 1; }
        [[ $(stat -c %s "$WORK/out/image.raw") == "$PLAIN_BYTES" ]] || { echo "the pipe decoded a wrong size" >&2; exit 1; }
        rm -f "$WORK/out/"*
        c_pipe+=($((t1 - t0)))
        echo "$codec round $round: berth ${c_berth[-1]} ns, pipe ${c_pipe[-1]} ns" >&2
    done
    m_cb=$(median "${c_berth[@]}"); m_cp=$(median "${c_pipe[@]}")
    dmbps() { awk -v b="$PLAIN_BYTES" -v ns="$1" 'BEGIN {printf "%.0f", b / 1e6 / (ns / 1e9)}'; }
    echo
    echo "$codec: ${compress[*]} made $((PLAIN_BYTES / 1024 / 1024)) MiB into $((PACKED_BYTES / 1024 / 1024)) MiB; $RUNS rounds, median; load $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%-52s %10s %8s\n' "method" "seconds" "MB/s (decompressed)"
    printf '%-52s %10.2f %8s\n' "(a) Berth: download+sha256+fsync, then decompress" "$(awk -v n="$m_cb" 'BEGIN{print n/1e9}')" "$(dmbps "$m_cb")"
    printf '%-52s %10.2f %8s\n' "(b) curl | tee >(sha256sum) FILE | ${decompress[*]} > FILE" "$(awk -v n="$m_cp" 'BEGIN{print n/1e9}')" "$(dmbps "$m_cp")"
    echo "Berth/(b): $(ratio "$m_cb" "$m_cp")x (throughput ratio)"
done
