#!/usr/bin/env bash
# Shows Berth doing its job on a throwaway systemd host, on a Debian 12 machine as root:
#
#   scripts/demo.sh
#
# Boots a real systemd 252 with systemd-portabled in a systemd-nspawn container (nothing on this machine
# is changed but a cache under /var/cache/berth-test), builds the example images, serves them on
# 127.0.0.1:8765, installs berth inside the container (scripts/lib/host.sh, as packaging/README.md says) and
# runs it there with the example agent configuration: validate, plan, apply, upgrade, bad input, removal, then
# the agent itself. The container is powered off at the end; all its changes vanish with it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=scripts/lib/host.sh
. scripts/lib/host.sh

say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
run() { printf '\033[2m$ %s\033[0m\n' "$*"; }

[[ $(id -u) == 0 ]] || { echo "demo.sh: run as root (it boots a systemd container)" >&2; exit 1; }

say "Preparing: a cached Debian 12 root file system, the berth jar, the example images"
rootfs=$(host_rootfs bookworm)
[[ -f agent/target/berth.jar ]] || mvn -B -q -ntp -DskipTests package
work=$(mktemp -d /tmp/berth-demo.XXXXXX)
examples/build-images.sh "$work/images"

if (exec 3<>/dev/tcp/127.0.0.1/8765) 2>/dev/null; then
  echo "demo.sh: port 8765 is in use; the example manifests download from it. Stop what uses it." >&2
  exit 1
fi
busybox httpd -f -p 127.0.0.1:8765 -h "$work/images" &
server=$!

machine="berth-demo-$$"
cleanup() {
  set +e
  host_poweroff
  kill "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# A signal ends the script through exit, so the EXIT trap cleans up (bash skips it when a signal kills it).
trap "exit 130" INT
trap "exit 143" TERM

say "Booting a throwaway systemd host (systemd-nspawn, --volatile=overlay: all writes vanish)"
host_boot "$rootfs" "$machine" "$work/console.log" --bind-ro="$repo/examples:/etc/berth/examples"
host_install_berth "$repo/agent/target/berth.jar"
# The host's configuration, which plan and apply read as the agent does: images over plain http from this
# machine, a three-second health window, the agent's source /etc/berth/examples/fleet.yaml.
host_exec cp /etc/berth/examples/agent.yaml /etc/berth/agent.yaml
echo "$machine is up: $(host_exec systemctl --version | head -n 1)"

inside() { host_exec "$@"; }
berth() {
  run "berth $*"
  inside berth "$@" || echo "(exit $?)"
}
http() { run "curl http://$1/"; curl -s --max-time 3 "http://$1/" || echo "(nothing answers on $1)"; }

say "1. Check a manifest before committing it"
berth validate /etc/berth/examples/hello.yaml

say "2. What would change? (exit 2: there are changes)"
berth plan --manifest /etc/berth/examples/hello.yaml

say "3. Converge: download, verify, attach, enable, start"
berth apply --manifest /etc/berth/examples/hello.yaml
sleep 0.5
http 127.0.0.1:8081
run "portablectl list"; inside portablectl list

say "4. Apply again: nothing to do, nothing downloaded (exit 0)"
berth apply --manifest /etc/berth/examples/hello.yaml

say "5. The next commit: hello 1.0 -> 1.1 in place, plus a socket-activated image under the strict profile"
berth plan --manifest /etc/berth/examples/fleet.yaml
berth apply --manifest /etc/berth/examples/fleet.yaml
sleep 0.5
http 127.0.0.1:8081
http 127.0.0.1:8082
run "systemctl show -p RootImage hello.service"; inside systemctl show -p RootImage hello.service

say "6. Bad input changes nothing: hello 1.0 again, but with the sha256 of another image"
inside sh -c "sed 's/version: \"1.1\"/version: \"1.0\"/; s/hello_1.1.raw/hello_1.0.raw/' /etc/berth/examples/fleet.yaml > /tmp/broken.yaml"
berth apply --manifest /tmp/broken.yaml
http 127.0.0.1:8081

say "7. Remove everything: an empty manifest detaches both and deletes their files (leave no artifacts)"
inside sh -c 'printf "apiVersion: berth.dev/v1\nkind: Manifest\nimages: []\n" > /tmp/empty.yaml'
berth apply --manifest /tmp/empty.yaml
run "ls -A /var/lib/portables"; inside ls -A /var/lib/portables; echo "(empty)"

say "8. The agent: keeps the host equal to its source (fleet.yaml), checks health, reports"
run "systemctl start berth-agent"; inside systemctl start berth-agent
for _ in $(seq 60); do
  inside berth status 2>/dev/null | grep -q 'Last pass by berth agent' && break
  sleep 1
done
berth status
run "systemctl status berth-agent | grep Status:"; inside systemctl status berth-agent | grep Status: || true

say "9. One way in: while the agent runs, apply is refused (it holds the lock); plan still shows the same view"
berth apply
berth plan

say "Done. Powering the host off."
