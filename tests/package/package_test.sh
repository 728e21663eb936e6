#!/usr/bin/env bash
# package_tests: checks the orpheus-kiosk .deb that the fixture package_deb built from this build
# tree (build_deb.sh, cpack) from the outside, as dpkg on a kiosk would see it: files, modes and
# owners, no secret key, control fields and dependencies, conffiles, maintainer scripts, the
# systemd unit, the session launcher (run with a stand-in cage and kiosk) and the signed demo
# pack. Changes nothing outside a temporary folder. Prints every check; fails if any failed.
#
#   package_test.sh DEB_DIR BUILD_DIR     (DEB_DIR: the fixture's folder with the one .deb)
set -uo pipefail

deb_dir=$1 build=$2
. "$(dirname "$0")/checks.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orpheus-package-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- The package --------------------------------------------------------------------------------
debs=("$deb_dir"/*.deb)
require "the fixture package_deb made exactly one .deb in $deb_dir (${debs[*]})" test "${#debs[@]}" -eq 1 -a -f "${debs[0]}"
deb=${debs[0]}
echo "package: $(basename "$deb"), $(du -h "$deb" | cut -f1)"

# --- Files, modes, owners ---------------------------------------------------------------------
dpkg-deb -c "$deb" >"$tmp/listing"
require "dpkg-deb -c lists the package" test -s "$tmp/listing"
# "MODE OWNER" of ./PATH in the data archive, empty if absent.
entry() { awk -v p="./$1" '$6 == p { print $1, $2 }' "$tmp/listing"; }
expect() {
  local path=$1 mode=$2 got
  got=$(entry "$path")
  if [ "$got" = "$mode root/root" ]; then ok "/$path is $mode root/root"; else failed "/$path is $mode root/root (got '${got:-absent}')"; fi
}
expect usr/bin/orpheus-kiosk -rwxr-xr-x
expect usr/bin/orpheus-pack -rwxr-xr-x
expect usr/lib/orpheus/orpheus-session -rwxr-xr-x
expect usr/share/orpheus/assets/ drwxr-xr-x
expect usr/share/orpheus/demo/thracology.db -rw-r--r--
expect usr/share/orpheus/keys/demo.pub -rw-r--r--
expect etc/orpheus/kiosk.toml -rw-r--r--
expect lib/systemd/system/orpheus-kiosk.service -rw-r--r--
expect usr/bin/orpheus-update -rwxr-xr-x
expect lib/systemd/system/orpheus-update.service -rw-r--r--
expect lib/systemd/system/orpheus-update.timer -rw-r--r--
expect usr/share/doc/orpheus-kiosk/fleet.md -rw-r--r--
expect usr/share/doc/orpheus-kiosk/examples/nginx-orpheus.conf -rw-r--r--
expect usr/share/doc/orpheus-kiosk/README.md -rw-r--r--
check "the installed binary finds its assets (/usr/share/orpheus/assets/po/)" \
  grep -q ' \./usr/share/orpheus/assets/po/' "$tmp/listing"
check "every entry is owned by root/root" test -z "$(awk '$2 != "root/root"' "$tmp/listing")"
check "no secret key (.key) anywhere" test -z "$(awk '$6 ~ /\.key$/' "$tmp/listing")"
check "nothing under /usr/local, /home or /work" test -z "$(awk '$6 ~ /^\.\/(usr\/local|home|work)\//' "$tmp/listing")"
check "no writable-by-others files" test -z "$(awk '$1 ~ /^.{8}w/ && $1 !~ /^l/' "$tmp/listing")"

# --- Control fields ---------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package is orpheus-kiosk" test "$(field Package)" = orpheus-kiosk
check "Version is set ($(field Version))" test -n "$(field Version)"
for f in Maintainer Description Section Architecture Homepage; do
  check "$f is set" test -n "$(field "$f")"
done
depends=$(field Depends)
echo "Depends: $depends"
# Each wanted name must start one of the comma-separated alternatives.
depends_on() { grep -Eq "(^|[,|]) *$1" <<<"$depends"; }
for dep in cage xwayland libsdl2 libsodium libsystemd0 libsqlite3 fonts-noto-core libgl1-mesa-dri adduser libc6 \
  libcurl3-gnutls libzstd1 ca-certificates; do
  check "Depends names $dep" depends_on "$dep"
done

# --- Control archive: conffiles and maintainer scripts ----------------------------------------
dpkg-deb -R "$deb" "$tmp/root"
root=$tmp/root
pack_tool=$root/usr/bin/orpheus-pack  # the packaged (stripped) binary
check "conffiles is exactly /etc/orpheus/kiosk.toml" test "$(cat "$root/DEBIAN/conffiles" 2>/dev/null)" = /etc/orpheus/kiosk.toml
dpkg-deb --ctrl-tarfile "$deb" | tar -tvf - >"$tmp/control-listing"
for script in postinst prerm postrm; do
  check "$script is in the package, mode 0755" grep -Eq "^-rwxr-xr-x .* \./$script\$" "$tmp/control-listing"
  check "$script passes sh -n" sh -n "$root/DEBIAN/$script"
  check "$script uses set -e" grep -qx 'set -e' "$root/DEBIAN/$script"
done
check "postinst makes the user orpheus" grep -q 'adduser .*--system' "$root/DEBIAN/postinst"
check "postinst never starts the service" test -z "$(grep -v '^ *#' "$root/DEBIAN/postinst" | grep -E 'systemctl (--[a-z-]+ )*start|deb-systemd-invoke start')"
check "the session launcher passes sh -n" sh -n "$root/usr/lib/orpheus/orpheus-session"

# --- The secret demo key stays in the build folder --------------------------------------------
secret_file=$build/packaging/demo-key/demo.key
if [ -r "$secret_file" ]; then
  secret=$(grep -o 'orpheus-ed25519-secret:[A-Za-z0-9+/=]*' "$secret_file" | head -n1 | cut -d: -f2)
  require "the build's demo secret key can be read" test -n "$secret"
  check "the demo secret key's bytes are in no packaged file" test -z "$(grep -rlaF -- "$secret" "$root" 2>/dev/null)"
else
  failed "the build's demo secret key exists ($secret_file)"
fi

# --- The systemd unit -------------------------------------------------------------------------
unit=$root/lib/systemd/system/orpheus-kiosk.service
for kv in Type=notify NotifyAccess=all WatchdogSec=30 Restart=always RestartSec=2 RestartPreventExitStatus=64 \
  User=orpheus PAMName=login TTYPath=/dev/tty1 StandardInput=tty-fail UtmpIdentifier=tty1 \
  Conflicts=getty@tty1.service After=getty@tty1.service RuntimeDirectory=orpheus StateDirectory=orpheus \
  ExecStart=/usr/lib/orpheus/orpheus-session WantedBy=graphical.target; do
  check "the unit sets $kv" grep -qx "$kv" "$unit"
done
check "ExecStart names a packaged executable" test -x "$root$(sed -n 's/^ExecStart=//p' "$unit")"
update=$root/lib/systemd/system/orpheus-update.service
for kv in Type=oneshot User=orpheus Group=orpheus StateDirectory=orpheus ProtectSystem=strict \
  ReadWritePaths=/var/lib/orpheus "ExecStart=/usr/bin/orpheus-update --config /etc/orpheus/kiosk.toml --quiet"; do
  check "orpheus-update.service sets $kv" grep -qx "$kv" "$update"
done
for kv in OnBootSec=5min OnUnitInactiveSec=15min RandomizedDelaySec=10min WantedBy=timers.target; do
  check "orpheus-update.timer sets $kv" grep -qx "$kv" "$root/lib/systemd/system/orpheus-update.timer"
done
check "postinst enables the update timer" grep -q 'TIMER=orpheus-update.timer' "$root/DEBIAN/postinst"
# Without a channel the timer's runs succeed and do nothing (every kiosk has the timer).
printf '[content]\ndir = "%s/c"\n[state]\ndir = "%s/s"\n' "$tmp" "$tmp" >"$tmp/no-channel.toml"
check "orpheus-update without a channel exits 0" "$root/usr/bin/orpheus-update" --config "$tmp/no-channel.toml" -q
check "ExecStopPost gives tty1 back without blocking the stop" grep -qx 'ExecStopPost=-+/usr/lib/orpheus/orpheus-session --after-stop %n' "$unit"
if command -v systemd-analyze >/dev/null && [ -d /usr/lib/systemd/system ]; then
  # Offline, in a copy of the package's tree (--root), so ExecStart= is looked up there; the units
  # ours names (sysinit.target, getty@.service, ...) come from this machine. Unknown keys and bad
  # values are only warnings (exit status 0): any complaint naming our unit or program fails.
  mkdir -p "$tmp/vroot/usr/lib/systemd" "$tmp/vroot/usr/lib/orpheus"
  cp -r /usr/lib/systemd/system "$tmp/vroot/usr/lib/systemd/"
  cp -p "$unit" "$root/lib/systemd/system/orpheus-update.service" "$root/lib/systemd/system/orpheus-update.timer" \
    "$tmp/vroot/usr/lib/systemd/system/"
  cp -p "$root/usr/lib/orpheus/orpheus-session" "$tmp/vroot/usr/lib/orpheus/"
  mkdir -p "$tmp/vroot/usr/bin"
  cp -p "$root/usr/bin/orpheus-update" "$tmp/vroot/usr/bin/"
  ln -s usr/lib "$tmp/vroot/lib"
  ln -s usr/bin "$tmp/vroot/bin"
  for u in orpheus-kiosk.service orpheus-update.service orpheus-update.timer; do
    verify_status=0
    (cd "$tmp" && systemd-analyze verify --root="$tmp/vroot" "/usr/lib/systemd/system/$u") \
      >"$tmp/verify.log" 2>&1 || verify_status=$?
    if [ "$verify_status" -ne 0 ] || grep -qi 'orpheus' "$tmp/verify.log"; then
      cat "$tmp/verify.log"
      failed "systemd-analyze verify finds nothing wrong with $u (status $verify_status)"
    else
      ok "systemd-analyze verify finds nothing wrong with $u"
    fi
  done
else
  echo "note: no systemd-analyze or no /usr/lib/systemd/system; the unit was checked by its keys only"
fi

# --- The session launcher, with a stand-in cage and kiosk -------------------------------------
stub=$tmp/stub
mkdir -p "$stub"
cat >"$stub/cage" <<'EOF'
#!/bin/sh
# Records its options, runs its client like cage, and exits 0 whatever the client did (cage 0.1.4).
echo "$*" >"$STUB_DIR/cage-args"
while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done
shift
"$@"
exit 0
EOF
cat >"$stub/kiosk" <<'EOF'
#!/bin/sh
echo "$* SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-} WATCHDOG_PID=${WATCHDOG_PID:-unset}" >"$STUB_DIR/kiosk-args"
if [ "$KIOSK_EXIT" = wait ]; then  # until SIGTERM, like the real kiosk
  trap 'echo TERM >"$STUB_DIR/kiosk-signal"; exit 0' TERM
  while :; do sleep 0.1; done
fi
exit "$KIOSK_EXIT"
EOF
chmod +x "$stub/cage" "$stub/kiosk"
# session ROTATION KIOSK_EXIT: runs the packaged launcher; prints its exit status.
session() {
  printf '[display]\nindex = 0\nrotation = %s  # degrees\n[touch]\nrotation = 90\n' "$1" >"$stub/kiosk.toml"
  rm -f "$stub/cage-args" "$stub/kiosk-args"
  STUB_DIR=$stub KIOSK_EXIT=$2 ORPHEUS_CAGE=$stub/cage ORPHEUS_KIOSK=$stub/kiosk ORPHEUS_CONFIG=$stub/kiosk.toml \
    RUNTIME_DIRECTORY=$stub WATCHDOG_PID=1 sh "$root/usr/lib/orpheus/orpheus-session" 2>>"$stub/stderr"
  echo $?
}
check "exit status 64 of the kiosk comes out of the session (cage swallows it)" test "$(session 0 64)" = 64
check "a crash status comes out of the session too" test "$(session 0 139)" = 139
check "rotation 0: cage -d, no -r, no -s" test "$(cat "$stub/cage-args")" = "-d -- $root/usr/lib/orpheus/orpheus-session --client"
check "the kiosk runs with --kiosk --config, SDL on Wayland, no WATCHDOG_PID" \
  test "$(cat "$stub/kiosk-args")" = "--kiosk --config $stub/kiosk.toml SDL_VIDEODRIVER=wayland WATCHDOG_PID=unset"
session 90 0 >/dev/null
check "rotation 90: one -r" test "$(cat "$stub/cage-args")" = "-d -r -- $root/usr/lib/orpheus/orpheus-session --client"
session 270 0 >/dev/null
check "rotation 270: three -r" test "$(cat "$stub/cage-args")" = "-d -r -r -r -- $root/usr/lib/orpheus/orpheus-session --client"
session 45 0 >/dev/null
check "rotation 45: warned about, not rotated" test "$(cat "$stub/cage-args")" = "-d -- $root/usr/lib/orpheus/orpheus-session --client"

# systemd's SIGTERM (KillMode=mixed: to the launcher alone) must reach the kiosk, not cage.
printf '[display]\nrotation = 0\n' >"$stub/kiosk.toml"
rm -f "$stub/kiosk-signal" "$stub/kiosk.pid"
STUB_DIR=$stub KIOSK_EXIT=wait ORPHEUS_CAGE=$stub/cage ORPHEUS_KIOSK=$stub/kiosk ORPHEUS_CONFIG=$stub/kiosk.toml \
  RUNTIME_DIRECTORY=$stub sh "$root/usr/lib/orpheus/orpheus-session" 2>>"$stub/stderr" &
session_pid=$!
for _ in $(seq 100); do
  [ -s "$stub/kiosk.pid" ] && [ -e "$stub/kiosk-args" ] && break
  sleep 0.1
done
kill -TERM "$session_pid"
session_status=0
wait "$session_pid" || session_status=$?
check "SIGTERM to the session stops the kiosk with SIGTERM; the session then exits 0" \
  test "$(cat "$stub/kiosk-signal" 2>/dev/null):$session_status" = "TERM:0"
if [ ! -e "$stub/kiosk-signal" ] && [ -s "$stub/kiosk.pid" ]; then
  kill -KILL "$(cat "$stub/kiosk.pid")" 2>/dev/null || true  # no stand-in left running
fi

# ExecStopPost: the login prompt comes back only when the kiosk stopped for good.
cat >"$stub/systemctl" <<'EOF'
#!/bin/sh
case "$1" in
  list-jobs) [ -z "$STUB_JOB" ] || echo "42 orpheus-kiosk.service $STUB_JOB running" ;;
  *) echo "$*" >>"$STUB_DIR/systemctl-calls" ;;
esac
EOF
chmod +x "$stub/systemctl"
# after_stop EXIT_CODE EXIT_STATUS JOB: what orpheus-session --after-stop asked systemctl to do.
after_stop() {
  rm -f "$stub/systemctl-calls"
  STUB_DIR=$stub STUB_JOB=$3 EXIT_CODE=$1 EXIT_STATUS=$2 PATH="$stub:$PATH" \
    sh "$root/usr/lib/orpheus/orpheus-session" --after-stop orpheus-kiosk.service
  cat "$stub/systemctl-calls" 2>/dev/null || true
}
getty='--no-block --job-mode=fail start getty@tty1.service'
check "after exit status 64, getty@tty1 is started" test "$(after_stop exited 64 '')" = "$getty"
check "after systemctl stop, getty@tty1 is started" test "$(after_stop killed TERM stop)" = "$getty"
check "during systemctl restart, getty@tty1 is left alone" test -z "$(after_stop killed TERM restart)"
check "after a crash (a restart follows), getty@tty1 is left alone" test -z "$(after_stop exited 139 '')"

# --- The signed demo pack ---------------------------------------------------------------------
demo=$root/usr/share/orpheus/demo/thracology.db
if "$pack_tool" verify "$demo" --trust "$root/usr/share/orpheus/keys/demo.pub" >"$tmp/verify-pack.log" 2>&1 &&
  grep -q 'signed by trusted key' "$tmp/verify-pack.log"; then
  ok "the packaged demo pack verifies with the packaged demo.pub"
else
  cat "$tmp/verify-pack.log"
  failed "the packaged demo pack verifies with the packaged demo.pub"
fi
# Tests use the development pack as built: only a copy of it is signed for the package.
"$pack_tool" inspect --json "$build/content/thracology.db" >"$tmp/dev-pack.json" 2>&1
check "the development pack content/thracology.db stays unsigned" grep -q '"state": "unsigned"' "$tmp/dev-pack.json"
# The postinst installs the demo pack with the packaged configuration: it must trust demo.pub.
# (Its paths point into the extracted package here.)
sed "s|/usr/share/orpheus/|$root/usr/share/orpheus/|g; s|/var/lib/orpheus/|$tmp/var/|g; s|/run/orpheus/|$tmp/run/|g" \
  "$root/etc/orpheus/kiosk.toml" >"$tmp/kiosk.toml"
if "$pack_tool" install -q "$demo" --config "$tmp/kiosk.toml" --content-dir "$tmp/store" >"$tmp/install.log" 2>&1; then
  ok "the packaged configuration trusts the demo pack (orpheus-pack install, as the postinst runs it)"
else
  cat "$tmp/install.log"
  failed "the packaged configuration trusts the demo pack (orpheus-pack install, as the postinst runs it)"
fi

echo
finish
