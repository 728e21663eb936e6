#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run as root, or with sudo available):
#   scripts/setup.sh run    install what is missing, build, open the kiosk on the demo collection
#                           (without a display: a picture of every screen instead, and how to see it live)
#   scripts/setup.sh test   install what is missing, build (with -Werror), run the whole suite headless
#   scripts/setup.sh deps   only install the Debian packages
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libsqlite3-dev sqlite3
  libtomlplusplus-dev nlohmann-json3-dev doctest-dev libcli11-dev
  libgl-dev libegl-dev libgl1-mesa-dri libegl-mesa0
  fonts-noto-core
  libfontconfig-dev libfribidi-dev fonts-noto-cjk
  xvfb libx11-dev libxtst-dev
  libxfixes-dev libxrandr-dev libxss-dev
  libsodium-dev libicu-dev imagemagick libvips-tools
  libsystemd-dev cage xwayland grim
  dpkg-dev file
  libnetcdf-dev gmt-gshhg-low gmt-gshhg-high
  espeak-ng libvorbis-dev gettext
  libical-dev
  chromium
  libcurl4-gnutls-dev libzstd-dev nginx
)

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    # The downloaded .debs (1.5 GB) are not needed once installed: a small CI disk needs the room.
    $sudo apt-get clean
  fi
}

build() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
}

case "${1:-}" in
  deps) install_deps ;;
  run)
    shift
    install_deps
    build release
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      # A window here would be invisible (SDL falls back to its offscreen driver) and run forever.
      out=build/release/screens
      echo "setup: no display on this machine (neither DISPLAY nor WAYLAND_DISPLAY is set): writing a picture of every screen to $out/ instead (several minutes)"
      rm -rf "$out"
      tests/e2e/screens.sh build/release "$out" 1920x1080
      echo "setup: $(find "$out" -name '*.png' | wc -l) screens in $out/, from $out/01-home-en.png on (the kiosk's log: $out/kiosk.log)"
      echo "setup: to use the kiosk itself, run 'scripts/setup.sh run' on a machine with a screen, or here on a virtual one:"
      echo "         Xvfb :9 -screen 0 1920x1080x24 & DISPLAY=:9 scripts/setup.sh run   # watch it with x11vnc -display :9 and a VNC viewer"
      exit 0
    fi
    exec build/release/kiosk/bin/orpheus-kiosk --pack build/release/content/thracology.db "$@"
    ;;
  test)
    shift
    # Each stage's time is printed: the whole must stay under 40 minutes on two cores (README, Tests).
    start=$SECONDS
    install_deps
    deps_s=$((SECONDS - start))
    build ci
    build_s=$((SECONDS - start - deps_s))
    # Headless: Mesa's EGL through SDL's offscreen driver, no X server needed.
    status=0
    env -u DISPLAY SDL_VIDEODRIVER=offscreen ctest --preset ci "$@" || status=$?
    echo "setup: packages ${deps_s} s, build ${build_s} s, tests $((SECONDS - start - deps_s - build_s)) s; in all $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s"
    exit $status
    ;;
  *) echo "usage: $0 run|test|deps [args]" >&2; exit 2 ;;
esac
