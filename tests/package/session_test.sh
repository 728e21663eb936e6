#!/usr/bin/env bash
# package_session_tests: the packaged kiosk session, seen for real. Installs the .deb that the
# fixture package_deb built on this machine (dpkg -i, without a running systemd), starts
# /usr/lib/orpheus/orpheus-session as the package's user orpheus under the real cage (wlroots'
# headless backend, pixman renderer, no input devices; a private XDG_RUNTIME_DIR like logind's
# and /run/orpheus like the unit's RuntimeDirectory=), takes a screenshot from inside the
# compositor with grim and checks that it is the home screen: not black, the theme's background,
# and the same pixels the same installed build draws offscreen. Then stops the session the way
# systemd does (SIGTERM to orpheus-session alone, KillMode=mixed) and checks what systemd would
# see: READY=1, watchdog pings and STOPPING=1 on a stand-in notify socket, the kiosk stopping on
# SIGTERM, cage ending, exit status 0 within TimeoutStopSec. Finally dpkg --purge, and the machine
# is checked to be as it was (users, groups, /etc/orpheus, /var/lib/orpheus, /run/orpheus, unit
# links). Prints every check; fails if any failed. Screenshots and logs stay in
# BUILD_DIR/tests/package/session/ (cage-home.png, offscreen-home.png).
#
#   session_test.sh DEB_DIR BUILD_DIR     (DEB_DIR: the fixture's folder with the one .deb)
#
# Exit 77 (CTest: skipped), with the reason, when the machine cannot run it or must not be
# changed: not root, cage, grim or ImageMagick missing, systemd running (set
# ORPHEUS_SESSION_TEST_WITH_SYSTEMD=1 to run it anyway: the package then enables its units for
# the next boot until the purge), or the package or its user, folders already there.
#
# The session runs with [display] rotation = 180 (cage -r -r), not the packaged 0: cage 0.1.4
# shows a fullscreen client's buffer directly (scan-out) when its size and transform match the
# output's, and wlroots 0.15's screencopy, which grim uses, turns scan-out off and makes cage
# composite a fresh frame that repaints only what was damaged since: a client that has stopped
# drawing (an idle kiosk) is captured as the compositor's stale, black buffer. A turned output is
# always composited, so grim sees what the kiosk presented (docs/kiosk-session.md).
set -uo pipefail

deb_dir=$1 build=$2
out=$build/tests/package/session
by_hand="as root: ctest --test-dir $build -R package_session_tests --output-on-failure"
. "$(dirname "$0")/checks.sh"
skip() {
  echo "SKIPPED: $1"
  echo "package_session_tests installs the package on this machine and runs the session under cage; it needs root,"
  echo "cage, grim and ImageMagick (apt install cage grim imagemagick), no running systemd and no orpheus-kiosk"
  echo "installed. To run it by hand, $by_hand"
  exit 77
}
now_ms() { date +%s%3N; }
# ae A B [FUZZ]: how many pixels differ (ImageMagick's compare), or "error".
ae() {
  local n
  n=$(compare -metric AE ${3:+-fuzz "$3"} "$1" "$2" null: 2>&1)
  [[ $n =~ ^[0-9]+$ ]] && echo "$n" || echo error
}

# --- May this machine be changed? ----------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || skip "not root: installing the package (dpkg -i) and running the session as its user need root"
missing=()
for c in dpkg dpkg-query runuser getent pgrep cage grim convert compare identify perl; do
  command -v "$c" >/dev/null || missing+=("$c")
done
[ "${#missing[@]}" -eq 0 ] || skip "missing on this machine: ${missing[*]}"
if pidof systemd >/dev/null || [ -d /run/systemd/system ]; then
  [ "${ORPHEUS_SESSION_TEST_WITH_SYSTEMD:-}" = 1 ] ||
    skip "systemd runs here: the package would enable orpheus-kiosk.service (the kiosk on tty1) until the purge; ORPHEUS_SESSION_TEST_WITH_SYSTEMD=1 runs it anyway"
  echo "note: systemd runs here (ORPHEUS_SESSION_TEST_WITH_SYSTEMD=1): the units are enabled until the purge, never started"
