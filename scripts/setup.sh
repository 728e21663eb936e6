#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run as root, or with sudo available):
#   scripts/setup.sh run    install what is missing, build, open the kiosk on the demo collection
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
  libsystemd-dev cage xwayland
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
    exec build/release/kiosk/bin/orpheus-kiosk --pack build/release/content/thracology.db "$@"
    ;;
  test)
    shift
    install_deps
    build ci
    # Headless: Mesa's EGL through SDL's offscreen driver, no X server needed.
    env -u DISPLAY SDL_VIDEODRIVER=offscreen ctest --preset ci "$@"
    ;;
  *) echo "usage: $0 run|test|deps [args]" >&2; exit 2 ;;
esac
