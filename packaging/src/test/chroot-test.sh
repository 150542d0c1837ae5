#!/usr/bin/env bash
# A fresh Debian 12 (debootstrap --variant=minbase bookworm) with nothing but the base system:
# apt install ./parkedge_*.deb must pull its Java 17 runtime by itself, the commands must run,
# and purge must leave nothing. No systemd runs in a chroot, so the unit is not started here
# (install-test.sh runs the daemon and verifies the unit on the host). Needs root and debootstrap.
# Usage: chroot-test.sh packaging/target [mirror]
set -uo pipefail
target=$(readlink -f "$1")
mirror=${2:-http://deb.debian.org/debian}
deb=$(ls "$target"/parkedge_*_all.deb 2>/dev/null | head -n 1)
root=$(mktemp -d /var/tmp/parkedge-chroot.XXXXXX)
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "chroot-test: ok   $*"; }
bad() { failed=$((failed + 1)); echo "chroot-test: FAIL $*" >&2; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
finish() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf --one-file-system "$root"
  echo "chroot-test: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
trap 'finish; exit $?' EXIT

[ "$(id -u)" = 0 ] || { bad "must run as root"; exit 1; }
command -v debootstrap >/dev/null || { bad "debootstrap is missing (.ci/run installs it)"; exit 1; }
[ -n "$deb" ] || { bad "no parkedge_*_all.deb in $target"; exit 1; }

if debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1; then
  ok "debootstrap bookworm (minbase)"
else
  bad "debootstrap failed:"; tail -n 20 "$root.debootstrap.log" >&2; exit 1
fi
rm -f "$root.debootstrap.log"
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/"
name=$(basename "$deb")
in_root dpkg -s openjdk-17-jre-headless >/dev/null 2>&1 && bad "the fresh system has Java already" || ok "the fresh system has no Java"
if in_root sh -c "apt-get update -q && apt-get install -y -q /tmp/$name" > "$root/tmp/install.log" 2>&1; then
  ok "apt-get install ./$name on a fresh Debian 12 (pulled: $(grep -o 'openjdk-17-jre-headless' "$root/tmp/install.log" | head -n 1))"
else
  bad "apt-get install failed:"; tail -n 30 "$root/tmp/install.log" >&2; exit 1
fi
in_root parkedge --version | grep -q '^parkedge ' && ok "parkedge --version" || bad "parkedge --version"
in_root parkedge check -c /etc/parkedge/gateway.yaml >/dev/null 2>&1 && ok "parkedge check on the shipped configuration" || bad "parkedge check"
in_root test -s /var/cache/parkedge/parkedge.jsa && ok "class-data sharing archive built at install" || bad "no CDS archive"
in_root parkedge doctor > "$root/tmp/doctor.txt" 2>&1
failing=$(grep '^FAIL' "$root/tmp/doctor.txt" | awk '{print $2}' | sort -u | tr '\n' ' ')
cat "$root/tmp/doctor.txt"
case "$failing" in
  ""|"clock "|"serial "|"clock serial ") ok "doctor: only the missing serial adapter and NTP (none in a chroot) fail" ;;
  *) bad "doctor: $failing" ;;
esac
if in_root apt-get purge -y -q parkedge > "$root/tmp/purge.log" 2>&1; then ok "apt-get purge parkedge"; else bad "purge failed"; fi
left=$(chroot "$root" find / -xdev \( -path /proc -o -path /tmp \) -prune -o -name '*parkedge*' -print 2>/dev/null)
[ -z "$left" ] && ok "nothing named parkedge left" || bad "left behind: $left"
in_root getent passwd parkedge >/dev/null && bad "user parkedge left" || ok "no user parkedge"