else
  echo "no systemd running (pidof systemd finds nothing): the maintainer scripts must cope"
fi
status=$(dpkg-query -W -f='${db:Status-Status}' orpheus-kiosk 2>/dev/null || true)
case $status in
  "" | not-installed) ;;
  *) skip "orpheus-kiosk is already on this machine (dpkg: $status): the test would replace it, then purge it with its configuration and content" ;;
esac
for path in /etc/orpheus /var/lib/orpheus /run/orpheus; do
  [ ! -e "$path" ] || skip "$path exists without the package (an earlier installation?): the purge at the end would delete it"
done
if getent passwd orpheus >/dev/null || getent group orpheus >/dev/null; then
  skip "a user or group orpheus exists without the package: the purge at the end would delete it"
fi

debs=("$deb_dir"/*.deb)
if [ "${#debs[@]}" -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  echo "FAILED (cannot go on): the fixture package_deb made exactly one .deb in $deb_dir (${debs[*]})"
  exit 1
fi
deb=${debs[0]}

# What the package may touch, to compare after the purge.
machine_state() {
  find /etc/orpheus /var/lib/orpheus /run/orpheus /etc/systemd/system \
    /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked 2>/dev/null | sort
  grep -h orpheus /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/subuid /etc/subgid 2>/dev/null
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orpheus-session-test.XXXXXX")
rt=''              # the session's XDG_RUNTIME_DIR (the user's, as logind makes it)
installed=no       # yes from dpkg -i on: the cleanup purges
session_pid='' runuser_pid='' listener_pid=''
machine_state >"$tmp/before"
rm -rf "$out"
mkdir -p "$out"

# The cleanup also runs after a failure or an interruption: nothing of the test stays behind.
cleanup() {
  if [ -n "$runuser_pid" ] && kill -0 "$runuser_pid" 2>/dev/null; then
    [ -z "$session_pid" ] || kill -TERM "$session_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$runuser_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [ "$installed" = yes ] && getent passwd orpheus >/dev/null; then
    # Whatever the test started as orpheus (a user the test made) and is still running.
    for pid in $(pgrep -u orpheus); do kill -KILL "$pid" 2>/dev/null; done
  fi
  [ -z "$listener_pid" ] || kill "$listener_pid" 2>/dev/null
  if [ "$installed" = yes ]; then
    echo "cleanup: dpkg --purge orpheus-kiosk"
    dpkg --purge orpheus-kiosk >"$tmp/purge-cleanup.log" 2>&1 || cat "$tmp/purge-cleanup.log"
  fi
  [ -z "$rt" ] || rm -rf "$rt"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# --- Install ------------------------------------------------------------------------------------
echo "installing $(basename "$deb") ($(du -h "$deb" | cut -f1))"
start=$(now_ms)
installed=yes
if dpkg -i "$deb" >"$tmp/install.log" 2>&1; then
  ok "dpkg -i installs the package ($(( ($(now_ms) - start) / 1000 )) s)"
else
  cat "$tmp/install.log"
  echo "FAILED (cannot go on): dpkg -i installs the package"
  exit 1
fi
IFS=: read -r _ _ uid _ _ home shell < <(getent passwd orpheus)
check "the postinst made the system user orpheus (uid $uid, home $home, shell $shell)" \
  test "${uid:-1000}" -lt 1000 -a "$home" = /var/lib/orpheus -a "$shell" = /usr/sbin/nologin
for group in video input render audio; do
  getent group "$group" >/dev/null || continue
  check "orpheus is in the group $group" bash -c "id -nG orpheus | tr ' ' '\n' | grep -qx $group"
done
check "/var/lib/orpheus/content is orpheus's" test "$(stat -c %U "/var/lib/orpheus/content")" = orpheus
runuser -u orpheus -- orpheus-pack list --config /etc/orpheus/kiosk.toml >"$tmp/packs" 2>&1
check "the demo pack is the store's current pack" grep -q '^current ' "$tmp/packs"
if [ -x /usr/bin/deb-systemd-helper ]; then
  check "orpheus-kiosk.service is enabled for the next boot" test -L /etc/systemd/system/graphical.target.wants/orpheus-kiosk.service
  check "orpheus-update.timer is enabled" test -L /etc/systemd/system/timers.target.wants/orpheus-update.timer
fi
check "nothing was started (no process of the user orpheus)" test -z "$(pgrep -u orpheus)"

# --- The session under cage ---------------------------------------------------------------------
# [display] rotation = 180: see the top of this file. The kiosk itself draws the same at any rotation.
sed -i '0,/^rotation = 0 /s//rotation = 180 /' /etc/orpheus/kiosk.toml
check "the packaged configuration says [display] rotation = 180 for this test" \
  test "$(awk '/^\[/ { t = $0 } t == "[display]" && $1 == "rotation" { print $3 }' /etc/orpheus/kiosk.toml)" = 180
rt=$(mktemp -d "${TMPDIR:-/tmp}/orpheus-session-run.XXXXXX")
chown orpheus:orpheus "$rt"
chmod 0700 "$rt"
install -d -o orpheus -g orpheus -m 0755 /run/orpheus

# --- The home screen as the same build draws it offscreen ------------------------------------------
# The reference: the installed kiosk, same configuration and pack, at the size of cage's headless
# output (wlroots' default, 1280x720), its first settled frame (images decoded and faded in).
width=1280 height=720
pixels=$((width * height))
# Pixels per colour, most frequent first: "COUNT #RRGGBB".
histogram() {
  convert "$1" -alpha off -format %c histogram:info:- |
    awk 'match($0, /#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]/) {
      colour = toupper(substr($0, RSTART, 7)); sub(":", "", $1); print $1, colour }' | sort -rn
}
reference=$rt/offscreen-home.png
if (cd / && timeout 120 runuser -u orpheus -- env -i PATH=/usr/bin:/bin HOME=/var/lib/orpheus XDG_RUNTIME_DIR="$rt" \
  SDL_VIDEODRIVER=offscreen /usr/bin/orpheus-kiosk --config /etc/orpheus/kiosk.toml --windowed "${width}x${height}" \
  --screenshot "$reference" --set usage.enabled=false --set 'health.file=""') >"$tmp/offscreen.log" 2>&1 &&
  [ -s "$reference" ]; then
  cp "$reference" "$out/offscreen-home.png"
  histogram "$reference" >"$tmp/reference-histogram"
  ok "the installed kiosk draws the home screen offscreen ($(wc -l <"$tmp/reference-histogram") colours)"
else
  cat "$tmp/offscreen.log"
  echo "FAILED (cannot go on): the installed kiosk draws the home screen offscreen (--screenshot)"
  exit 1
fi

# A stand-in for systemd's notify socket (perl is Essential on Debian): every datagram, one line.
perl -e '
  use Socket;
  my ($path, $log_file) = @ARGV;
  socket(my $s, PF_UNIX, SOCK_DGRAM, 0) or die "socket: $!";
  bind($s, pack_sockaddr_un($path)) or die "bind $path: $!";
  chmod 0666, $path;
  open(my $log, ">>", $log_file) or die "$log_file: $!";
  select((select($log), $| = 1)[0]);
  my $end = time + 240;
  while (time < $end) {
    my $in = ""; vec($in, fileno($s), 1) = 1;
    next unless select(my $ready = $in, undef, undef, 1);
    defined(recv($s, my $m, 4096, 0)) or next;
    $m =~ s/\n/ /g;
    print $log "$m\n";
  }' "$rt/notify" "$tmp/notify.log" &
listener_pid=$!
for _ in $(seq 50); do [ -S "$rt/notify" ] && break; sleep 0.1; done
check "the stand-in notify socket listens" test -S "$rt/notify"

# As the unit runs it: user orpheus, HOME from passwd, RUNTIME_DIRECTORY=/run/orpheus, NOTIFY_SOCKET,
# WATCHDOG_USEC (4 s here instead of 30 s, to see pings soon) and WATCHDOG_PID naming another process
# (orpheus-session must unset it, or the kiosk would never ping).
(cd / && exec runuser -u orpheus -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/var/lib/orpheus \
  USER=orpheus LOGNAME=orpheus XDG_RUNTIME_DIR="$rt" XDG_SESSION_TYPE=wayland RUNTIME_DIRECTORY=/run/orpheus \
  NOTIFY_SOCKET="$rt/notify" WATCHDOG_USEC=4000000 WATCHDOG_PID=1 \
  WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
  sh -c 'echo $$ >"$XDG_RUNTIME_DIR/session.pid"; exec /usr/lib/orpheus/orpheus-session') \
  </dev/null >"$tmp/session.log" 2>&1 &
runuser_pid=$!
started=$(now_ms)
for _ in $(seq 50); do [ -s "$rt/session.pid" ] && break; sleep 0.1; done
session_pid=$(cat "$rt/session.pid" 2>/dev/null)
# cage, the kiosk's start-up, its pack check and first frame: seconds on a loaded machine.
for _ in $(seq 600); do
  grep -q 'first frame presented' "$tmp/session.log" && break
  kill -0 "$runuser_pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q 'first frame presented' "$tmp/session.log"; then
  cat "$tmp/session.log"
  echo "FAILED (cannot go on): the kiosk presents its first frame under cage within 60 s"
  exit 1
fi
ok "the kiosk presented its first frame under cage ($(( ($(now_ms) - started) )) ms after the session started)"
check "SDL runs on Wayland, in kiosk mode" grep -q 'video driver wayland, .* kiosk mode' "$tmp/session.log"

socket=$(cd "$rt" && ls wayland-? 2>/dev/null | head -n1)
grab() {  # grab FILE: grim's picture of cage's output
  timeout 20 runuser -u orpheus -- env XDG_RUNTIME_DIR="$rt" WAYLAND_DISPLAY="$socket" grim - >"$1" 2>>"$tmp/grim.log"
}
# Screenshots every second until one shows what the same build drew offscreen (the pictures are
# decoded on threads and fade in; on a loaded machine that takes seconds), at most 30 s.
close_enough=$((pixels / 100))  # under 1 % of the pixels differ by over 2 %
differ=error
grabs=0
for _ in $(seq 30); do
  grab "$tmp/shot.png" || { sleep 1; continue; }
  grabs=$((grabs + 1))
  differ=$(ae "$tmp/shot.png" "$reference" 2%)
  [ "$differ" != error ] && [ "$differ" -lt "$close_enough" ] && break
  sleep 1
done
shot=$out/cage-home.png
cp "$tmp/shot.png" "$shot"
check "grim's picture is the home screen the same build draws offscreen: $differ pixels differ (under $close_enough), after $grabs screenshots" \
  test "$differ" != error -a "${differ/error/0}" -lt "$close_enough"

# --- What grim saw, by itself ---------------------------------------------------------------------
histogram "$shot" >"$tmp/histogram"
read -r shot_width shot_height < <(identify -format '%w %h\n' "$shot")
window=$(sed -n 's/.*video driver wayland, .*window \([0-9]*x[0-9]*\).*/\1/p' "$tmp/session.log" | head -n1)
check "the screenshot is the kiosk's window, ${width}x${height} (grim: ${shot_width}x${shot_height}; kiosk: ${window:-?})" \
  test "${shot_width}x${shot_height}" = "${width}x${height}" -a "$window" = "${width}x${height}"
counted=$(awk '{ n += $1 } END { print n + 0 }' "$tmp/histogram")
check "the colour count covers every pixel ($counted of $pixels)" test "$counted" -eq "$pixels"
black=$(awk '$2 == "#000000" { print $1 }' "$tmp/histogram")
colours=$(wc -l <"$tmp/histogram")
echo "screenshot: $colours colours, ${black:-0} pixels black, most frequent:" \
  "$(head -n3 "$tmp/histogram" | awk -v p="$pixels" '{ printf "%s (%.1f %%) ", $2, $1 * 100 / p }')"
check "not a black frame: over 90 % of the pixels are not black" test $((${black:-0} * 10)) -lt "$pixels"
check "many colours (text and pictures, not a flat fill): $colours" test "$colours" -ge 1000
background=$(head -n1 "$tmp/reference-histogram" | cut -d' ' -f2)
check "the most frequent colour is the theme's background as drawn offscreen, $background (grim: $(head -n1 "$tmp/histogram" | cut -d' ' -f2))" \
  test "$(head -n1 "$tmp/histogram" | cut -d' ' -f2)" = "$background"
# health.json is rewritten every [health] interval_s by its own thread: on a fast machine grim can
# match before the first rewrite after the home screen appeared.
for _ in $(seq 300); do grep -q '"screen": *"home"' /run/orpheus/health.json 2>/dev/null && break; sleep 0.1; done
check "the kiosk reports the home screen (health.json)" grep -q '"screen": *"home"' /run/orpheus/health.json

# --- Stop it the way systemd does ----------------------------------------------------------------
[ -z "$session_pid" ] || kill -TERM "$session_pid"
stop_start=$(now_ms)
for _ in $(seq 150); do kill -0 "$runuser_pid" 2>/dev/null || break; sleep 0.1; done
stop_ms=$(($(now_ms) - stop_start))
if kill -0 "$runuser_pid" 2>/dev/null; then
  failed "SIGTERM to orpheus-session ends the session within TimeoutStopSec=15 (systemd would SIGKILL it now)"
  session_status=killed
else
  session_status=0
  wait "$runuser_pid" || session_status=$?
  ok "SIGTERM to orpheus-session ends the session in $stop_ms ms (TimeoutStopSec=15)"
fi
runuser_pid=''
cp "$tmp/session.log" "$out/session.log"
check "orpheus-session exits 0: systemd sees status=0/SUCCESS, the unit goes inactive, not failed (got $session_status)" \
  test "$session_status" = 0
check "the kiosk stopped on SIGTERM (passed on by orpheus-session)" grep -q 'received SIGTERM: stopping' "$tmp/session.log"
check "the kiosk ran to its end (its status reached orpheus-session through the status file)" \
  test -z "$(grep 'without running orpheus-kiosk to the end' "$tmp/session.log")"
check "cage was not signalled (no abort)" test -z "$(grep -Ei 'assertion|aborted|core dumped' "$tmp/session.log")"
for _ in $(seq 50); do [ -z "$(pgrep -u orpheus)" ] && break; sleep 0.1; done
check "cage ended too: no process of the user orpheus is left ($(pgrep -u orpheus -a | tr '\n' ';'))" test -z "$(pgrep -u orpheus)"
check "orpheus-session removed its status and pid files" test ! -e /run/orpheus/kiosk-exit-status -a ! -e /run/orpheus/kiosk.pid
check "health.json says stopping" grep -q '"state": *"stopping"' /run/orpheus/health.json
sleep 0.3  # the last datagrams
cp "$tmp/notify.log" "$out/notify.log"
check "systemd would get READY=1 (Type=notify), with a STATUS naming the pack" grep -q '^READY=1 STATUS=showing ' "$tmp/notify.log"
pings=$(grep -c '^WATCHDOG=1' "$tmp/notify.log")
check "the idle kiosk pings the watchdog (WATCHDOG_PID unset by orpheus-session): $pings pings" test "$pings" -ge 1
check "STOPPING=1 comes last" test "$(tail -n1 "$tmp/notify.log")" = STOPPING=1

# --- Purge ------------------------------------------------------------------------------------------
rm -rf "$rt"
rt=''
if dpkg --purge orpheus-kiosk >"$tmp/purge.log" 2>&1; then
  ok "dpkg --purge removes the package"
else
  cat "$tmp/purge.log"
  failed "dpkg --purge removes the package"
fi
installed=no
status=$(dpkg-query -W -f='${db:Status-Status}' orpheus-kiosk 2>/dev/null || true)
check "orpheus-kiosk is no longer installed (dpkg: ${status:-unknown})" test -z "$status" -o "$status" = not-installed
machine_state >"$tmp/after"
if diff "$tmp/before" "$tmp/after" >"$tmp/state.diff"; then
  ok "the machine is as before: users, groups, /etc/orpheus, /var/lib/orpheus, /run/orpheus, unit links"
else
  cat "$tmp/state.diff"
  failed "the machine is as before: users, groups, /etc/orpheus, /var/lib/orpheus, /run/orpheus, unit links"
fi

echo
echo "screenshots and logs: $out"
finish
