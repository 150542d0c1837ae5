#!/usr/bin/env bash
# The units under a real systemd: boots a fresh Debian 12 (debootstrap minbase + systemd, dbus and
# socat) with systemd-nspawn --boot, systemd 252 as PID 1 of the container, installs the .deb in
# it with apt as a user would (postinst enables and starts the units), gives the gateway a serial
# port (a socat pty linked as /dev/ttyUSB0, the shipped configuration's port), and checks what only
# a real systemd shows: Type=notify start gated by READY=1, the watchdog fed past WatchdogSec and
# enforced when the daemon hangs, Restart=on-failure after kill -9, a clean systemctl stop, the
# sandbox the daemon really runs in, status and doctor, and the journal's lines.
# The container has a private network (loopback only: no port clashes with the host or another
# run), its own cgroup below one made for this run, and is powered off and deleted at the end.
# What a container cannot show (cgroup controllers that the host keeps: MemoryMax, TasksMax,
# DevicePolicy/DeviceAllow) is printed as "note" lines, not counted. Needs root, debootstrap,
# systemd-nspawn (package systemd-container), nsenter and pgrep. Never skips: a missing tool is a
# failure. About 2.5 minutes. Usage: systemd-boot-test.sh packaging/target [mirror]
set -uo pipefail
started=$(date +%s)
target=$(readlink -f "$1")
mirror=${2:-http://deb.debian.org/debian}
deb=$(ls "$target"/parkedge_*_all.deb 2>/dev/null | head -n 1)
root=$(mktemp -d /var/tmp/parkedge-sdboot.XXXXXX)
chmod 0755 "$root" # it becomes the container's /: messagebus and parkedge must get through it
machine=parkedge-sdboot-$$
logs=$(mktemp -d /tmp/parkedge-sdboot-logs.XXXXXX)
cgroups=()
nspawn=
leader=
passed=0
failed=0
# Results go to the script's own stdout and stderr (3, 4), also from a trap that runs while a
# command's output is redirected to a log.
exec 3>&1 4>&2
ok() { passed=$((passed + 1)); echo "systemd-boot-test: ok   $*" >&3; }
bad() { failed=$((failed + 1)); echo "systemd-boot-test: FAIL $*" >&4; }
note() { echo "systemd-boot-test: note $*" >&3; }
check() { # description, command... (run on the host; use in_c for the container)
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
# A command in the container: all its namespaces, a clean environment.
in_c() {
  nsenter -t "$leader" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive SYSTEMD_PAGER= SYSTEMD_COLORS=0 "$@"
}
prop() { in_c systemctl show -P "$1" "${2:-parkedge-gateway}"; } # property [unit]
# unit, "Prop1,Prop2", "expected values joined by spaces", description: ok or what they were
props_are() {
  local actual="" property
  for property in ${2//,/ }; do # one at a time: systemctl show lists several in its own order
    actual="$actual${actual:+ }$(in_c systemctl show -P "$property" "$1")"
  done
  if [ "$actual" = "$3" ]; then ok "$4"; else bad "$4 ($2: '$actual', expected '$3')"; fi
}
# The journal from a cursor on, of one unit (the daemon's lines and systemd's about it).
journal_after() { in_c journalctl -q --no-pager -o cat --after-cursor="$1" -u "${2:-parkedge-gateway}"; }
cursor() { in_c journalctl -q -n 1 --show-cursor -o cat | sed -n 's/^-- cursor: //p'; }
wait_for() { # seconds, command...: true once the command succeeds
  local deadline=$(($(date +%s) + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}
# NRestarts before: true once systemd has restarted the gateway since and it runs again
restarted_since() { [ "$(prop NRestarts)" -gt "$1" ] && [ "$(prop SubState)" = running ]; }
finish() {
  if [ -n "$nspawn" ] && kill -0 "$nspawn" 2>/dev/null; then
    # SIGTERM makes nspawn ask the container's systemd to power off (SIGRTMIN+3)
    kill -TERM "$nspawn" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$nspawn" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$nspawn" 2>/dev/null || true
    wait "$nspawn" 2>/dev/null || true
  fi
  umount "$root/proc" 2>/dev/null || true
  rm -rf --one-file-system "$root" "$logs"
  # the cgroups made for this run, deepest first (nspawn makes payload/ and supervisor/ in them)
  for cg in "${cgroups[@]}"; do
    [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  echo "systemd-boot-test: $passed passed, $failed failed in $(($(date +%s) - started)) s" >&3
  [ "$failed" -eq 0 ]
}
trap 'finish; exit $?' EXIT
trap 'bad "interrupted by a signal"; exit 1' INT TERM HUP # through finish: no container left running

# ---- preconditions ---------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || { bad "must run as root (debootstrap, nspawn)"; exit 1; }
for tool in debootstrap systemd-nspawn nsenter pgrep; do
  command -v "$tool" >/dev/null || { bad "$tool is missing (apt-get install debootstrap systemd-container procps util-linux)"; exit 1; }
done
[ -n "$deb" ] || { bad "no parkedge_*_all.deb in $target: run mvn package first"; exit 1; }
echo "systemd-boot-test: $deb"

# ---- a fresh Debian 12 with systemd; the packages the .deb needs fetched while the net is there --
if debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,socat bookworm "$root" "$mirror" \
  > "$logs/debootstrap.log" 2>&1; then
  ok "debootstrap bookworm (minbase, systemd, dbus, socat)"
else
  bad "debootstrap failed:"; tail -n 20 "$logs/debootstrap.log" >&2; exit 1
fi
name=$(basename "$deb")
cp "$deb" "$root/root/$name" # not /tmp: the booted system mounts a tmpfs over it
echo "$machine" > "$root/etc/hostname"
mount -t proc proc "$root/proc"
if chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  sh -c "apt-get update -q && apt-get install -y -q --download-only /root/$name" > "$logs/download.log" 2>&1; then
  ok "the packages parkedge needs were downloaded (the container has no network)"
else
  bad "apt-get --download-only failed:"; tail -n 20 "$logs/download.log" >&2; exit 1
fi
umount "$root/proc"

# ---- boot it ---------------------------------------------------------------------------------------
# nspawn puts itself and the container in supervisor/ and payload/ below its own cgroup: give it
# one of its own, so that two runs (or the root cgroup of the host) never share them.
# Unified hierarchy in the container, as on a Debian 12 box.
for hierarchy in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do
  if [ -e "$hierarchy/cgroup.procs" ] && [ -w "$hierarchy" ]; then
    mkdir -p "$hierarchy/$machine" && cgroups+=("$hierarchy/$machine")
  fi
done
(
  for cg in "${cgroups[@]}"; do echo "$BASHPID" > "$cg/cgroup.procs"; done
  exec env SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 systemd-nspawn -D "$root" -M "$machine" --boot \
    --register=no --keep-unit --private-network --console=passive
) < /dev/null > "$logs/nspawn.log" 2>&1 &
nspawn=$!
boot_started=$(date +%s%N)
find_leader() { leader=$(pgrep -P "$nspawn" -x systemd | head -n 1); [ -n "$leader" ]; }
if wait_for 30 find_leader; then
  ok "systemd-nspawn --boot started the container's PID 1 (host pid $leader)"
else
  bad "no systemd in the container:"; cat "$logs/nspawn.log" >&2; exit 1
fi
state=$(in_c timeout 90 systemctl is-system-running --wait 2>&1)
if [ "$state" = running ]; then
  ok "systemd $(in_c systemctl --version | awk 'NR==1 {print $2}') as PID 1 ($(in_c cat /proc/1/comm)) booted to 'running' $((($(date +%s%N) - boot_started) / 1000000)) ms after nspawn started ($(in_c systemd-detect-virt))"
else
  bad "the container's system is '$state':"; in_c systemctl --failed --no-pager >&2; cat "$logs/nspawn.log" >&2; exit 1
fi

# ---- the serial port, then install as a user would ------------------------------------------------
in_c systemd-run -q --unit=parkedge-test-serial socat \
  pty,link=/dev/ttyUSB0,raw,echo=0,group=dialout,mode=660 pty,link=/run/parkedge-test-peer,raw,echo=0
check "a serial port at /dev/ttyUSB0 (a socat pty, group dialout)" wait_for 10 in_c test -c /dev/ttyUSB0
if in_c apt-get install -y -q "/root/$name" > "$logs/install.log" 2>&1; then
  ok "apt-get install /root/$name under systemd (pulled: $(grep -o 'openjdk-17-jre-headless' "$logs/install.log" | head -n 1))"
else
  bad "apt-get install failed:"; tail -n 30 "$logs/install.log" >&2; exit 1
fi
check "postinst enabled the gateway" sh -c "[ \"\$(nsenter -t $leader -a systemctl is-enabled parkedge-gateway)\" = enabled ]"
check "postinst started the gateway: active (running)" wait_for 30 sh -c "[ \"\$(nsenter -t $leader -a systemctl show -P SubState parkedge-gateway)\" = running ]"
verify=$(in_c systemd-analyze verify parkedge-gateway.service parkedge-sync.service 2>&1)
[ -z "$verify" ] && ok "systemd-analyze verify on the installed units: no output" || bad "systemd-analyze verify: $verify"

# ---- the sync-agent: skipped until enrolled, not restarted on a bad file, ready and fed when set --
sleep 3
props_are parkedge-sync ActiveState,Result,NRestarts "inactive exec-condition 0" \
  "parkedge-sync with the shipped sync.yaml (nothing enrolled): skipped by its condition, not failed or restarting"
in_c cp /etc/parkedge/sync.yaml /root/sync.yaml.shipped
in_c sh -c 'printf "broker: tcp://127.0.0.1:1883\ntenant: acme\nsite: hq\nbatch_event: 10\n" > /etc/parkedge/sync.yaml'
c=$(cursor)
in_c systemctl start parkedge-sync
sleep 8 # RestartSec is 5 s: a restart would have happened by now
props_are parkedge-sync ActiveState,ExecMainStatus,NRestarts "failed 2 0" \
  "a sync.yaml with a typo: the agent exits 2, the unit is failed and not restarted"
words=$(journal_after "$c" parkedge-sync | grep 'parkedge-sync: ')
if [ "$(echo "$words" | grep -c .)" = 1 ] && echo "$words" | grep -q 'unknown setting "batch_event"' \
  && ! journal_after "$c" parkedge-sync | grep -q $'\tat '; then
  ok "the journal says why in one line, no stack trace: $words"
else
  bad "the agent's words on a bad sync.yaml: $(journal_after "$c" parkedge-sync | head -n 5)"
fi
in_c systemctl reset-failed parkedge-sync
in_c sh -c 'printf "broker: tcp://127.0.0.1:1883\ntenant: acme\nsite: hq\n" > /etc/parkedge/sync.yaml'
in_c systemctl start parkedge-sync # Type=notify: returns once the agent said READY=1
check "an enrolled agent (its broker unreachable) starts: active (running) after READY=1" \
  sh -c "[ \"\$(nsenter -t $leader -a systemctl show -P SubState parkedge-sync)\" = running ]"
check "the agent writes its outbox and status in /var/lib/parkedge-sync (ProtectSystem=strict lets it)" \
  wait_for 10 in_c test -s /var/lib/parkedge-sync/sync.db.status.json -a -s /var/lib/parkedge-sync/sync.db
fed=$(prop WatchdogTimestampMonotonic parkedge-sync)
check "the agent feeds its watchdog" wait_for 10 sh -c "[ \"\$(nsenter -t $leader -a systemctl show -P WatchdogTimestampMonotonic parkedge-sync)\" != '$fed' ]"
note "parkedge-sync says: $(prop StatusText parkedge-sync)"
check "parkedge status reads the agent's backlog" sh -c "nsenter -t $leader -a parkedge status | grep -E '^sync' | grep -vq unknown"
in_c systemctl stop parkedge-sync
props_are parkedge-sync ActiveState,Result "inactive success" "systemctl stop parkedge-sync: inactive, result success"
in_c cp /root/sync.yaml.shipped /etc/parkedge/sync.yaml

# ---- Type=notify: active only once the daemon said READY=1 ---------------------------------------
in_c systemctl stop parkedge-gateway
# control: without NOTIFY_SOCKET the daemon starts just as well, but cannot tell, and systemd waits
in_c mkdir -p /run/systemd/system/parkedge-gateway.service.d
in_c sh -c 'printf "[Service]\nUnsetEnvironment=NOTIFY_SOCKET\n" > /run/systemd/system/parkedge-gateway.service.d/test-no-notify.conf'
in_c systemctl daemon-reload
c=$(cursor)
in_c systemctl start --no-block parkedge-gateway
if wait_for 30 sh -c "nsenter -t $leader -a journalctl -q --no-pager -o cat --after-cursor='$c' -u parkedge-gateway | grep -q 'parkedge ready in'"; then
  sleep 3
  s="$(prop ActiveState)/$(prop SubState)"
  [ "$s" = activating/start ] && ok "control: a daemon that cannot send READY=1 stays activating (start) 3 s after it is ready" || bad "control: without NOTIFY_SOCKET the unit is $s"
else
  bad "control: the daemon without NOTIFY_SOCKET did not get ready"
fi
in_c systemctl stop parkedge-gateway
in_c rm -r /run/systemd/system/parkedge-gateway.service.d
in_c systemctl daemon-reload
c=$(cursor)
if in_c systemctl start parkedge-gateway; then active_at=$(date +%s); ok "systemctl start parkedge-gateway returned 0"; else active_at=$(date +%s); bad "systemctl start parkedge-gateway failed"; fi
s="$(prop ActiveState)/$(prop SubState)"
[ "$s" = active/running ] && ok "active (running) as soon as systemctl start returns" || bad "after systemctl start: $s"
journal_after "$c" > "$logs/start.txt"
# (the order of the two lines in the journal proves nothing: the daemon logs after it notified)
if grep -q 'told READY=1' "$logs/start.txt" && grep -q '^Started parkedge-gateway.service' "$logs/start.txt"; then
  ok "the journal: the daemon 'told READY=1', systemd 'Started parkedge-gateway.service'"
else
  bad "no READY=1 or Started line in the journal of this start:"; cat "$logs/start.txt" >&2
fi
exec_start=$(prop ExecMainStartTimestampMonotonic)
active_enter=$(prop ActiveEnterTimestampMonotonic)
note "systemd waited $(((active_enter - exec_start) / 1000)) ms from the exec to READY=1"
[ "$(prop StatusText)" != "" ] && ok "systemctl status shows the daemon's STATUS=: $(prop StatusText)" || bad "no STATUS= text"
check "Type=notify, WatchdogSec=60s, Restart=on-failure as shipped" test "$(prop Type) $(prop WatchdogUSec) $(prop Restart)" = "notify 1min on-failure"

# ---- the sandbox the daemon really runs in -----------------------------------------------------
pid=$(prop MainPID)
in_c cat "/proc/$pid/status" > "$logs/proc-status.txt"
check "runs as user parkedge" sh -c "[ \"\$(nsenter -t $leader -a stat -c %U /proc/$pid)\" = parkedge ]"
check "CapabilityBoundingSet= applied: CapBnd 0" grep -qx 'CapBnd:[[:space:]]*0000000000000000' "$logs/proc-status.txt"
check "no effective capabilities" grep -qx 'CapEff:[[:space:]]*0000000000000000' "$logs/proc-status.txt"
check "NoNewPrivileges applied" grep -qx 'NoNewPrivs:[[:space:]]*1' "$logs/proc-status.txt"
check "SystemCallFilter applied: seccomp filter mode" grep -qx 'Seccomp:[[:space:]]*2' "$logs/proc-status.txt"
check "ProtectSystem=strict: / is read-only for the daemon" sh -c "nsenter -t $leader -a nsenter -t $pid -m findmnt -n -o OPTIONS / | grep -q '^ro'"
check "ReadWritePaths: /var/lib/parkedge is writable for the daemon" sh -c "nsenter -t $leader -a nsenter -t $pid -m findmnt -n -o OPTIONS /var/lib/parkedge | grep -q '^rw'"
check "ProtectHome: /home is an empty read-only tmpfs" sh -c "nsenter -t $leader -a nsenter -t $pid -m findmnt -n -o FSTYPE,OPTIONS /home | grep -q '^tmpfs *ro'"
check "PrivateTmp: the daemon's /tmp is its own (systemd-private-*)" sh -c "nsenter -t $leader -a nsenter -t $pid -m findmnt -n -o SOURCE /tmp | grep -q 'systemd-private-.*-parkedge-gateway.service-'"
check "ProtectProc=invisible: /proc mounted hidepid=invisible" sh -c "nsenter -t $leader -a nsenter -t $pid -m findmnt -n -o OPTIONS /proc | grep -q 'hidepid=invisible'"
check "the daemon can read /proc/mounts and the boot id (data folder free space, journal entries)" \
  in_c nsenter -t "$pid" -m runuser -u parkedge -- sh -c 'test -r /proc/mounts && test -r /proc/sys/kernel/random/boot_id'
check "ProtectControlGroups: /sys/fs/cgroup read-only" sh -c "nsenter -t $leader -a nsenter -t $pid -m findmnt -n -o OPTIONS /sys/fs/cgroup | grep -q '^ro'"
check "own cgroup /system.slice/parkedge-gateway.service" sh -c "nsenter -t $leader -a cat /proc/$pid/cgroup | grep -q '^0::/system.slice/parkedge-gateway.service$'"
check "systemd took MemoryMax=256M, TasksMax=128, DevicePolicy=closed" test "$(prop MemoryMax) $(prop TasksMax) $(prop DevicePolicy)" = "268435456 128 closed"
in_c systemctl show -p DeviceAllow parkedge-gateway > "$logs/device-allow.txt"
check "systemd took the DeviceAllow list (ttyUSB, ttyACM, ttyAMA, ttyS, gpiochip, gpiomem)" sh -c "for d in char-ttyUSB char-ttyACM char-ttyAMA char-ttyS char-gpiochip /dev/gpiomem; do grep -qx \"DeviceAllow=\$d rw\" '$logs/device-allow.txt' || exit 1; done"
controllers=$(in_c cat /sys/fs/cgroup/cgroup.controllers)
note "cgroup controllers the host lets this container have: '${controllers}' (a box has cpu io memory pids)"
case " $controllers " in *" memory "*) ;; *) note "MemoryMax=256M is accepted but not enforced here: no memory controller (MemoryCurrent=$(prop MemoryCurrent))" ;; esac
case " $controllers " in *" pids "*) ;; *) note "TasksMax=128 is accepted but not enforced here: no pids controller (TasksCurrent=$(prop TasksCurrent))" ;; esac
# DevicePolicy=closed: a device outside the list (/dev/pts/N, the pty behind /dev/ttyUSB0 here) is
# refused on a box; in this container systemd cannot attach its device filter and says nothing.
pty=$(in_c readlink -f /dev/ttyUSB0)
if in_c systemd-run -q --wait -p DevicePolicy=closed -p User=parkedge -p Group=dialout sh -c "exec 3<> $pty" 2>/dev/null; then
  note "DevicePolicy=closed/DeviceAllow are accepted but not enforced here: a closed-policy unit opened $pty (on a box the gateway's real ports are ttyUSB/ttyACM/ttyAMA/ttyS, which the list allows)"
else
  note "DevicePolicy=closed is enforced here: a closed-policy unit could not open $pty"
fi
ignored=$(in_c journalctl -q --no-pager -o cat -u parkedge-gateway | grep -v '^[A-Z]\{4,5\} ' | grep -iE 'ignor|not supported|unsupported|failed to set up|cannot|couldn.t' | sort -u | tr '\n' ';')
note "what systemd said it could not apply for the gateway: ${ignored:-nothing}"

# ---- status and doctor from inside ---------------------------------------------------------------
check "status: the bus is connected" wait_for 30 sh -c "nsenter -t $leader -a parkedge status | grep -q 'bus1 on /dev/ttyUSB0 (psp): connected'"
in_c parkedge status > "$logs/status.txt" 2>&1
cat "$logs/status.txt"
check "status: healthy, watchdog fed" grep -q "healthy, watchdog fed" "$logs/status.txt"
check "status: the daemon knows the free space of /var/lib/parkedge" sh -c "grep '^disk ' '$logs/status.txt' | grep -q ' free of '"
in_c parkedge doctor > "$logs/doctor.txt" 2>&1
doctor_rc=$?
cat "$logs/doctor.txt"
failing=$(grep '^FAIL' "$logs/doctor.txt" | awk '{print $2}' | sort -u | tr '\n' ' ')
if [ "$doctor_rc" -eq 0 ]; then
  ok "parkedge doctor: all checks pass"
elif [ "$failing" = "clock " ]; then
  ok "parkedge doctor: all but the clock (no NTP in a container without network; exit $doctor_rc as it must)"
else
  bad "parkedge doctor failed: $failing"
fi

# ---- the journal ------------------------------------------------------------------------------------
in_c journalctl -q --no-pager -o cat -t parkedge > "$logs/daemon.txt"
[ -s "$logs/daemon.txt" ] && ok "journalctl -t parkedge: $(wc -l < "$logs/daemon.txt") line(s) from the daemon" || bad "no daemon lines in the journal"
stamped=$(grep -E '^\[?([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}:[0-9]{2}:[0-9]{2}|[A-Z][a-z]{2} [ 0-9][0-9] )' "$logs/daemon.txt" | head -n 3)
[ -z "$stamped" ] && ok "no timestamp of its own in the daemon's lines (the journal has one)" || bad "duplicate timestamps: $stamped"
in_c journalctl -n 3 --no-pager -t parkedge
check "INFO lines at journal priority info" sh -c "nsenter -t $leader -a journalctl -q --no-pager -o cat -t parkedge -p info..info | grep -q '^INFO '"
check "no INFO line at a higher priority" sh -c "! nsenter -t $leader -a journalctl -q --no-pager -o cat -t parkedge -p emerg..notice | grep -q '^INFO '"

# ---- the watchdog: fed past WatchdogSec=60s, then enforced --------------------------------------
wd_first=$(prop WatchdogTimestampMonotonic)
wait_s=$((65 - ($(date +%s) - active_at)))
[ "$wait_s" -gt 0 ] && sleep "$wait_s"
alive=$(($(date +%s) - active_at))
wd_last=$(prop WatchdogTimestampMonotonic)
fed_ago=$(($(date +%s) - $(date -d "$(prop WatchdogTimestamp)" +%s)))
s="$(prop ActiveState)/$(prop SubState)"
if [ "$s" = active/running ] && [ "$(prop MainPID)" = "$pid" ] && [ "$(prop NRestarts)" = 0 ]; then
  ok "alive $alive s after READY=1 (WatchdogSec=60s): same MainPID $pid, NRestarts 0"
else
  bad "after $alive s: $s, MainPID $(prop MainPID) (was $pid), NRestarts $(prop NRestarts)"
fi
if [ "$wd_last" -gt "$wd_first" ] && [ "$fed_ago" -le 15 ]; then
  ok "WatchdogTimestamp moves: last fed $fed_ago s ago ($(prop WatchdogTimestamp))"
else
  bad "WatchdogTimestamp did not move (first $wd_first, last $wd_last, fed $fed_ago s ago)"
fi
# a hung daemon: SIGSTOP, with WatchdogSec shortened for the test; systemd must abort and restart it
in_c mkdir -p /run/systemd/system/parkedge-gateway.service.d
in_c sh -c 'printf "[Service]\nWatchdogSec=6s\n" > /run/systemd/system/parkedge-gateway.service.d/test-watchdog.conf'
in_c systemctl daemon-reload
in_c systemctl restart parkedge-gateway
pid=$(prop MainPID)
restarts=$(prop NRestarts)
c=$(cursor)
in_c sh -c "kill -STOP $pid"
if wait_for 40 restarted_since "$restarts"; then
  ok "a hung daemon (SIGSTOP) was killed by the watchdog and restarted: MainPID $pid -> $(prop MainPID)"
else
  bad "the watchdog did not restart a hung daemon: $(prop ActiveState)/$(prop SubState), NRestarts $(prop NRestarts)"
fi
journal_after "$c" > "$logs/watchdog.txt"
check "the journal: 'Watchdog timeout'" grep -q 'Watchdog timeout' "$logs/watchdog.txt"
in_c rm -r /run/systemd/system/parkedge-gateway.service.d
in_c systemctl daemon-reload
in_c systemctl restart parkedge-gateway

# ---- systemctl reload: ExecReload sends SIGHUP, the daemon re-reads site.yaml and stays ---------
pid=$(prop MainPID)
restarts=$(prop NRestarts)
c=$(cursor)
if in_c systemctl reload parkedge-gateway; then ok "systemctl reload parkedge-gateway returned 0"; else bad "systemctl reload failed"; fi
sleep 2
if [ "$(prop MainPID)" = "$pid" ] && [ "$(prop NRestarts)" = "$restarts" ] && [ "$(prop SubState)" = running ]; then
  ok "after the reload: same MainPID $pid, still running"
else
  bad "after the reload: MainPID $(prop MainPID) (was $pid), $(prop SubState), NRestarts $(prop NRestarts)"
fi
check "the journal: no exit or failure after the reload" sh -c "! nsenter -t $leader -a journalctl -q --no-pager -o cat --after-cursor='$c' -u parkedge-gateway | grep -qiE 'exited|failed|refused'"

# ---- Restart=on-failure after kill -9 --------------------------------------------------------------
pid=$(prop MainPID)
restarts=$(prop NRestarts)
c=$(cursor)
in_c sh -c "kill -9 $pid"
if wait_for 30 restarted_since "$restarts"; then
  ok "kill -9 $pid: restarted (Restart=on-failure, RestartSec=5s), new MainPID $(prop MainPID), NRestarts $(prop NRestarts)"
else
  bad "no restart after kill -9: $(prop ActiveState)/$(prop SubState), NRestarts $(prop NRestarts)"
fi
journal_after "$c" > "$logs/kill.txt"
check "the journal: killed by SIGKILL, then a scheduled restart" sh -c "grep -q 'status=9/KILL' '$logs/kill.txt' && grep -q 'Scheduled restart job' '$logs/kill.txt'"
check "status after the restart: healthy, bus connected" wait_for 40 sh -c "nsenter -t $leader -a parkedge status | grep -q 'bus1 on /dev/ttyUSB0 (psp): connected' && nsenter -t $leader -a parkedge status | grep -q 'healthy, watchdog fed'"

# ---- a clean stop --------------------------------------------------------------------------------------
c=$(cursor)
stop_started=$(date +%s%N)
if in_c systemctl stop parkedge-gateway; then ok "systemctl stop parkedge-gateway returned 0 in $((($(date +%s%N) - stop_started) / 1000000)) ms"; else bad "systemctl stop failed"; fi
s="$(prop ActiveState)/$(prop Result)"
[ "$s" = inactive/success ] && ok "stopped: inactive, result success (exit status $(prop ExecMainStatus))" || bad "after stop: $s (exit status $(prop ExecMainStatus))"
journal_after "$c" > "$logs/stop.txt"
check "the journal: 'gateway stopped' and no SIGKILL" sh -c "grep -q 'gateway stopped' '$logs/stop.txt' && ! grep -qi 'sigkill\|timed out' '$logs/stop.txt'"
state=$(in_c systemctl is-system-running)
[ "$state" = running ] && ok "the system is 'running', not degraded, after the stops" || bad "the system is '$state': $(in_c systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' ')"

# ---- power off -------------------------------------------------------------------------------------
in_c systemctl poweroff
if wait_for 60 sh -c "! kill -0 $nspawn"; then
  wait "$nspawn"
  rc=$?
  [ "$rc" -eq 0 ] && ok "the container powered off (nspawn exit 0)" || bad "nspawn exited $rc"
  nspawn=
else
  bad "the container did not power off in 60 s"
fi
